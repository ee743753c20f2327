import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './utils/app-process.js';
import { createEmptyDatabase } from './utils/test-database.js';

/**
 * A module preloaded into the app: on SIGUSR2 it emits a process warning the way Fastify's deprecations
 * (FSTDEP023) and Node's own warnings are emitted, so the test can see where such a warning goes.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => process.emitWarning('probe warning from the test', { type: 'ProbeWarning', code: 'PROBE001' }));",
)}`;

type Line = Record<string, unknown> & { level: string; msg?: string; context?: string };

/** Issue 14, logging: the built app, as `npm start` runs it, writes JSON lines and nothing else. */
describe('the app’s output is JSON log lines, with every message (issue 14)', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let child: ChildProcess;
  let port: number;
  let stdout = '';
  let stderr = '';
  let exitCode: number | null = null;
  const lines = () => stdout.split('\n').filter(Boolean);
  const parsed = () => lines().map((l) => JSON.parse(l) as Line);
  const waitFor = async (what: string, found: () => boolean) => {
    for (let i = 0; !found(); i++) {
      if (i > 600 || child.exitCode !== null) throw new Error(`${what} did not happen:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    database = await createEmptyDatabase('logging');
    port = await freePort();
    child = spawn(process.execPath, ['--import', PROBE, path.resolve('dist/src/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'info',
        SCHEDULER: 'off',
        JWT_SECRET: 'logging-test-secret-logging-test-secret',
        DATABASE_URL: database.url,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'logging-')),
        PORT: String(port),
        HOST: '127.0.0.1',
        ADMIN_PASSWORD: 'logging-admin-pw',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor('start-up', () => stdout.includes('complaint desk is serving'));
    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'not-the-password' }),
    });
    expect(login.status).toBe(401);
    child.kill('SIGUSR2');
    await waitFor('the probe warning', () => stdout.includes('PROBE001') || stderr.includes('PROBE001'));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    exitCode = await exited;
  }, 90_000);
  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('writes only JSON lines: nothing on stderr, no plain-text line on stdout', () => {
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    for (const line of lines()) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('logs a process warning as a JSON warn line with its name and code, and Fastify emits no deprecation', () => {
    expect(parsed().find((l) => (l.warning as { code?: string } | undefined)?.code === 'PROBE001')).toMatchObject({
      level: 'warn',
      msg: 'probe warning from the test',
      warning: { name: 'ProbeWarning', code: 'PROBE001' },
    });
    expect(stdout).not.toContain('FSTDEP');
  });

  it('keeps the message of a warn(fields, text) call: the failed sign-in line', () => {
    expect(parsed().find((l) => l.context === 'AuthService' && l.level === 'warn')).toMatchObject({ msg: 'failed sign-in', username: 'admin' });
    for (const line of parsed().filter((l) => l.level === 'warn' || l.level === 'error')) expect(line.msg).toEqual(expect.any(String));
  });

  it('logs Nest’s route mapping at debug: no RouterExplorer, RoutesResolver or InstanceLoader line at info', () => {
    const chatter = parsed().filter((l) => ['RouterExplorer', 'RoutesResolver', 'InstanceLoader'].includes(l.context ?? ''));
    expect(chatter).toEqual([]);
    expect(parsed().map((l) => l.context)).toContain('NestApplication');
    // Start-up is a handful of lines, not a hundred.
    expect(parsed().filter((l) => !l.reqId && l.level === 'info').length).toBeLessThan(15);
  });
});
