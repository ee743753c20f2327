import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { createEmptyDatabase } from './utils/test-database.js';
import { freePort } from './utils/app-process.js';

const MAIN = path.resolve('dist/src/main.js');
const TIMEOUT_MS = 30_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built app with `env` until it exits, or until `until(stdout)` says it is up (then the test may
 * talk to it and `stop()` it). A run that neither exits nor comes up within the timeout is killed and fails.
 */
function start(env: Record<string, string>, until?: (stdout: string) => boolean) {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', SCHEDULER: 'off', JWT_SECRET: 'startup-test-secret-startup-test-secret', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, signal: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  // 'close', not 'exit': by then stdout and stderr have been read to the end.
  const exited = new Promise<Run>((resolve) =>
    child.once('close', (code, signal) => {
      run.code = code;
      run.signal = signal;
      resolve(run);
    }),
  );
  const settle = <T>(promise: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${what} within ${TIMEOUT_MS} ms\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`));
      }, TIMEOUT_MS);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };
  return {
    /** Resolves when the process exits. */
    exit: () => settle(exited, 'the app did not exit'),
    /** Resolves when `until` matches the output; rejects if the process exits first. */
    up: () =>
      settle(
        new Promise<void>((resolve, reject) => {
          const check = () => until?.(run.stdout) && resolve();
          child.stdout.on('data', check);
          void exited.then((r) => reject(new Error(`the app exited (${r.code}) before it was up:\n${r.stdout}\n${r.stderr}`)));
        }),
        'the app did not come up',
      ),
    stop: (signal: NodeJS.Signals = 'SIGTERM') => {
      child.kill(signal);
      return settle(exited, `the app did not stop on ${signal}`);
    },
  };
}

describe('start-up: a bad setting stops the service with the key named', () => {
  let dir: string;
  let adminUrl: string;
  const policyWith = (change: (policy: Record<string, any>) => void): string => {
    const policy = parse(readFileSync(path.resolve('config/policy.yaml'), 'utf8'));
    change(policy);
    const file = path.join(dir, `policy-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify(policy));
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'startup-'));
    adminUrl = process.env.TEST_PG_ADMIN_URL!;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start with a bad policy value: exits non-zero and stderr names the dotted key', async () => {
    const file = policyWith((p) => (p.sla.default.responseMinutes = -5));
    const run = await start({ POLICY_FILE: file, DATABASE_URL: adminUrl, DATA_DIR: dir, PORT: String(await freePort()) }).exit();
    expect(run.code).not.toBe(0);
    expect(run.code).toBe(78); // EX_CONFIG
    expect(run.stderr).toContain(`Refusing to start: ${file} is invalid`);
    expect(run.stderr).toContain('sla.default.responseMinutes: must not be less than 1');
    expect(run.stdout).not.toContain('is serving');
  });

  it('refuses to start when the policy names a calendar that does not exist, or leaves out a penalty', async () => {
    const calendar = await start({
      POLICY_FILE: policyWith((p) => (p.categories['收费'].sla.calendar = 'lunar')),
      DATABASE_URL: adminUrl,
      DATA_DIR: dir,
    }).exit();
    expect(calendar.code).toBe(78);
    expect(calendar.stderr).toContain('categories.收费.sla.calendar: unknown calendar "lunar"');
    const penalty = await start({ POLICY_FILE: policyWith((p) => delete p.penalties.overreach.city), DATABASE_URL: adminUrl, DATA_DIR: dir }).exit();
    expect(penalty.code).toBe(78);
    expect(penalty.stderr).toContain('penalties.overreach.city');
  });

  it('refuses to start when the policy file is missing, naming the path', async () => {
    const missing = path.join(dir, 'nope.yaml');
    const run = await start({ POLICY_FILE: missing, DATABASE_URL: adminUrl, DATA_DIR: dir }).exit();
    expect(run.code).toBe(78);
    expect(run.stderr).toContain(`${missing} is invalid`);
    expect(run.stderr).toContain('cannot be read');
  });

  it('refuses to start with a bad environment value (PORT), naming the variable', async () => {
    const run = await start({ PORT: 'eighty', DATABASE_URL: adminUrl, DATA_DIR: dir }).exit();
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('environment is invalid');
    expect(run.stderr).toContain('PORT: must be an integer between 0 and 65535, got "eighty"');
  });

  it('exits with an error, not a hang, when the database cannot be reached', async () => {
    const closedPort = await freePort();
    const run = await start({
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${closedPort}/nowhere`,
      DATA_DIR: dir,
      PORT: String(await freePort()),
    }).exit();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('start-up failed');
  });

  it('with a good policy: migrates, serves /health, and stops cleanly on SIGTERM', async () => {
    const database = await createEmptyDatabase('startup');
    try {
      const port = await freePort();
      const app = start({ DATABASE_URL: database.url, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: 'startup-admin-pw' }, (out) =>
        out.includes('complaint desk is serving'),
      );
      await app.up();
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'startup-admin-pw' }),
      });
      expect(login.status).toBe(200);
      const run = await app.stop('SIGTERM');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('migrations applied');
    } finally {
      await database.drop();
    }
  });

  it('listens on 127.0.0.1 unless HOST says otherwise: a quick start is not reachable from the network', async () => {
    const database = await createEmptyDatabase('startup_host');
    try {
      const port = await freePort();
      const app = start({ DATABASE_URL: database.url, DATA_DIR: dir, PORT: String(port), HOST: '' }, (out) => out.includes('complaint desk is serving'));
      await app.up();
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) await expect(fetch(`http://${external.address}:${port}/health`)).rejects.toThrow();
      const run = await app.stop('SIGTERM');
      expect(run.stdout).toContain(`"url":"http://127.0.0.1:${port}"`);
    } finally {
      await database.drop();
    }
  });
});
