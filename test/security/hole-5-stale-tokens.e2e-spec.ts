import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDepartment, createStaff, type TestDepartment, type TestStaff } from '../factories/org.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Issue 13, hole 5: a token issued before an admin reset the password kept working for its whole life.
 * A password change or reset, a deactivation, a role change and a department move end earlier tokens:
 * each bumps the person's token generation, which every token carries and the guard compares.
 */
describe('hole 5: tokens issued before a password, role, department or activity change stop working', () => {
  let t: TestApp;
  let home: TestDepartment;
  let other: TestDepartment;
  const admin = () => ({ Authorization: `Bearer ${t.adminToken}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const use = (token: string) => t.http().get('/departments').set(bearer(token));

  beforeAll(async () => {
    t = await createTestApp('hole5');
    home = await createDepartment(t, 'HOLE5A', '甲部');
    other = await createDepartment(t, 'HOLE5B', '乙部');
  });
  afterAll(() => t.close());

  it.each<[string, (staff: TestStaff) => Record<string, unknown>, boolean]>([
    ['a password reset', () => ({ password: 'reset-by-admin-1' }), true],
    ['a deactivation', () => ({ active: false }), false],
    ['a role change', () => ({ roles: ['staff', 'hr'] }), true],
    ['a move to another department', () => ({ departmentId: other.id }), true],
  ])('hole 5: a token issued before %s answers 401, and a new sign-in works where the account is still active', async (_, change, active) => {
    const staff = await createStaff(t, { department: home });
    const stolen = staff.token;
    await use(stolen).expect(200);
    const body = change(staff);
    await t.http().patch(`/staff/${staff.id}`).set(admin()).send(body).expect(200);

    const refused = await use(stolen);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    // Nor can the old token get a stream token, the way into live events.
    expect((await t.http().post('/events/stream-token').set(bearer(stolen))).status).toBe(401);

    const password = typeof body.password === 'string' ? body.password : staff.password;
    if (active) await use(await t.login(staff.username, password)).expect(200);
    else expect((await t.http().post('/auth/login').send({ username: staff.username, password })).status).toBe(401);
  });

  it('hole 5: a reactivated account does not bring back the tokens from before its deactivation', async () => {
    const staff = await createStaff(t, { department: home });
    await t.http().patch(`/staff/${staff.id}`).set(admin()).send({ active: false }).expect(200);
    await t.http().patch(`/staff/${staff.id}`).set(admin()).send({ active: true }).expect(200);
    expect((await use(staff.token)).status).toBe(401);
    await use(await t.login(staff.username, staff.password)).expect(200);
  });

  it('keeps tokens across a change that takes nothing away: a new name, or the same roles in another order', async () => {
    const staff = await createStaff(t, { department: home, roles: ['staff', 'hr'] });
    await t
      .http()
      .patch(`/staff/${staff.id}`)
      .set(admin())
      .send({ name: '改名了', roles: ['hr', 'staff'], departmentId: home.id })
      .expect(200);
    await use(staff.token).expect(200);
  });

  it('hole 5: the admin’s own password change ends the admin’s earlier tokens too', async () => {
    const second = await createStaff(t, { roles: ['admin'] });
    await t.http().patch(`/staff/${second.id}`).set(bearer(second.token)).send({ password: 'own-new-password-1' }).expect(200);
    expect((await use(second.token)).status).toBe(401);
    await use(await t.login(second.username, 'own-new-password-1')).expect(200);
  });
});
