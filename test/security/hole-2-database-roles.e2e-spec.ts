import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppendOnlyEvidence1796000100000 } from '../../migrations/1796000100000-AppendOnlyEvidence.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { APPEND_ONLY_TABLES } from '../../src/database/append-only.js';
import { runMigrations } from '../../src/database/data-source.js';
import { appDataSourceOptions } from '../../src/app.entities.js';
import { ensureDatabase, withDatabase } from '../../src/database/database-url.js';
import { APP_ROLE, credentialsPath, embeddedUrl, OWNER_ROLE, readCredentials } from '../../src/database/embedded-credentials.js';
import { EmbeddedPostgres, socketDirFor } from '../../src/database/embedded-postgres.js';
import { auditAppRole } from '../../src/database/role-audit.js';
import { createLogger } from '../../src/logging/logger.js';
import { freePort, serverDataDir, startApp, type AppProcess } from '../utils/app-process.js';
import { adminUrl, createEmptyDatabase, TEST_ROLES } from '../utils/test-database.js';

async function query<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function refusal(url: string, statements: string[]): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    for (const sql of statements.slice(0, -1)) await client.query(sql).catch(() => undefined);
    await client.query(statements.at(-1)!);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Who the running app's own sessions on this database are signed in as (asked as a superuser, who sees every session). */
const appSessionUsers = (superuserUrl: string) =>
  query<{ usename: string }>(
    superuserUrl,
    `SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'complaint-desk' AND datname = current_database() AND pid <> pg_backend_pid()`,
  ).then((r) => r.map((x) => x.usename));

/** The attempt inside a transaction: the refused SET is rolled back to a savepoint, then the statement is tried. */
const inTransactionAfterSet = (sql: string) => ['BEGIN', 'SAVEPOINT s', 'SET LOCAL session_replication_role = replica', 'ROLLBACK TO SAVEPOINT s', sql];

/** Objects of the public schema not owned by `owner`. */
const notOwnedBy = (url: string, owner: string) =>
  query<{ name: string }>(
    url,
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relowner <> $1::regrole
     UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proowner <> $1::regrole`,
    [owner],
  ).then((r) => r.map((x) => x.name));

describe('hole 2: the default start migrates as an owner role and serves as a restricted app role', () => {
  const dataDir = serverDataDir('default-roles');
  let app: AppProcess;
  let pgPort: number;
  let ownerUrl: string;
  let appUrl: string;

  beforeAll(async () => {
    pgPort = await freePort();
    // A real default start: no DATABASE_URL, the embedded server with its data under DATA_DIR/pg.
    app = await startApp({
      PORT: String(await freePort()),
      PG_PORT: String(pgPort),
      DATA_DIR: path.dirname(dataDir),
      DATABASE_URL: '',
      PG_DATA_DIR: '',
      PG_PASSWORD: '',
    });
    const credentials = readCredentials(dataDir);
    ownerUrl = embeddedUrl(pgPort, OWNER_ROLE, credentials.owner!, 'complaint_desk');
    appUrl = embeddedUrl(pgPort, APP_ROLE, credentials.app!, 'complaint_desk');
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('hole 2: keeps the generated passwords of the superuser, the owner and the app role in the data directory, readable by its owner only', () => {
    expect(statSync(credentialsPath(dataDir)).mode & 0o777).toBe(0o600);
    const credentials = readCredentials(dataDir);
    for (const password of [credentials.superuser, credentials.owner, credentials.app]) expect(password).toMatch(/^[\w-]{32}$/);
  });

  it('hole 2: the app is signed in as the app role, which is no superuser, creates no roles or databases, bypasses no row security and owns nothing', async () => {
    expect(await appSessionUsers(embeddedUrl(pgPort, 'postgres', readCredentials(dataDir).superuser!, 'complaint_desk'))).toEqual([APP_ROLE]);
    const [role] = await query(
      appUrl,
      `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolname: APP_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false });
    const [{ owned }] = await query(appUrl, `SELECT count(*)::int AS owned FROM pg_class WHERE relowner = current_user::regrole`);
    expect(owned).toBe(0);
    // The owner migrates and owns everything in the schema; it is no superuser either.
    expect(await notOwnedBy(ownerUrl, OWNER_ROLE)).toEqual([]);
    expect((await query(ownerUrl, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`))[0].rolsuper).toBe(false);
  });

  it('hole 2: the app role may not SET session_replication_role = replica', async () => {
    expect(await refusal(appUrl, ['SET session_replication_role = replica'])).toMatch(/permission denied to set parameter "session_replication_role"/);
    expect(await refusal(appUrl, ['BEGIN', 'SET LOCAL session_replication_role = replica'])).toMatch(/permission denied to set parameter/);
  });

  it.each(APPEND_ONLY_TABLES)('hole 2: UPDATE and DELETE on %s fail for the app role, also after trying SET session_replication_role', async (table) => {
    const [{ column }] = await query(ownerUrl, `SELECT attname AS column FROM pg_attribute WHERE attrelid = $1::regclass AND attnum = 1`, [table]);
    const update = `UPDATE "${table}" SET "${column}" = "${column}"`;
    const denied = new RegExp(`permission denied for table ${table}`);
    expect(await refusal(appUrl, [update])).toMatch(denied);
    expect(await refusal(appUrl, [`DELETE FROM "${table}"`])).toMatch(denied);
    expect(await refusal(appUrl, ['SET session_replication_role = replica', update])).toMatch(denied);
    expect(await refusal(appUrl, inTransactionAfterSet(`DELETE FROM "${table}"`))).toMatch(denied);
    expect(await refusal(appUrl, inTransactionAfterSet(update))).toMatch(denied);
  });

  it('hole 2: the well-known postgres/postgres sign-in does not open the embedded server', async () => {
    expect(await refusal(embeddedUrl(pgPort, 'postgres', 'postgres', 'postgres'), ['SELECT 1'])).toMatch(/password authentication failed/);
  });

  it('hole 2: the app’s sessions come through the Unix socket in the data directory, which asks for the password as TCP does', async () => {
    expect(socketDirFor(dataDir, pgPort)).toBe(dataDir);
    expect(existsSync(path.join(dataDir, `.s.PGSQL.${pgPort}`))).toBe(true);
    const superuserUrl = embeddedUrl(pgPort, 'postgres', readCredentials(dataDir).superuser!, 'complaint_desk', dataDir);
    // A session over the socket has no client address.
    const sessions = await query<{ socket: boolean }>(
      superuserUrl,
      `SELECT DISTINCT client_addr IS NULL AS socket FROM pg_stat_activity WHERE application_name = 'complaint-desk' AND datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(sessions).toEqual([{ socket: true }]);
    expect(await refusal(embeddedUrl(pgPort, 'postgres', 'postgres', 'postgres', dataDir), ['SELECT 1'])).toMatch(/password authentication failed/);
    expect(await refusal(embeddedUrl(pgPort, APP_ROLE, 'not-the-password', 'complaint_desk', dataDir), ['SELECT 1'])).toMatch(/password authentication failed/);
    // Only the server's account and root may enter the folder the socket is in.
    expect(statSync(dataDir).mode & 0o077).toBe(0);
  });
});

