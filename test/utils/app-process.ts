import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contractAt, recordViolation } from '../contract/response-contract.js';

/**
 * A free TCP port on loopback for a child process to listen on. It is drawn below Linux's ephemeral range
 * (32768–60999): a port the kernel handed out and took back can be handed straight out again as the local end
 * of some other worker's outgoing connection (to PostgreSQL, say) before the child binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await bindable(port)) return port;
    if (attempt > 50) throw new Error('no free port below the ephemeral range');
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface AppProcess {
  url: string;
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built app (`node dist/src/main.js` of `cwd`) as a child process and waits until /health answers 200. */
export async function startApp(env: Record<string, string>, timeoutMs = 60_000, cwd = process.cwd()): Promise<AppProcess> {
  const port = Number(env.PORT);
  let output = '';
  const proc = spawn(process.execPath, [path.resolve(cwd, 'dist/src/main.js')], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', JWT_SECRET: 'reliability-secret-reliability-secret-42', ADMIN_PASSWORD: 'admin-password-1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  proc.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`app exited during start (${proc.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`app did not become healthy within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}

export async function api(url: string, method: string, pathName: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${pathName}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  // Checked against the document the app serves, like every supertest response (test/contract/).
  const contract = await contractAt(url);
  recordViolation(contract?.check(method, pathName, { status: res.status, headers: Object.fromEntries(res.headers), body: json, text }) ?? null);
  return { status: res.status, body: json };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await api(url, 'POST', '/auth/login', undefined, { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/**
 * A data directory for an embedded PostgreSQL a test starts: under the system's temp folder, where the
 * server's unprivileged account (root runs it as `postgres`) can reach it even when the project sits in
 * a 0700 folder. Remove `path.dirname()` of it afterwards.
 */
export function serverDataDir(label: string): string {
  const parent = mkdtempSync(path.join(tmpdir(), `desk-${label}-`));
  chmodSync(parent, 0o755);
  return path.join(parent, 'pg');
}
