import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { ManualClock } from '../utils/manual-clock.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { APP_CONFIG } from '../../src/config/config.module.js';
import { loggerOptions } from '../../src/logging/logger.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/** An instance of the app on the test database whose log lines are kept, with its own clock. */
interface LoggedApp {
  app: NestFastifyApplication;
  lines: Record<string, unknown>[];
  text: () => string;
}

/**
 * Issue 13, hole 4: `trustProxy: true` was unconditional, so any client's X-Forwarded-For set the address
 * that throttling and the logs saw. A proxy is trusted only when TRUST_PROXY names it.
 */
describe('hole 4: a client cannot forge its address with X-Forwarded-For', () => {
  let t: TestApp;
  const apps: LoggedApp[] = [];
  const FORGED = ['203.0.113.66', '192.0.2.99', '198.51.100.250'];
  const PASSWORD = `never-logged-${randomBytes(4).toString('hex')}`;

  /** Each instance gets a clock in its own throttle window, so the instances' counts stay apart. */
  async function loggedApp(trustProxy: string[], start: string): Promise<LoggedApp> {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    const config: AppConfig = { ...t.app.get<AppConfig>(APP_CONFIG), trustProxy };
    const app = await createApp({ config, policy: t.policy, databaseUrl: t.databaseUrl, clock: new ManualClock(start) }, pino(loggerOptions('info'), sink));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const logged = { app, lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
    apps.push(logged);
    return logged;
  }

  const signIn = (app: NestFastifyApplication, username: string, forwardedFor?: string) => {
    const req = request(app.getHttpServer()).post('/auth/login');
    if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
    return req.send({ username, password: PASSWORD });
  };
  const failedSignIns = (logged: LoggedApp, username: string) => logged.lines.filter((l) => l.username === username && 'address' in l);

  beforeAll(async () => {
    t = await createTestApp('hole4');
  });
  afterAll(async () => {
    for (const { app } of apps) await app.close();
    await t.close();
  });

  it('hole 4: without TRUST_PROXY a forged X-Forwarded-For changes neither the throttled address nor the logged one', async () => {
    const logged = await loggedApp([], '2026-12-01T02:00:00.000Z');
    const { perAddress } = t.policy.auth.throttle;
    const answers: number[] = [];
    for (let i = 0; i < perAddress + 5; i++) {
      // A new forged address and a new username each time: were the header believed, nothing would ever be throttled.
      const res = await signIn(logged.app, `spray-${i}`, `${FORGED[i % FORGED.length]}, 10.0.0.${i}`);
      answers.push(res.status);
    }
    expect(answers.filter((s) => s === 401)).toHaveLength(perAddress);
    expect(answers.slice(perAddress)).toEqual(Array(5).fill(429));

    const lines = failedSignIns(logged, 'spray-0');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.address === '127.0.0.1')).toBe(true);
    const text = logged.text();
    for (const forged of FORGED) expect(text).not.toContain(forged);
    expect(text).not.toContain('10.0.0.');
    // The username may be logged; the password never is.
    expect(text).not.toContain(PASSWORD);
  });

  it('hole 4: a proxy named in TRUST_PROXY is believed: its X-Forwarded-For is the address logged and throttled', async () => {
    const logged = await loggedApp(['127.0.0.1'], '2026-12-02T02:00:00.000Z');
    const { perAddress } = t.policy.auth.throttle;
    for (let i = 0; i < perAddress; i++) expect((await signIn(logged.app, `proxied-${i}`, '203.0.113.66')).status).toBe(401);
    expect((await signIn(logged.app, 'proxied-last', '203.0.113.66')).status).toBe(429);
    // Another client behind the same proxy has its own count.
    expect((await signIn(logged.app, 'proxied-other', '192.0.2.99')).status).toBe(401);

    expect(failedSignIns(logged, 'proxied-0').map((l) => l.address)).toEqual(['203.0.113.66']);
    expect(failedSignIns(logged, 'proxied-other').map((l) => l.address)).toEqual(['192.0.2.99']);
    expect(logged.text()).not.toContain(PASSWORD);
  });

  it('hole 4: a peer that TRUST_PROXY does not name is not believed, whatever it forwards', async () => {
    const logged = await loggedApp(['10.1.2.3', '172.16.0.0/12'], '2026-12-03T02:00:00.000Z');
    expect((await signIn(logged.app, 'unproxied', '203.0.113.66')).status).toBe(401);
    expect(failedSignIns(logged, 'unproxied').map((l) => l.address)).toEqual(['127.0.0.1']);
    expect(logged.text()).not.toContain('203.0.113.66');
  });
});
