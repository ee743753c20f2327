import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import path from 'node:path';
import type { Logger } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { ManualClock } from './manual-clock.js';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import { loadPolicy } from '../../src/config/policy.loader.js';
import type { Policy } from '../../src/config/policy.js';
import { createLogger } from '../../src/logging/logger.js';
import { checkedAgent, contractOf } from '../contract/response-contract.js';
import { appDataSourceOptions } from '../../src/app.entities.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface TestApp {
  app: NestFastifyApplication;
  http: () => TestAgent;
  clock: ManualClock;
  db: DataSource;
  policy: Policy;
  /** As the app's restricted role: what the app under test connects with. */
  databaseUrl: string;
  /** As the schema owner, for what a test does beyond the app's rights (creating triggers, trying the guards); unset on a given databaseUrl. */
  ownerUrl?: string;
  /** A query as the owner (a connection opened on first use). */
  asOwner(sql: string, parameters?: unknown[]): Promise<any>;
  adminToken: string;
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Changes to the policy from config/policy.yaml. */
  policy?: (policy: Policy) => Policy;
  env?: Record<string, string>;
  start?: string;
  /** Boot on this existing database (e.g. as a restricted role) instead of a fresh one. */
  databaseUrl?: string;
  /** The app's logger (e.g. one writing to a capture, see log-capture.ts); silent by default. */
  logger?: Logger;
}

/** Boots the real AppModule on its own PostgreSQL database, with a clock the test moves. */
export async function createTestApp(label: string, options: TestAppOptions = {}): Promise<TestApp> {
  const database: Partial<TestDatabase> & Pick<TestDatabase, 'url' | 'drop'> = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : await createTestDatabase(label);
  const config: AppConfig = {
    ...loadAppConfig(
      { JWT_SECRET: 'test-secret-test-secret-test-secret-0123', SCHEDULER: 'off', JWT_TTL_SECONDS: String(30 * 24 * 3600), ...options.env },
      process.cwd(),
    ),
    admin: ADMIN,
  };
  const basePolicy = loadPolicy(path.resolve('config/policy.yaml'));
  const policy = options.policy ? options.policy(structuredClone(basePolicy)) : basePolicy;
  const clock = new ManualClock(options.start ?? '2026-11-28T02:00:00.000Z');
  const app = await createApp({ config, policy, databaseUrl: database.url, clock }, options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await app.get(AuthService).ensureAdmin();
  // Every response of every e2e test is checked against the served API document.
  const raw = () => request(app.getHttpServer());
  const http = checkedAgent(raw, contractOf((await raw().get('/docs/openapi.json').expect(200)).body));
  const login = async (username: string, password: string) => {
    const res = await http().post('/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  const adminToken = await login(ADMIN.username, ADMIN.password);
  let owner: Promise<DataSource> | undefined;
  const asOwner = async (sql: string, parameters?: unknown[]) => {
    if (!database.ownerUrl) throw new Error('this test app was given its database: it has no owner connection');
    owner ??= new DataSource(appDataSourceOptions(database.ownerUrl, 2)).initialize();
    return (await owner).query(sql, parameters);
  };
  return {
    app,
    http,
    clock,
    db: app.get(DataSource),
    policy,
    databaseUrl: database.url,
    ownerUrl: database.ownerUrl,
    asOwner,
    adminToken,
    login,
    close: async () => {
      await app.close();
      await (await owner)?.destroy();
      await database.drop();
    },
  };
}
