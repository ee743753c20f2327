// The bench's own embedded PostgreSQL (same binaries and settings as `npm start`), and the client tools
// the baselines need: pgbench and psql from Debian's PostgreSQL packages, installed when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { embeddedUrl } from '../../dist/src/database/embedded-credentials.js';
import { EmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';
import { loggerOptions } from '../../dist/src/logging/logger.js';

export const PG_USER = 'postgres';
export const PG_PASSWORD = 'postgres';

/** The folder of the started cluster's Unix socket: the app, pgbench and psql connect through it, as `npm start`'s app does. */
let socketDir;

export async function startCluster({ dataDir, port }) {
  // Its warnings go to stderr with the progress lines; stdout carries only the table.
  const logger = pino(loggerOptions('warn'), pino.destination(2));
  const cluster = new EmbeddedPostgres({ dataDir, port, user: PG_USER, password: PG_PASSWORD, socket: true, logger });
  await cluster.start();
  socketDir = cluster.socketDir;
  return cluster;
}

export function databaseUrl(port, database) {
  return embeddedUrl(port, PG_USER, PG_PASSWORD, database, socketDir);
}

/** A fresh, empty database for this run (the previous run's is dropped). */
export async function recreateDatabase(port, database) {
  const admin = new pg.Client({ connectionString: databaseUrl(port, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
    const [{ server_version: version }] = (await admin.query('SHOW server_version')).rows;
    return version;
  } finally {
    await admin.end();
  }
}

function findTool(name) {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (existsSync(bin)) return bin;
  }
  const which = spawnSync('which', [name], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** pgbench ships in Debian's server package (postgresql-NN), psql in the client package. */
export function ensureTools(log) {
  let pgbench = findTool('pgbench');
  let psql = findTool('psql');
  if ((!pgbench || !psql) && process.getuid?.() === 0) {
    log('installing pgbench and psql with apt-get (postgresql, postgresql-client)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql', 'postgresql-client'], { stdio: 'inherit', env });
    pgbench = findTool('pgbench');
    psql = findTool('psql');
  }
  if (!pgbench || !psql)
    throw new Error('pgbench and psql are needed (Debian: apt-get install postgresql postgresql-client); run as root to have them installed');
  const version = execFileSync(pgbench, ['--version'], { encoding: 'utf8' }).trim();
  return { pgbench, psql, version };
}
