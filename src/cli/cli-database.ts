import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase, withDatabase } from '../database/database-url.js';
import { EmbeddedPostgres } from '../database/embedded-postgres.js';
import { createLogger } from '../logging/logger.js';

/**
 * The database a command-line tool should use: DATABASE_URL; else the embedded server if the app has it
 * running (never start a second server on the same data directory); else start it for this command.
 */
export async function openCliDatabase(config: AppConfig): Promise<{ url: string; close: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => undefined };
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const embedded = new EmbeddedPostgres({ ...config.embedded, logger });
  const pidFile = path.join(config.embedded.dataDir, 'postmaster.pid');
  let running = false;
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 0);
      running = true;
    } catch {
      running = false;
    }
  }
  if (!running) await embedded.start();
  const url = withDatabase(embedded.url, 'complaint_desk');
  await ensureDatabase(url);
  return { url, close: async () => (running ? undefined : embedded.stop()) };
}
