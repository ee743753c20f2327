import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_COMPANY_WIDE, DEMO_DEPARTMENTS, seedDemoCompany, type DemoSeedResult } from '../src/cli/demo-company.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const PASSWORD = 'demo-password';
/** A term still open: no later term of the same post (terms are insert-only; the next one ends it). */
const OPEN_TERM = `NOT EXISTS (SELECT 1 FROM org_term n WHERE n.kind = t.kind AND n.subject_id = t.subject_id AND (n.started_at, n.id) > (t.started_at, t.id))`;

describe('demo data (npm run seed:demo)', () => {
  let t: TestApp;
  let first: DemoSeedResult;
  /** Every org row, so a second run can be shown to change nothing (not even updated_at or a hash). */
  const snapshot = async () => ({
    departments: await t.db.query('SELECT * FROM department ORDER BY code'),
    staff: await t.db.query('SELECT * FROM staff ORDER BY username'),
    terms: await t.db.query('SELECT * FROM org_term ORDER BY id'),
    places: await t.db.query('SELECT * FROM place ORDER BY path'),
  });
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp('demo_company');
    first = await seedDemoCompany(t.db, { password: PASSWORD, now: t.clock.now() });
  });
  afterAll(() => t.close());

  it('creates 客服部 CS, 工程部 ENG, 秩序部 SEC and 环境部 ENV, each with an appointed supervisor', async () => {
    expect(first.departmentsCreated).toEqual(['CS', 'ENG', 'SEC', 'ENV']);
    expect(first.supervisorsAppointed).toEqual(['CS', 'ENG', 'SEC', 'ENV']);
    const res = await t.http().get('/departments').set(auth(t.adminToken));
    expect(res.body.map((d: { code: string; name: string }) => [d.code, d.name])).toEqual([
      ['CS', '客服部'],
      ['ENG', '工程部'],
      ['ENV', '环境部'],
      ['SEC', '秩序部'],
    ]);
    for (const d of res.body) expect(d.supervisor).toEqual({ id: expect.any(String), name: expect.any(String) });
  });

  it('gives each department a supervisor (staff + supervisor, an active member) and two staff', async () => {
    const departments = await t.http().get('/departments').set(auth(t.adminToken));
    for (const department of departments.body) {
      const members = (await t.http().get(`/staff?departmentId=${department.id}`).set(auth(t.adminToken))).body;
      const supervisor = members.find((m: { id: string }) => m.id === department.supervisor.id);
      expect(supervisor).toMatchObject({ roles: ['staff', 'supervisor'], active: true, departmentId: department.id });
      expect(members.filter((m: { roles: string[] }) => m.roles.length === 1 && m.roles[0] === 'staff')).toHaveLength(2);
      expect(members).toHaveLength(3);
    }
  });

  it('creates one manager and one HR officer outside any department', async () => {
    const staff = (await t.http().get('/staff').set(auth(t.adminToken))).body;
    expect(staff.filter((s: { roles: string[] }) => s.roles.includes('manager'))).toEqual([
      expect.objectContaining({ username: 'manager', departmentId: null }),
    ]);
    expect(staff.filter((s: { roles: string[] }) => s.roles.includes('hr'))).toEqual([expect.objectContaining({ username: 'hr.officer', departmentId: null })]);
    expect(first.accounts).toHaveLength(DEMO_DEPARTMENTS.length * 3 + DEMO_COMPANY_WIDE.length);
    expect(first.accounts.every((a) => a.created)).toBe(true);
  });

  it('records who held each post from when: an open supervisor term per department and a membership term per account', async () => {
    const supervisorTerms = await t.db.query(
      `SELECT d.code FROM org_term t JOIN department d ON d.id = t.subject_id AND d.supervisor_id = t.holder_id WHERE t.kind = 'supervisor' AND ${OPEN_TERM} ORDER BY d.code`,
    );
    expect(supervisorTerms.map((r: { code: string }) => r.code)).toEqual(['CS', 'ENG', 'ENV', 'SEC']);
    const memberships = await t.db.query(
      `SELECT s.username FROM org_term t JOIN staff s ON s.id = t.subject_id AND s.department_id IS NOT DISTINCT FROM t.holder_id WHERE t.kind = 'membership' AND ${OPEN_TERM}`,
    );
    expect(memberships).toHaveLength(first.accounts.length);
  });

  it('lets every demo account sign in with the demo password, and stores only its hash', async () => {
    for (const account of first.accounts) {
      const res = await t.http().post('/auth/login').send({ username: account.username, password: PASSWORD });
      expect({ username: account.username, status: res.status }).toEqual({ username: account.username, status: 200 });
      expect(res.body.user.roles).toEqual(account.roles);
    }
    const hashes = await t.db.query(`SELECT DISTINCT password_hash FROM staff WHERE username <> 'admin'`);
    expect(hashes.every((h: { password_hash: string }) => h.password_hash.startsWith('scrypt$'))).toBe(true);
  });

  it('has a department for every category the policy routes (报修 -> ENG, 安全 -> SEC, 卫生 -> ENV, 收费/服务态度 -> CS)', () => {
    const codes = DEMO_DEPARTMENTS.map((d) => d.code);
    for (const [category, { department }] of Object.entries(t.policy.categories))
      expect({ category, department: codes.includes(department) ? department : null }).toEqual({ category, department });
  });

  it('registers two communities the intake can pick from: 阳光花园 with units, 翠湖苑 with rooms straight in its buildings', async () => {
    // 阳光花园: 1 + 3 buildings + 6 units + 36 rooms; 翠湖苑: 1 + 2 buildings + 8 rooms.
    expect(first.placesCreated).toBe(46 + 11);
    const found = await t.http().get('/places').query({ q: 'ygh 3栋 2单元 302' }).set(auth(t.adminToken)).expect(200);
    expect(found.body).toEqual([expect.objectContaining({ kind: 'room', path: '阳光花园 3栋 2单元 302', active: true })]);
    const room = (await t.http().get('/places').query({ q: 'chy B座 0201' }).set(auth(t.adminToken)).expect(200)).body[0];
    expect(room).toMatchObject({ kind: 'room', path: '翠湖苑 B座 0201' });
    const [building] = await t.db.query(`SELECT id FROM place WHERE path = '翠湖苑 B座'`);
    expect(room.parentId).toBe(building.id);
  });

  it('running it again changes nothing', async () => {
    const before = await snapshot();
    const second = await seedDemoCompany(t.db, { password: 'another-password', now: new Date(t.clock.now().getTime() + 3_600_000) });
    expect(second.departmentsCreated).toEqual([]);
    expect(second.supervisorsAppointed).toEqual([]);
    expect(second.accounts.some((a) => a.created)).toBe(false);
    expect(second.placesCreated).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves an admin’s later changes alone: a replaced supervisor stays replaced', async () => {
    const cs = (await t.http().get('/departments').set(auth(t.adminToken))).body.find((d: { code: string }) => d.code === 'CS');
    const successor = await t
      .http()
      .post('/staff')
      .set(auth(t.adminToken))
      .send({ name: '新主管', username: 'cs.new-lead', password: 'long-enough-1', departmentId: cs.id, roles: ['staff', 'supervisor'] });
    await t.http().patch(`/departments/${cs.id}`).set(auth(t.adminToken)).send({ supervisorId: successor.body.id }).expect(200);
    const before = await snapshot();
    await seedDemoCompany(t.db, { password: PASSWORD, now: t.clock.now() });
    expect(await snapshot()).toEqual(before);
  });

  it('two runs at the same time create everything once', async () => {
    // On a database of its own: org terms are evidence, so the first one cannot be emptied for this.
    const fresh = await createTestApp('demo_company_race');
    try {
      const runs = await Promise.all([1, 2].map(() => seedDemoCompany(fresh.db, { password: PASSWORD, now: fresh.clock.now() })));
      expect(runs.flatMap((r) => r.departmentsCreated).sort()).toEqual(['CS', 'ENG', 'ENV', 'SEC']);
      const [{ count }] = await fresh.db.query(`SELECT count(*)::int AS count FROM staff WHERE username <> 'admin'`);
      expect(count).toBe(DEMO_DEPARTMENTS.length * 3 + DEMO_COMPANY_WIDE.length);
    } finally {
      await fresh.close();
    }
  });
});
