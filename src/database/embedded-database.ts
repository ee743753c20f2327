import pg from 'pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { provisionDatabase } from './database-roles.js';
import {
  APP_ROLE,
  embeddedUrl,
  generatePassword,
  LEGACY_SUPERUSER_PASSWORD,
  OWNER_ROLE,
  readCredentials,
  writeCredentials,
  type ClusterCredentials,
} from './embedded-credentials.js';
import { EmbeddedPostgres, runningServer } from './embedded-postgres.js';

export const EMBEDDED_DATABASE = 'complaint_desk';

/** The default start's database: served as the app role, migrated as the owner. */
export interface EmbeddedDatabase {
  appUrl: string;
  ownerUrl: string;
  dataDir: string;
  port: number;
  /** false when another process (the running app) has the server up: then stop() leaves it running. */
  started: boolean;
  stop(): Promise<void>;
}

export function embeddedServer(config: AppConfig['embedded'], logger: Logger): EmbeddedPostgres {
  return new EmbeddedPostgres({
    dataDir: config.dataDir,
    relocatable: config.dataDirIsDefault,
    runtimeDir: config.runtimeDir,
    port: config.port,
    user: config.user,
    password: config.password,
    socket: true,
    logger,
  });
}

/**
 * Starts the embedded server (or, with `reuseRunning`, finds the one the app already runs on this data
 * directory, at the port its postmaster.pid names), then makes sure of its roles and database.
 */
export async function openEmbeddedDatabase(config: AppConfig['embedded'], logger: Logger, options: { reuseRunning: boolean }): Promise<EmbeddedDatabase> {
  const server = embeddedServer(config, logger);
  const dataDir = server.dataDir;
  const running = options.reuseRunning ? runningServer(dataDir) : undefined;
  if (!running) await server.start();
  const port = running?.port ?? config.port;
  // The app, its migrations and its tools connect through the server's Unix socket when it has one.
  const socketDir = running ? running.socketDir : server.socketDir;
  const at = (user: string, password: string) => embeddedUrl(port, user, password, 'postgres', socketDir);
  const credentials = await settleCredentials(server, dataDir, at, config, logger);
  const urls = await provisionDatabase(at(config.user, credentials.superuser ?? config.password!), {
    database: EMBEDDED_DATABASE,
    owner: { name: OWNER_ROLE, password: credentials.owner },
    app: { name: APP_ROLE, password: credentials.app },
  });
  return { ...urls, dataDir, port, started: !running, stop: () => (running ? Promise.resolve() : server.stop()) };
}

/**
 * The cluster's passwords: the owner's and the app's (generated once, kept in the data directory), and the
 * superuser's. A cluster from an earlier version still has the well-known `postgres` password: unless
 * PG_PASSWORD sets one, it is replaced by a generated one, written down before it is changed (and
 * both are tried when connecting, so a start cut off in between still gets in).
 */
async function settleCredentials(
  server: EmbeddedPostgres,
  dataDir: string,
  at: (user: string, password: string) => string,
  config: AppConfig['embedded'],
  logger: Logger,
): Promise<ClusterCredentials> {
  const stored = readCredentials(dataDir);
  const credentials: ClusterCredentials = { owner: stored.owner ?? generatePassword(), app: stored.app ?? generatePassword() };
  if (config.password) {
    if (!stored.owner || !stored.app) writeCredentials(dataDir, credentials);
    return credentials;
  }
  const candidates = [...new Set([stored.superuser, LEGACY_SUPERUSER_PASSWORD].filter((p): p is string => !!p))];
  let working: string | undefined;
  for (const candidate of candidates) {
    if (await canLogIn(at(config.user, candidate))) {
      working = candidate;
      break;
    }
  }
  if (!working) throw new Error(`cannot sign in to the embedded PostgreSQL in ${dataDir} as ${config.user}: set PG_PASSWORD to its password`);
  credentials.superuser = working === LEGACY_SUPERUSER_PASSWORD ? generatePassword() : working;
  if (stored.superuser !== credentials.superuser || !stored.owner || !stored.app) writeCredentials(dataDir, credentials);
  if (credentials.superuser !== working) {
    const client = new pg.Client({ connectionString: at(config.user, working) });
    await client.connect();
    try {
      await client.query(`ALTER ROLE ${client.escapeIdentifier(config.user)} PASSWORD ${client.escapeLiteral(credentials.superuser)}`);
    } finally {
      await client.end();
    }
    logger.warn(
      { credentials: dataDir },
      'the embedded PostgreSQL superuser had the well-known default password; replaced it with a generated one kept in the data directory',
    );
  }
  server.usePassword(credentials.superuser);
  return credentials;
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '28P01') return false; // invalid_password
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
