import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { api, freePort, login, startApp, type AppProcess } from './utils/app-process.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

/**
 * Issue 14: with DATABASE_URL and no JWT_SECRET every instance generated a secret of its own, so a token
 * from one instance failed on the next. The key now lives in the database (app_secret), inserted by the
 * first instance to start, read by all.
 */
describe('one signing key for every instance on a database (DATABASE_URL without JWT_SECRET)', () => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-shared-secret-'));
  const apps: AppProcess[] = [];
  const start = async () => startApp({ PORT: String(await freePort()), DATABASE_URL: database.url, JWT_SECRET: '', DATA_DIR: dataDir, SCHEDULER: 'off' });

  beforeAll(async () => {
    database = await createTestDatabase('shared_secret');
    // Two instances starting together: both try to create the key, one row wins, both use it.
    apps.push(...(await Promise.all([start(), start()])));
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a token issued by one instance on the other, both ways', async () => {
    const [a, b] = apps;
    const fromA = await login(a.url, 'admin', 'admin-password-1');
    const fromB = await login(b.url, 'admin', 'admin-password-1');
    expect((await api(b.url, 'GET', '/staff', fromA)).status).toBe(200);
    expect((await api(a.url, 'GET', '/staff', fromB)).status).toBe(200);
  });

  it('keeps the key in the database, not in a file: an instance started later accepts earlier tokens', async () => {
    const token = await login(apps[0].url, 'admin', 'admin-password-1');
    await apps.shift()!.stop();
    apps.push(await start());
    expect((await api(apps.at(-1)!.url, 'GET', '/staff', token)).status).toBe(200);
    expect(existsSync(path.join(dataDir, 'jwt-secret'))).toBe(false);
    const client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT name, length(value) AS length FROM app_secret`);
    await client.end();
    expect(rows).toEqual([{ name: 'jwt-signing-key', length: 64 }]);
  });
});
