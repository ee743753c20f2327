// Jest loads global setup outside its ESM module system, so this file uses the built server code
// (`npm test` builds first). One PostgreSQL for the whole run: the embedded server, or
// TEST_DATABASE_URL when given (a role that may create databases and roles). Each test file then creates
// its own database whose name contains `test`, owned by the suite's owner role (test/utils/test-database.ts).
import path from 'node:path';
import { EmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';
import { createLogger } from '../../dist/src/logging/logger.js';

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const server = new EmbeddedPostgres({
    dataDir: path.resolve(process.env.TEST_PG_DATA_DIR ?? '.data/pg-test'),
    // As for the app: run as root from a folder the postgres user cannot enter, the default location
    // moves to PG_RUNTIME_DIR (a TEST_PG_DATA_DIR you chose does not).
    relocatable: !process.env.TEST_PG_DATA_DIR,
    runtimeDir: process.env.PG_RUNTIME_DIR || undefined,
    port: Number(process.env.TEST_PG_PORT ?? 54339),
    user: 'postgres',
    password: 'postgres',
    // Test data is thrown away: trade durability for speed.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    logger: createLogger('error'),
  });
  await server.start();
  globalThis.__testPostgres = server;
  process.env.TEST_PG_ADMIN_URL = server.url;
}
