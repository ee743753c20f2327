import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../src/database/data-source.js';
import { applyAppGrants, provisionDatabase, type DatabaseRoles } from '../../src/database/database-roles.js';

/**
 * The suite's roles, set up like the default start's: each test database is owned and migrated by
 * `desk_test_owner`, and the app under test connects as `desk_test_app`, which may not change evidence.
 */
export const TEST_ROLES: Omit<DatabaseRoles, 'database'> = {
  owner: { name: 'desk_test_owner', password: 'desk-test-owner-password' },
  app: { name: 'desk_test_app', password: 'desk-test-app-password' },
};

export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run the e2e tests through jest (globalSetup starts PostgreSQL)');
  return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** As the app's role: what the app under test connects with. */
  url: string;
  /** As the owner: migrations, and tests that need the owner's powers. */
  ownerUrl: string;
  drop(): Promise<void>;
}

async function provision(label: string): Promise<TestDatabase> {
  const name = `test_${label
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const { ownerUrl, appUrl } = await provisionDatabase(adminUrl(), { database: name, ...TEST_ROLES });
  return { url: appUrl, ownerUrl, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

/** A fresh database for one test file, migrated by the owner, the app role granted as at every start; its name contains `test`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const database = await provision(label);
  await runMigrations(database.ownerUrl);
  await applyAppGrants(database.ownerUrl, TEST_ROLES.app.name);
  return database;
}

/** An empty database (no migrations), for tests of the migrations themselves: `url` is the owner's here. */
export async function createEmptyDatabase(label: string): Promise<TestDatabase & { appUrl: string }> {
  const database = await provision(label);
  return { ...database, url: database.ownerUrl, appUrl: database.url };
}
