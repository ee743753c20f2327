// The app under test as a child process (`node dist/src/main.js`), exactly as `npm run start:prod`
// runs it, with the SQL capture hook preloaded and the scheduler off so that only explicit sweeps run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startApp({ root, port, databaseUrl, captureFile, adminPassword, jwtSecret, nodeArgs = [], entry = 'dist/src/main.js', env = {} }) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', path.join(root, 'bench/sql-capture.mjs'), entry], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      ADMIN_PASSWORD: adminPassword,
      JWT_SECRET: jwtSecret,
      JWT_TTL_SECONDS: String(4 * 3600),
      SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      BENCH_SQL_CAPTURE: captureFile,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the app exited during start (code ${child.exitCode}):\n${output}`);
    if (waited > 60_000) throw new Error(`the app did not become healthy within 60 s:\n${output}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    base,
    pid: child.pid,
    output: () => output,
    /** Resident set now and at its peak since start (kB, from /proc). */
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
    },
    /** Toggles the SQL capture hook and waits until it has switched. */
    async toggleCapture(expect) {
      const before = markCount(captureFile, expect);
      process.kill(child.pid, 'SIGUSR2');
      for (let i = 0; markCount(captureFile, expect) === before; i++) {
        if (i > 100) throw new Error('the capture hook did not answer SIGUSR2');
        await sleep(20);
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function markCount(file, mark) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l === JSON.stringify({ mark })).length;
  } catch {
    return 0;
  }
}

/** JSON over HTTP with a bearer token; throws on an unexpected status. */
export function client(base, token) {
  return async function call(method, url, body, { expect = [200, 201], headers = {} } = {}) {
    const res = await fetch(base + url, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const type = res.headers.get('content-type') ?? '';
    const payload = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    if (!expect.includes(res.status)) throw new Error(`${method} ${url}: ${res.status} ${type.includes('json') ? JSON.stringify(payload) : ''}`);
    return { status: res.status, body: payload, headers: res.headers };
  };
}

export async function login(base, username, password) {
  const { body } = await client(base)('POST', '/auth/login', { username, password });
  return body.accessToken;
}
