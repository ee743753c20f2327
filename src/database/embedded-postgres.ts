import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { embeddedUrl, generatePassword, LEGACY_SUPERUSER_PASSWORD, readCredentials, writeCredentials } from './embedded-credentials.js';
import { reachableDataDir, reachableRuntime, serverAccount, type ServerAccount } from './embedded-placement.js';

interface Binaries {
  postgres: string;
  initdb: string;
}

export const DEFAULT_RUNTIME_DIR = '/var/lib/complaint-desk';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** `dataDir` is the default location: it may be kept under `runtimeDir` when the server's account cannot reach it. */
  relocatable?: boolean;
  /** Where the runtime is copied (and relocatable data kept) when the `postgres` user cannot reach them; default /var/lib/complaint-desk. */
  runtimeDir?: string;
  port: number;
  user: string;
  /**
   * The superuser's password. Unset: a new cluster gets a generated one, kept in its data directory
   * (embedded-credentials.ts); a cluster made by an earlier version has `postgres` until start-up replaces it.
   */
  password?: string;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  /**
   * Listen on a Unix socket in the data directory as well as on 127.0.0.1 (see `socketDir`). The app's own
   * connections go through it: a socket costs both sides less per statement than loopback TCP.
   */
  socket?: boolean;
  logger: Logger;
}

/** The longest socket path the kernel takes (sun_path is 108 bytes with its terminating NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * The folder a server on `port` can keep its Unix socket in: the data directory, which only the server's account
 * (and root) may enter, so no other local user reaches the socket. None when the socket's path would be too long,
 * or when the folder's name has a comma, a quote or white space (the setting reads those as a list).
 */
export function socketDirFor(dataDir: string, port: number): string | undefined {
  if (/[,"\s]/.test(dataDir)) return undefined;
  return Buffer.byteLength(path.join(dataDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH ? dataDir : undefined;
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
 * The server running on `dataDir`, read from its postmaster.pid: the process (alive, and a postgres) and
 * the port it listens on (the pid file's fourth line), so tools find it whatever PG_PORT says now.
 */
export function runningServer(dataDir: string): { pid: number; port: number; socketDir?: string } | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !isPostgres(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  // The fifth line is the folder of its Unix socket, empty when it listens on TCP only.
  return { pid, port, socketDir: lines[4]?.trim() || undefined };
}

/**
 * Runs a PostgreSQL server from the npm package's binaries, with its data under `dataDir`.
 * We spawn the server ourselves (rather than through the package's class) so shutdown order is ours:
 * the app drains first, then the database stops. Works as root by running the server as `postgres`,
 * with the binaries and the data where that account can reach them (embedded-placement.ts).
 */
export class EmbeddedPostgres {
  private process?: ChildProcess;
  private stopping = false;
  private account?: ServerAccount;
  private placed?: { runtime: string; dataDir: string };
  private superuserPassword?: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.superuserPassword = options.password;
  }

  /** The data directory in use: `options.dataDir`, or where it had to be kept instead. */
  get dataDir(): string {
    return this.place().dataDir;
  }

  get password(): string {
    return this.superuserPassword ?? readCredentials(this.dataDir).superuser ?? LEGACY_SUPERUSER_PASSWORD;
  }

  /** After start-up replaced the superuser's password (a cluster from an earlier version). */
  usePassword(password: string): void {
    this.superuserPassword = password;
  }

  get url(): string {
    return embeddedUrl(this.options.port, this.options.user, this.password, 'postgres', this.socketDir);
  }

  /** The folder of the server's Unix socket (its data directory), when it listens on one. */
  get socketDir(): string | undefined {
    return this.options.socket ? socketDirFor(this.dataDir, this.options.port) : undefined;
  }

  /** Decides where the binaries and the data are, once; refuses (PlacementError) where the server cannot reach them. */
  place(): { runtime: string; dataDir: string } {
    if (!this.placed) {
      this.account = serverAccount();
      const runtimeDir = this.options.runtimeDir ?? DEFAULT_RUNTIME_DIR;
      const runtime = reachableRuntime(this.account, runtimeDir, this.options.logger);
      const dataDir = reachableDataDir(
        this.account,
        { dataDir: this.options.dataDir, relocatable: !!this.options.relocatable, runtimeDir },
        this.options.logger,
      );
      this.placed = { runtime, dataDir };
    }
    return this.placed;
  }

  async start(): Promise<void> {
    const { runtime, dataDir } = this.place();
    const bin = { postgres: path.join(runtime, 'bin', 'postgres'), initdb: path.join(runtime, 'bin', 'initdb') };
    mkdirSync(dataDir, { recursive: true });
    if (this.account) chownSync(dataDir, this.account.uid, this.account.gid);
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await this.initialise(bin, dataDir);
    await this.recoverLeftovers(dataDir);
    await this.spawnServer(bin, dataDir);
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

  private async initialise(bin: Binaries, dataDir: string): Promise<void> {
    this.options.logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
    const password = this.options.password ?? generatePassword();
    const pwfile = path.join(tmpdir(), `pg-pw-${process.pid}-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (this.account) chownSync(pwfile, this.account.uid, this.account.gid);
    try {
      execFileSync(
        bin.initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${this.options.user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
        { ...this.account, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${stderr || (error as Error).message}`, { cause: error });
    } finally {
      rmSync(pwfile, { force: true });
    }
    // Written at once: a cluster whose generated password was lost could not be opened again.
    if (!this.options.password) {
      writeCredentials(dataDir, { superuser: password });
      this.superuserPassword = password;
    }
  }

  /** A previous run killed with -9 leaves its postmaster running, or a stale pid file: clear both. */
  private async recoverLeftovers(dataDir: string): Promise<void> {
    const pidFile = path.join(dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    let pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    // A negative pid is a standalone backend's (initdb's bootstrap, single-user mode): never take its file away
    // while it lives; give it a moment to finish, and refuse with the pid if it does not.
    for (let waited = 0; Number.isInteger(pid) && pid < 0 && alive(-pid) && isPostgres(-pid); waited += 100) {
      if (waited > 10_000) throw new Error(`a standalone PostgreSQL backend (pid ${-pid}) holds ${dataDir}; wait for it to finish, then start again`);
      await sleep(100);
      if (!existsSync(pidFile)) return;
      pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    }
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

  private async spawnServer(bin: Binaries, dataDir: string): Promise<void> {
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: this.socketDir ?? '',
      max_connections: '200',
      // A backend that writes out dirty pages asks the kernel to pass them to the disk every 256 kB, rather than let
      // the page cache gather them until its own writeback: a batch of hundreds of MB (photos in TOAST, a checkpoint)
      // made a COMMIT's WAL fsync wait ~150 ms behind it, stalling every intake at once (docs/benchmarks.md).
      backend_flush_after: '256kB',
      ...this.options.settings,
    };
    const args = ['-D', dataDir, '-p', String(this.options.port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    // Own process group: a terminal's Ctrl-C reaches the app, which then stops the database in order.
    const child = spawn(bin.postgres, args, { ...this.account, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
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
    log.info({ port: this.options.port, dataDir }, 'embedded PostgreSQL is up');
  }
}
