import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { runMigrations } from '../src/database/data-source.js';
import { APP_ENTITIES, appDataSourceOptions } from '../src/app.entities.js';
import { pendingSchemaChanges } from '../src/database/schema-drift.js';
import { createTestApp } from './utils/create-app.js';
import { createEmptyDatabase, createTestDatabase } from './utils/test-database.js';

/** Tables in the public schema, apart from TypeORM's record of applied migrations. */
async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Fails with the SQL a fresh `migration:generate` would write, so the fix is in the message. */
function expectNoPendingChanges(pending: { up: string[] }): void {
  if (pending.up.length) {
    throw new Error(`entities and migrations disagree; \`npm run migration:generate -- Name\` would write:\n${pending.up.map((q) => `  ${q};`).join('\n')}`);
  }
  expect(pending.up).toEqual([]);
}

describe('schema: migrations are the reviewed source of the schema', () => {
  it('entities and migrations agree: a freshly migrated database needs no further change', async () => {
    const database = await createTestDatabase('schema_drift');
    try {
      expectNoPendingChanges(await pendingSchemaChanges(database.ownerUrl, APP_ENTITIES));
    } finally {
      await database.drop();
    }
  });

  it('each module registers its own tables, and the app ends up with exactly the list the CLI composes', async () => {
    const t = await createTestApp('schema_modules');
    try {
      const registered = t.db.entityMetadatas.map((m) => (m.target as { name: string }).name).sort();
      const composed = APP_ENTITIES.map((e) => e.name).sort();
      expect(registered).toEqual(composed);
    } finally {
      await t.close();
    }
  });

  it('applies every migration on an empty database, and running them again is a no-op', async () => {
    const database = await createEmptyDatabase('schema_twice');
    try {
      const first = await runMigrations(database.url);
      expect(first).toEqual(MIGRATIONS.map((m) => (m as unknown as { name: string }).name));
      expect(await runMigrations(database.url)).toEqual([]);
      const ds = await new DataSource(appDataSourceOptions(database.url, 1)).initialize();
      try {
        const [{ count }] = await ds.query('SELECT count(*)::int AS count FROM schema_migration');
        expect(count).toBe(MIGRATIONS.length);
      } finally {
        await ds.destroy();
      }
    } finally {
      await database.drop();
    }
  });

  it('every migration can be reverted, down to an empty schema, and applied again', async () => {
    const database = await createTestDatabase('schema_down_up');
    const ds = await new DataSource(appDataSourceOptions(database.ownerUrl, 2)).initialize();
    try {
      const migrated = await tables(ds);
      expect(migrated.length).toBeGreaterThan(0);
      for (let i = MIGRATIONS.length; i > 0; i--) {
        await ds.undoLastMigration({ transaction: 'each' });
        const [{ count }] = await ds.query('SELECT count(*)::int AS count FROM schema_migration');
        expect(count).toBe(i - 1);
      }
      expect(await tables(ds)).toEqual([]);
      const enums: unknown[] = await ds.query(
        `SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
      );
      expect(enums).toEqual([]);

      expect(await runMigrations(database.ownerUrl)).toHaveLength(MIGRATIONS.length);
      expect(await tables(ds)).toEqual(migrated);
      expectNoPendingChanges(await pendingSchemaChanges(database.ownerUrl, APP_ENTITIES));
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });
});