describe('hole 2: a data directory from an earlier version (only the postgres superuser, tables owned by it) is upgraded on start', () => {
  const dataDir = serverDataDir('upgrade-roles');
  let app: AppProcess | undefined;
  let pgPort: number;

  beforeAll(async () => {
    pgPort = await freePort();
    // What the previous version left: a cluster with postgres/postgres and every table owned by postgres.
    const old = new EmbeddedPostgres({
      dataDir,
      port: pgPort,
      user: 'postgres',
      password: 'postgres',
      settings: { fsync: 'off' },
      logger: createLogger('silent'),
    });
    await old.start();
    const url = withDatabase(old.url, 'complaint_desk');
    await ensureDatabase(url);
    const earlier = MIGRATIONS.slice(0, MIGRATIONS.indexOf(AppendOnlyEvidence1796000100000));
    const ds = await new DataSource({ ...appDataSourceOptions(url, 2), migrations: earlier }).initialize();
    try {
      await ds.runMigrations();
      // Rows in the shapes this version changes: a term closed by ended_at, a breach met late, a decided case.
      await ds.query(`INSERT INTO org_term (kind, subject_id, holder_id, started_at, ended_at) VALUES
        ('supervisor', '00000000-0000-0000-0000-00000000000d', '00000000-0000-0000-0000-0000000000a1', '2026-10-01T00:00:00Z', '2026-10-15T00:00:00Z'),
        ('supervisor', '00000000-0000-0000-0000-00000000000d', '00000000-0000-0000-0000-0000000000a2', '2026-10-15T00:00:00Z', NULL)`);
      await ds.query(`INSERT INTO sla_breach (clock_id, ticket_id, purpose, handler_id, department_id, due_at, breached_at, met_at)
        VALUES (gen_random_uuid(), gen_random_uuid(), 'response', gen_random_uuid(), gen_random_uuid(), '2026-10-02T00:00:00Z', '2026-10-02T00:00:00Z', '2026-10-02T05:00:00Z')`);
      await ds.query(`INSERT INTO scoring_disciplinary_case (overreach_id, entry_id, employee_id, ticket_id, opened_at, outcome, outcome_note, decided_by_id, decided_at)
        VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '2026-10-03T00:00:00Z', 'demerit', '记过', gen_random_uuid(), '2026-10-04T00:00:00Z')`);
    } finally {
      await ds.destroy();
    }
    await old.stop();
    app = await startApp({
      PORT: String(await freePort()),
      PG_PORT: String(pgPort),
      PG_DATA_DIR: dataDir,
      DATA_DIR: path.dirname(dataDir),
      DATABASE_URL: '',
      PG_PASSWORD: '',
    });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('hole 2: creates the roles, hands every object to the owner, serves as the app role and retires the postgres/postgres password', async () => {
    const credentials = readCredentials(dataDir);
    const ownerUrl = embeddedUrl(pgPort, OWNER_ROLE, credentials.owner!, 'complaint_desk');
    expect(await notOwnedBy(ownerUrl, OWNER_ROLE)).toEqual([]);
    expect(await appSessionUsers(embeddedUrl(pgPort, 'postgres', credentials.superuser!, 'complaint_desk'))).toEqual([APP_ROLE]);
    const appUrl = embeddedUrl(pgPort, APP_ROLE, credentials.app!, 'complaint_desk');
    expect(await refusal(appUrl, ['DELETE FROM org_term'])).toMatch(/permission denied for table org_term/);
    expect(await refusal(embeddedUrl(pgPort, 'postgres', 'postgres', 'postgres'), ['SELECT 1'])).toMatch(/password authentication failed/);
    expect(await query(embeddedUrl(pgPort, 'postgres', credentials.superuser!, 'postgres'), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('hole 2: keeps the earlier rows’ facts as rows of their own: the term ends where the next starts, the late answer, the outcome', async () => {
    const ownerUrl = embeddedUrl(pgPort, OWNER_ROLE, readCredentials(dataDir).owner!, 'complaint_desk');
    const terms = await query(ownerUrl, `SELECT holder_id, lead(started_at) OVER (ORDER BY started_at, id) AS ended_at FROM org_term ORDER BY id`);
    expect(terms).toEqual([
      { holder_id: '00000000-0000-0000-0000-0000000000a1', ended_at: new Date('2026-10-15T00:00:00Z') },
      { holder_id: '00000000-0000-0000-0000-0000000000a2', ended_at: null },
    ]);
    expect(await query(ownerUrl, `SELECT m.met_at FROM sla_breach_met m JOIN sla_breach b ON b.id = m.breach_id`)).toEqual([
      { met_at: new Date('2026-10-02T05:00:00Z') },
    ]);
    expect(await query(ownerUrl, `SELECT outcome, note FROM scoring_disciplinary_outcome`)).toEqual([{ outcome: 'demerit', note: '记过' }]);
  });
});

describe('hole 2: with DATABASE_URL the app warns at start-up when its role could alter evidence', () => {
  it('hole 2: warns, naming the risk, when it connects as a superuser', async () => {
    const database = await createEmptyDatabase('warn_superuser');
    const superuser = new URL(database.url);
    const admin = new URL(adminUrl());
    superuser.username = admin.username;
    superuser.password = admin.password;
    const app = await startApp({ PORT: String(await freePort()), DATABASE_URL: superuser.toString() });
    try {
      const line = app
        .output()
        .split('\n')
        .map((l) => (l.startsWith('{') ? JSON.parse(l) : null))
        .find((l) => l?.risk === 'superuser');
      expect(line).toMatchObject({ level: 'warn', role: admin.username });
      expect(line.msg).toContain('a superuser');
      expect(line.msg).toContain('session_replication_role');
      expect(line.msg).toContain('MIGRATION_DATABASE_URL');
    } finally {
      await app.stop();
      await database.drop();
    }
  });

  it('hole 2: names the owner of the evidence tables as a risk: it can disable or drop the guards', async () => {
    const database = await createEmptyDatabase('warn_owner');
    try {
      await runMigrations(database.url);
      const [owner] = await auditAppRole(database.url);
      expect(owner).toMatchObject({ risk: 'owner', role: TEST_ROLES.owner.name, tables: [...APPEND_ONLY_TABLES].sort() });
      expect(owner.message).toContain('disable or drop');
    } finally {
      await database.drop();
    }
  });

  it('hole 2: serves as a restricted role with MIGRATION_DATABASE_URL naming the owner: migrates, grants and warns of nothing', async () => {
    const database = await createEmptyDatabase('warn_none');
    const app = await startApp({ PORT: String(await freePort()), DATABASE_URL: database.appUrl, MIGRATION_DATABASE_URL: database.url });
    try {
      expect(app.output()).not.toContain('"risk"');
      // A request that reads the database, so the app holds a session now (its pool closes idle ones after 10 s).
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
      expect(await appSessionUsers(withDatabase(adminUrl(), new URL(database.url).pathname.slice(1)))).toEqual([TEST_ROLES.app.name]);
      expect(await auditAppRole(database.appUrl)).toEqual([]);
      expect(await refusal(database.appUrl, ['DELETE FROM sla_breach'])).toMatch(/permission denied for table sla_breach/);
    } finally {
      await app.stop();
      await database.drop();
    }
  });
});
