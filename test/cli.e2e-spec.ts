import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, login, serverDataDir, startApp, type AppProcess } from './utils/app-process.js';

const run = promisify(execFile);

/**
 * Issue 14: `npm run seed:demo`, `npm run report` and the migration commands failed with a bare
 * ECONNREFUSED beside a running app started on another PG_PORT, and each first ran `npm run build`,
 * which empties dist/ under the running server. They now find the server through its data directory
 * (the port in postmaster.pid, the passwords beside it) and run dist/ as it is.
 */
describe('command-line tools beside a running app (npm run seed:demo, report, migration:run)', () => {
  const dataDir = serverDataDir('cli');
  const main = path.resolve('dist/src/main.js');
  let app: AppProcess;
  let built: { ino: number; mtimeMs: number };
  let env: NodeJS.ProcessEnv;
  const npm = (...args: string[]) => run('npm', ['run', '--silent', ...args], { env });

  beforeAll(async () => {
    app = await startApp({
      PORT: String(await freePort()),
      PG_PORT: String(await freePort()),
      DATA_DIR: path.dirname(dataDir),
      DATABASE_URL: '',
      PG_DATA_DIR: '',
    });
    const { ino, mtimeMs } = statSync(main);
    built = { ino, mtimeMs };
    // The tools get the data directory but a PG_PORT nothing listens on: only postmaster.pid says where the server is.
    env = { ...process.env, DATA_DIR: path.dirname(dataDir), PG_PORT: String(await freePort()), DATABASE_URL: '', PG_DATA_DIR: '', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('npm run seed:demo seeds the running app’s database, whose port it reads from the data directory', async () => {
    const { stdout } = await npm('seed:demo');
    expect(stdout).toContain('demo company created: 4 departments');
    expect(await login(app.url, 'cs.staff1', 'demo-password')).toMatch(/^ey/);
  });

  it('npm run report writes the report of that database to stdout, and npm run migration:run finds it up to date', async () => {
    const { stdout } = await npm('report', '--', 'summary', '--month', '2026-11');
    expect(JSON.parse(stdout)).toMatchObject({ month: '2026-11' });
    expect((await npm('migration:run')).stdout).toContain('the schema is up to date');
  });

  it('none of them rebuilt dist/ under the running app, which still serves', async () => {
    const { ino, mtimeMs } = statSync(main);
    expect({ ino, mtimeMs }).toEqual(built);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
