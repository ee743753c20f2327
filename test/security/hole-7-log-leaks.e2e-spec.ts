import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Response } from 'supertest';
import { createCompany } from '../factories/org.factory.js';
import { intakeBody } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { captureLogs, type LogCapture } from '../utils/log-capture.js';
import { openSse } from '../utils/sse-client.js';

const RESIDENT = { name: '欧阳测试', phone: '13900001111', community: '金水苑小区', summary: '楼上漏水已经三天' };

/**
 * Hole 7 (issue 13): logs leaked what the README says they redact — a failed intake's SQL parameters
 * (resident's name, phone, community), a failed POST /staff's password hash, whole request URLs with a
 * search for a phone (`/tickets?q=139…`) and a live stream token (`/events/stream?token=eyJ…`). The app
 * runs with its real logger writing to memory at `trace`, and the test searches everything it wrote.
 */
describe('hole 7: the logs hold no SQL parameters, password hashes, tokens or phones', () => {
  let t: TestApp;
  let logs: LogCapture;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let base: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  /**
   * Sends `send()` while `table` is locked against writes, waits until the app's write waits on the lock,
   * and cancels it: PostgreSQL answers 57014 (as for a statement timeout), TypeORM throws a
   * QueryFailedError carrying the statement and its parameters, and the app answers 500 and logs it.
   */
  async function failWhileLocked(table: string, send: () => PromiseLike<Response>): Promise<Response> {
    const blocker = new pg.Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${table} IN SHARE MODE`);
      const pending = Promise.resolve(send());
      let settled: Response | undefined;
      void pending.then((r) => (settled = r));
      for (let i = 0; ; i++) {
        if (settled) throw new Error(`answered before the statement ran: ${settled.status} ${JSON.stringify(settled.body)}`);
        // Parse already takes the lock, so pg_stat_activity may still show the previous statement: ask pg_locks.
        const { rows } = await blocker.query(`SELECT pid FROM pg_locks WHERE NOT granted AND relation = $1::regclass AND mode = 'RowExclusiveLock'`, [table]);
        if (rows.length) {
          await blocker.query('SELECT pg_cancel_backend($1)', [rows[0].pid]);
          break;
        }
        if (i > 200) throw new Error(`nothing waited to write into ${table}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      await blocker.query('ROLLBACK');
      return await pending;
    } finally {
      await blocker.end();
    }
  }

  beforeAll(async () => {
    logs = captureLogs('trace');
    t = await createTestApp('log-leaks', { logger: logs.logger });
    org = await createCompany(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => t.close());

  it('logs a failed intake’s error with its statement but without its parameters: no resident name, phone, community or summary', async () => {
    const body = intakeBody({
      complainant: { name: RESIDENT.name, phone: RESIDENT.phone, address: { community: RESIDENT.community, building: '7' } },
      summary: RESIDENT.summary,
    });
    const res = await failWhileLocked('ticket', () => t.http().post('/tickets').set(auth(org.cs.staff.token)).send(body));
    expect(res.status).toBe(500);
    const line = logs.lines().find((l) => l.msg === 'unhandled error' && l.url === '/tickets');
    expect(line).toMatchObject({
      level: 'error',
      context: 'ApiExceptionFilter',
      err: { type: 'QueryFailedError', code: '57014', query: expect.stringContaining('INSERT INTO ticket (reference') },
    });
    const text = logs.text();
    for (const value of [RESIDENT.name, RESIDENT.phone, RESIDENT.community, RESIDENT.summary, '"parameters"']) expect(text).not.toContain(value);
  });

  it('logs a failed POST /staff without the password hash or the password', async () => {
    const password = 'Log-leak-test-pw-7';
    const res = await failWhileLocked('staff', () =>
      t
        .http()
        .post('/staff')
        .set(auth(t.adminToken))
        .send({ name: '李四', username: 'lisi.logs', password, roles: ['staff'] }),
    );
    expect(res.status).toBe(500);
    expect(logs.lines().find((l) => l.msg === 'unhandled error' && l.url === '/staff')).toMatchObject({
      err: { type: 'QueryFailedError', query: expect.stringContaining('INSERT INTO "staff"') },
    });
    const text = logs.text();
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain(password);
  });

  it('logs request URLs with searches and stream tokens redacted', async () => {
    await t.http().get(`/tickets?q=${RESIDENT.phone}&limit=5`).set(auth(org.manager.token)).expect(200);
    const token = (await t.http().post('/events/stream-token').set(auth(org.manager.token)).expect(200)).body.token as string;
    expect(token.startsWith('eyJ')).toBe(true);
    const stream = await openSse(`${base}/events/stream?token=${encodeURIComponent(token)}`);
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor((e) => e.event === 'ready');
    } finally {
      stream.close();
    }
    const urls = logs
      .lines()
      .filter((l) => l.msg === 'incoming request')
      .map((l) => (l.req as { url: string }).url);
    expect(urls).toEqual(expect.arrayContaining(['/tickets?q=[redacted]&limit=5', '/events/stream?token=[redacted]']));
    const text = logs.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(RESIDENT.phone);
  });

  it('never logs a credential: no password, no access token, nothing that starts like a JWT', async () => {
    await t.http().post('/auth/login').send({ username: org.cs.staff.username, password: 'wrong-password-123' }).expect(401);
    const failed = logs.lines().find((l) => l.msg === 'failed sign-in');
    expect(failed).toMatchObject({ level: 'warn', username: org.cs.staff.username });
    const text = logs.text();
    expect(text).not.toContain('wrong-password-123');
    for (const person of [org.cs.staff, org.manager]) expect(text).not.toContain(person.password);
    expect(text).not.toContain(t.adminToken);
    expect(text).not.toContain('eyJ');
    // The capture did see the traffic: the checks above searched real log lines.
    expect(logs.lines().filter((l) => l.msg === 'request completed').length).toBeGreaterThan(20);
  });
});
