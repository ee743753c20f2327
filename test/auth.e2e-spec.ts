import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../src/config/app-config.js';
import { APP_CONFIG } from '../src/config/config.module.js';
import { createDepartment, createStaff } from './factories/org.factory.js';
import { ADMIN, createTestApp, type TestApp } from './utils/create-app.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('auth');
  });
  afterAll(() => t.close());

  it('signs in with the right password and returns a bearer token and the account', async () => {
    const res = await t.http().post('/auth/login').send(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
  });

  it('refuses a wrong password with 401 and an unknown user the same way', async () => {
    const wrong = await t.http().post('/auth/login').send({ username: 'admin', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    const unknown = await t.http().post('/auth/login').send({ username: 'ghost', password: 'nope-nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('throttles repeated failed sign-ins for a username from one address with 429 and Retry-After, even with the right password, until the window passes', async () => {
    const staff = await createStaff(t);
    const { perUsernameAndAddress, windowMinutes } = t.policy.auth.throttle;
    for (let i = 0; i < perUsernameAndAddress; i++) {
      expect((await t.http().post('/auth/login').send({ username: staff.username, password: 'wrong-password' })).status).toBe(401);
    }
    const blocked = await t.http().post('/auth/login').send({ username: staff.username, password: staff.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, code: 'LOGIN_THROTTLED' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowMinutes * 60);
    t.clock.advance(retryAfter * 1000);
    expect((await t.http().post('/auth/login').send({ username: staff.username, password: staff.password })).status).toBe(200);
  });

  it('forgets a username’s failures from an address once its owner signs in there', async () => {
    const staff = await createStaff(t);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < t.policy.auth.throttle.perUsernameAndAddress - 1; i++) {
        expect((await t.http().post('/auth/login').send({ username: staff.username, password: 'wrong-password' })).status).toBe(401);
      }
      expect((await t.http().post('/auth/login').send({ username: staff.username, password: staff.password })).status).toBe(200);
    }
  });

  it('never stores the password in clear', async () => {
    const staff = await createStaff(t);
    const [row] = await t.db.query('SELECT password_hash FROM staff WHERE id = $1', [staff.id]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(staff.password);
  });

  it('denies a request without a token (401) and with a forged or expired one (401)', async () => {
    expect((await t.http().get('/departments')).status).toBe(401);
    expect((await t.http().get('/departments').set('Authorization', 'Bearer abc.def.ghi')).status).toBe(401);
    const staff = await createStaff(t);
    expect((await t.http().get('/departments').set('Authorization', `Bearer ${staff.token}`)).status).toBe(200);
    const before = t.clock.now();
    t.clock.advance((t.app.get<AppConfig>(APP_CONFIG).jwtTtlSeconds + 60) * 1000);
    expect((await t.http().get('/departments').set('Authorization', `Bearer ${staff.token}`)).status).toBe(401);
    t.clock.set(before);
  });

  it('stops a deactivated account at once, even with a token still valid', async () => {
    const staff = await createStaff(t);
    await t.http().patch(`/staff/${staff.id}`).set('Authorization', `Bearer ${t.adminToken}`).send({ active: false }).expect(200);
    expect((await t.http().get('/departments').set('Authorization', `Bearer ${staff.token}`)).status).toBe(401);
    expect((await t.http().post('/auth/login').send({ username: staff.username, password: staff.password })).status).toBe(401);
  });

  it('denies a role the route does not declare with 403', async () => {
    const department = await createDepartment(t, 'AUTHX');
    const staff = await createStaff(t, { department });
    const res = await t.http().post('/departments').set('Authorization', `Bearer ${staff.token}`).send({ code: 'NOPE', name: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('admin');
  });
});
