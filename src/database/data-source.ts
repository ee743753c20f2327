import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * Connection options. The entities come from the caller: the app lets each module register its own
 * (`autoLoadEntities`), and what runs outside the app passes the composed list (src/app.entities.ts).
 */
export function dataSourceOptions(url: string, poolSize = 20, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: {
      max: poolSize,
      // A refused connection fails at once (503); a request waiting for a busy pool waits at most this long.
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'complaint-desk',
      // Statements given while others are in flight are written at once (node-postgres' pipeline mode): what
      // UnitOfWork.commitWith needs to send intake's COMMIT behind its numbered statement. Awaited one at a time,
      // as everywhere else, they go as before.
      pipeline: true,
    },
  };
}

/** Runs pending migrations under an advisory lock, so instances starting together do not race. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(727001)');
    try {
      const done = await ds.runMigrations();
      return done.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock(727001)');
    }
  } finally {
    await ds.destroy();
  }
}
