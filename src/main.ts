import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { AuthService } from './auth/auth.service.js';
import { loadAppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-validation.js';
import { loadPolicy } from './config/policy.loader.js';
import { runMigrations } from './database/data-source.js';
import { ensureDatabase, withDatabase } from './database/database-url.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { createLogger } from './logging/logger.js';

/** A setting that cannot work stops start-up with EX_CONFIG and the setting named. */
function refuseOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`Refusing to start: ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}

async function main(): Promise<void> {
  let config, policy;
  try {
    config = loadAppConfig();
    policy = loadPolicy(config.policyFile);
  } catch (error) {
    refuseOnConfigError(error);
  }
  const logger = createLogger(config.logLevel);

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = new EmbeddedPostgres({ ...config.embedded, logger: logger.child({ component: 'embedded-postgres' }) });
    await embedded.start().catch(refuseOnConfigError);
    databaseUrl = withDatabase(embedded.url, 'complaint_desk');
    await ensureDatabase(databaseUrl);
  }

  let stopping = false;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests, then stopping the database');
    // A request or a consumer that never ends must not keep the process (and its database) up forever.
    const watchdog = setTimeout(() => {
      logger.error({ pending: process.getActiveResourcesInfo() }, 'shutdown is taking too long; stopping anyway');
      void embedded?.stop().finally(() => process.exit(1));
    }, 15_000);
    watchdog.unref();
    try {
      await app?.close();
    } catch (error) {
      logger.error({ err: error }, 'error while closing the app');
    }
    await embedded?.stop();
    logger.info('stopped');
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const applied = await runMigrations(config.migrationDatabaseUrl ?? databaseUrl);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    app = await createApp({ config, policy, databaseUrl }, logger);
    await app.get(AuthService).ensureAdmin();
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs` }, 'complaint desk is serving');
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(1);
  }
}

void main();
