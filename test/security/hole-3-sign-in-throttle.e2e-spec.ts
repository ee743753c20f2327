import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createStaff } from '../factories/org.factory.js';
import { ADMIN, createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Issue 13, hole 3: anyone could lock the admin out (five wrong passwords for `admin` from anywhere
 * blocked the real admin for 15 minutes), parallel guesses slipped past the count (19 checked against a
 * limit of 5), and failures on many usernames from one address were never throttled.
 *
 * Supertest's requests all come from 127.0.0.1: this app trusts 127.0.0.1 as a proxy (TRUST_PROXY), so
 * X-Forwarded-For plays the client address here. That the header is ignored without TRUST_PROXY is hole 4's test.
 */
describe('hole 3: sign-in throttling that slows guessing and cannot be used to lock anyone out', () => {
  let t: TestApp;
  let limits: TestApp['policy']['auth']['throttle'];

  const from = (address: string, username: string, password: string) =>
    t.http().post('/auth/login').set('X-Forwarded-For', address).send({ username, password });
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status);
  const count = (list: number[], status: number) => list.filter((s) => s === status).length;
  /** A fresh window for each test, so one test's counts do not reach into the next. */
  const nextWindow = () => t.clock.advanceMinutes(limits.windowMinutes);

  beforeAll(async () => {
    t = await createTestApp('hole3', { env: { TRUST_PROXY: '127.0.0.1' } });
    limits = t.policy.auth.throttle;
  });
  afterAll(() => t.close());

  it('hole 3: a stranger cannot lock the admin out: guesses from one address stop there, the admin signs in from theirs', async () => {
    nextWindow();
    const attacker = '198.51.100.7';
    const guesses: number[] = [];
    for (let i = 0; i < 3 * limits.perUsernameAndAddress; i++) guesses.push((await from(attacker, ADMIN.username, `guess-${i}`)).status);
    expect(count(guesses, 401)).toBe(limits.perUsernameAndAddress);
    expect(count(guesses, 429)).toBe(2 * limits.perUsernameAndAddress);
    // Even the right password is not checked from the attacker's address now: guessing stays stopped there.
    expect((await from(attacker, ADMIN.username, ADMIN.password)).status).toBe(429);

    const atTheDesk = await from('203.0.113.10', ADMIN.username, ADMIN.password);
    expect(atTheDesk.status).toBe(200);
    expect(atTheDesk.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
  });

  it('hole 3: guesses from many addresses put the username under attack: each address then gets one try, and the admin still signs in', async () => {
    nextWindow();
    const spread = Array.from({ length: limits.perUsername + 5 }, (_, i) => `198.51.100.${100 + i}`);
    for (const address of spread) expect((await from(address, ADMIN.username, 'distributed-guess')).status).toBe(401);
    // Under attack: a new address gets one try for this username per window (slower), never none (open).
    expect((await from('198.51.100.200', ADMIN.username, 'one-more-guess')).status).toBe(401);
    const second = await from('198.51.100.200', ADMIN.username, 'and-another');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('203.0.113.10', ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it('hole 3: 40 parallel wrong passwords for one user from one address: at most the limit are checked', async () => {
    nextWindow();
    const staff = await createStaff(t);
    const answers = statuses(await Promise.all(Array.from({ length: 40 }, (_, i) => from('198.51.100.40', staff.username, `parallel-${i}`))));
    expect(count(answers, 401)).toBe(limits.perUsernameAndAddress);
    expect(count(answers, 429)).toBe(40 - limits.perUsernameAndAddress);
    // The counter holds exactly the failures that were checked: refused attempts counted nowhere.
    const [pair] = await t.db.query(`SELECT attempts FROM login_throttle WHERE bucket = $1`, [`ua:${staff.username}|198.51.100.40`]);
    expect(pair.attempts).toBe(limits.perUsernameAndAddress);
  });

  it('hole 3: 300 failed sign-ins on random usernames from one address are throttled after the per-address limit, and refused with Retry-After', async () => {
    nextWindow();
    const sprayer = '198.51.100.30';
    const staff = await createStaff(t);
    const answers: number[] = [];
    for (let batch = 0; batch < 30; batch++) {
      const responses = await Promise.all(Array.from({ length: 10 }, () => from(sprayer, `nobody-${randomBytes(4).toString('hex')}`, 'spray-password')));
      answers.push(...statuses(responses));
    }
    expect(answers).toHaveLength(300);
    expect(count(answers, 401)).toBe(limits.perAddress);
    expect(count(answers, 429)).toBe(300 - limits.perAddress);
    const refused = await from(sprayer, staff.username, staff.password);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'LOGIN_THROTTLED' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(limits.windowMinutes * 60);
    // The same person from their own address is not held up by the sprayer.
    expect((await from('203.0.113.11', staff.username, staff.password)).status).toBe(200);
    // Once the window has passed the address is heard again.
    t.clock.advance(retryAfter * 1000);
    expect((await from(sprayer, staff.username, staff.password)).status).toBe(200);
  });
});
