import type { AppConfig } from '../config/app-config.js';
import { applyAppGrants } from '../database/database-roles.js';
import { APP_ROLE } from '../database/embedded-credentials.js';
import { openEmbeddedDatabase } from '../database/embedded-database.js';
import { urlUser } from '../database/role-audit.js';
import pino from 'pino';
import { loggerOptions } from '../logging/logger.js';

/** The connections a command-line tool uses: its work as the app's role, migrations as the owner. */
export interface CliDatabase {
  url: string;
  migrationUrl: string;
  close(): Promise<void>;
}

/**
 * The database a command-line tool should use: DATABASE_URL (and MIGRATION_DATABASE_URL); else the
 * embedded server the app is running on this data directory, at the port its postmaster.pid names
 * (never a second server on the same data); else the embedded server started for this command.
 */
export async function openCliDatabase(config: AppConfig): Promise<CliDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, migrationUrl: config.migrationDatabaseUrl ?? config.databaseUrl, close: async () => undefined };
  // Logs go to stderr: a report written to stdout stays clean.
  const logger = pino(loggerOptions(process.env.LOG_LEVEL ?? 'warn'), pino.destination(2));
  const db = await openEmbeddedDatabase(config.embedded, logger, { reuseRunning: true });
  return { url: db.appUrl, migrationUrl: db.ownerUrl, close: () => db.stop() };
}

/** As the app does at start: after migrating, the app's role gets its rights on new tables (app-role.ts). */
export async function grantAfterMigrating(config: AppConfig, db: CliDatabase): Promise<void> {
  if (!config.databaseUrl) await applyAppGrants(db.migrationUrl, APP_ROLE);
  else if (urlUser(db.migrationUrl) !== urlUser(db.url)) await applyAppGrants(db.migrationUrl, urlUser(db.url));
}
