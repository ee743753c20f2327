import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { AuthService } from './auth/auth.service.js';
import { SystemClock } from './clock/clock.js';
import { loadAppConfig, type AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-validation.js';
import { loadPolicy } from './config/policy.loader.js';
import { JWT_SECRET_NAME, sharedSecret } from './config/shared-secret.js';
import { runMigrations } from './database/data-source.js';
import { applyAppGrants } from './database/database-roles.js';
import { APP_ROLE } from './database/embedded-credentials.js';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded-database.js';
import { PlacementError } from './database/embedded-placement.js';
import { auditAppRole, urlUser } from './database/role-audit.js';
import { captureProcessWarnings, createLogger } from './logging/logger.js';

function refuse(message: string): never {
  process.stderr.write(`Refusing to start: ${message}\n`);
  process.exit(78); // EX_CONFIG
}

async function main(): Promise<void> {
  let config: AppConfig, policy;
  try {
    config = loadAppConfig();
    policy = loadPolicy(config.policyFile);
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  captureProcessWarnings(logger);

  // The default start: the embedded server, migrated as its owner role and served as its app role.
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    try {
      embedded = await openEmbeddedDatabase(config.embedded, logger.child({ component: 'embedded-postgres' }), { reuseRunning: false });
    } catch (error) {
      if (error instanceof PlacementError || error instanceof ConfigError) refuse(error.message);
      logger.fatal({ err: error }, 'start-up failed: the embedded PostgreSQL did not start');
      process.exit(1);
    }
  }
  const databaseUrl = embedded?.appUrl ?? config.databaseUrl!;
  const migrationUrl = embedded?.ownerUrl ?? config.migrationDatabaseUrl ?? databaseUrl;

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
    const applied = await runMigrations(migrationUrl);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    // Tables of new migrations get the app role's rights, and evidence tables lose UPDATE and DELETE.
    if (embedded) await applyAppGrants(migrationUrl, APP_ROLE);
    else if (urlUser(migrationUrl) !== urlUser(databaseUrl)) await applyAppGrants(migrationUrl, urlUser(databaseUrl));
    if (config.databaseUrl) {
      for (const { message, ...risk } of await auditAppRole(databaseUrl)) logger.warn(risk, message);
    }
    if (config.jwtSecretSource === 'database') {
      // Every instance on this database signs and checks tokens with the same key (README, JWT_SECRET).
      config = { ...config, jwtSecret: await sharedSecret(databaseUrl, JWT_SECRET_NAME, new SystemClock().now()) };
    }
    app = await createApp({ config, policy, databaseUrl }, logger);
    await app.get(AuthService).ensureAdmin();
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: `http://${config.host}:${config.port}`, docs: `http://${config.host}:${config.port}/docs` }, 'complaint desk is serving');
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(1);
  }
}

void main();
