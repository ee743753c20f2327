import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { appointSupervisor, createDepartment, createStaff, createTeam } from './factories/org.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const SUPERVISOR_RULE = 'department.supervisor_must_be_member';
/** Terms are insert-only: a term ends where the next term of the same post starts. */
const ENDED_AT = `lead(started_at) OVER (PARTITION BY kind, subject_id ORDER BY started_at, id)`;

describe('org: departments and staff', () => {
  let t: TestApp;
  const admin = () => ({ Authorization: `Bearer ${t.adminToken}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Every org response, kept to check that no password hash ever leaves the server. */
  const seen: Response[] = [];
  const keep = (res: Response) => {
    seen.push(res);
    return res;
  };
  const expectRefusedBySupervisorRule = (res: Response) => {
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'RULE_VIOLATED', details: { rule: SUPERVISOR_RULE } });
  };
  const supervisorTerms = (departmentId: string) =>
    t.db.query(`SELECT holder_id, ${ENDED_AT} AS ended_at FROM org_term WHERE kind = 'supervisor' AND subject_id = $1 ORDER BY id`, [departmentId]);

  beforeAll(async () => {
    t = await createTestApp('org');
  });
  afterAll(() => t.close());

  describe('departments', () => {
    it('creates a department with its code and name and no supervisor yet (201)', async () => {
      const res = keep(await t.http().post('/departments').set(admin()).send({ code: 'CS', name: '客服部' }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), code: 'CS', name: '客服部', supervisor: null });
    });

    it('lists departments ordered by code and gets one by id', async () => {
      const eng = await createDepartment(t, 'ENG', '工程部');
      const list = keep(await t.http().get('/departments').set(admin()));
      expect(list.status).toBe(200);
      const codes = list.body.map((d: { code: string }) => d.code);
      expect(codes).toEqual(expect.arrayContaining(['CS', 'ENG']));
      expect(codes).toEqual([...codes].sort());
      const one = keep(await t.http().get(`/departments/${eng.id}`).set(admin()));
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ id: eng.id, code: 'ENG', name: '工程部', supervisor: null });
    });

    it('renames a department and keeps its code', async () => {
      const dept = await createDepartment(t, 'RENAME', '旧名');
      const res = keep(await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ name: '新名' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: dept.id, code: 'RENAME', name: '新名' });
      expect((await t.http().get(`/departments/${dept.id}`).set(admin())).body.name).toBe('新名');
    });

    it('refuses a duplicate department code with 409 naming the code', async () => {
      await createDepartment(t, 'DUPE', '一部');
      const res = await t.http().post('/departments').set(admin()).send({ code: 'DUPE', name: '二部' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'DUPLICATE', details: { field: 'code' } });
    });

    it('answers 404 for an unknown department id, on GET and on PATCH', async () => {
      const id = randomUUID();
      const get = await t.http().get(`/departments/${id}`).set(admin());
      expect(get.status).toBe(404);
      expect(get.body.message).toContain(id);
      expect((await t.http().patch(`/departments/${id}`).set(admin()).send({ name: 'x' })).status).toBe(404);
    });

    it('answers 400 naming `id` for a department id that is not a UUID', async () => {
      for (const res of [await t.http().get('/departments/42').set(admin()), await t.http().patch('/departments/42').set(admin()).send({ name: 'x' })]) {
        expect(res.status).toBe(400);
        expect(res.body.details.fields).toEqual([{ field: 'id', problems: ['must be a UUID'] }]);
      }
    });
  });

  describe('staff', () => {
    it('creates a staff account in a department with its roles; the username is stored lower-case (201)', async () => {
      const dept = await createDepartment(t, 'STAFFA', '员工部');
      const res = keep(
        await t
          .http()
          .post('/staff')
          .set(admin())
          .send({ name: '王芳', username: 'WangFang', password: 'initial-pass-1', departmentId: dept.id, roles: ['staff'] }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: '王芳',
        username: 'wangfang',
        employeeNo: null,
        departmentId: dept.id,
        roles: ['staff'],
        active: true,
      });
      expect((await t.http().post('/auth/login').send({ username: 'WANGFANG', password: 'initial-pass-1' })).status).toBe(200);
    });

    it('refuses a duplicate username with 409, whatever its case', async () => {
      await createStaff(t, { username: 'samename' });
      const res = await t
        .http()
        .post('/staff')
        .set(admin())
        .send({ name: 'x', username: 'SameName', password: 'long-enough-1', roles: ['staff'] });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'DUPLICATE', details: { field: 'username' } });
    });

    it('refuses a password shorter than the policy minimum with 400 naming `password`', async () => {
      const res = await t
        .http()
        .post('/staff')
        .set(admin())
        .send({ name: 'x', username: 'shortpw', password: 'short', roles: ['staff'] });
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('password');
    });

    it('refuses a department that does not exist with 400 naming `departmentId`', async () => {
      const res = await t
        .http()
        .post('/staff')
        .set(admin())
        .send({ name: 'x', username: 'nodept', password: 'long-enough-1', departmentId: randomUUID(), roles: ['staff'] });
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('departmentId');
    });

    it('lists staff, filtered by department, and gets one by id', async () => {
      const dept = await createDepartment(t, 'LISTS', '列表部');
      const a = await createStaff(t, { department: dept, username: 'list-a' });
      const b = await createStaff(t, { department: dept, username: 'list-b' });
      await createStaff(t, { username: 'list-elsewhere' });
      const filtered = keep(await t.http().get(`/staff?departmentId=${dept.id}`).set(admin()));
      expect(filtered.status).toBe(200);
      expect(filtered.body.map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);
      const all = keep(await t.http().get('/staff').set(admin()));
      expect(all.body.length).toBeGreaterThan(3);
      const one = keep(await t.http().get(`/staff/${a.id}`).set(admin()));
      expect(one.body).toEqual({ id: a.id, name: a.name, username: 'list-a', employeeNo: null, departmentId: dept.id, roles: ['staff'], active: true });
    });

    it('answers 400 naming `departmentId` for a staff filter that is not a UUID, and 404 for an unknown staff id', async () => {
      const bad = await t.http().get('/staff?departmentId=abc').set(admin());
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields[0].field).toBe('departmentId');
      expect((await t.http().get(`/staff/${randomUUID()}`).set(admin())).status).toBe(404);
      expect((await t.http().patch(`/staff/${randomUUID()}`).set(admin()).send({ name: 'x' })).status).toBe(404);
      const notUuid = await t.http().get('/staff/nope').set(admin());
      expect(notUuid.status).toBe(400);
      expect(notUuid.body.details.fields[0].field).toBe('id');
    });

    it('updates name, roles and department, and records the department change as a membership term', async () => {
      const from = await createDepartment(t, 'MOVEA', '甲部');
      const to = await createDepartment(t, 'MOVEB', '乙部');
      const staff = await createStaff(t, { department: from });
      const res = keep(
        await t
          .http()
          .patch(`/staff/${staff.id}`)
          .set(admin())
          .send({ name: '新名字', roles: ['staff', 'hr'], departmentId: to.id }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: staff.id, name: '新名字', roles: ['staff', 'hr'], departmentId: to.id, active: true });
      const terms = await t.db.query(`SELECT holder_id, ${ENDED_AT} AS ended_at FROM org_term WHERE kind = 'membership' AND subject_id = $1 ORDER BY id`, [
        staff.id,
      ]);
      expect(terms).toEqual([
        { holder_id: from.id, ended_at: expect.any(Date) },
        { holder_id: to.id, ended_at: null },
      ]);
    });

    it('resets a password: the new one signs in, the old one no longer does', async () => {
      const staff = await createStaff(t);
      const res = keep(await t.http().patch(`/staff/${staff.id}`).set(admin()).send({ password: 'brand-new-pass-9' }));
      expect(res.status).toBe(200);
      expect((await t.http().post('/auth/login').send({ username: staff.username, password: staff.password })).status).toBe(401);
      expect((await t.http().post('/auth/login').send({ username: staff.username, password: 'brand-new-pass-9' })).status).toBe(200);
    });

    it('deactivates an account: it stays listed as inactive and can no longer sign in', async () => {
      const staff = await createStaff(t);
      const res = keep(await t.http().patch(`/staff/${staff.id}`).set(admin()).send({ active: false }));
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      expect((await t.http().get(`/staff/${staff.id}`).set(admin())).body.active).toBe(false);
      expect((await t.http().post('/auth/login').send({ username: staff.username, password: staff.password })).status).toBe(401);
    });
  });

  describe('a department supervisor must be an active member with the supervisor role', () => {
    it('appoints an active member with the supervisor role, shows them on the department and opens a supervisor term', async () => {
      const dept = await createDepartment(t, 'SUPOK', '主管部');
      const supervisor = await createStaff(t, { department: dept, roles: ['staff', 'supervisor'], name: '李主管' });
      const res = keep(await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ supervisorId: supervisor.id }));
      expect(res.status).toBe(200);
      expect(res.body.supervisor).toEqual({ id: supervisor.id, name: '李主管' });
      expect(await supervisorTerms(dept.id)).toEqual([{ holder_id: supervisor.id, ended_at: null }]);
    });

    it('replacing the supervisor ends the previous term and opens a new one; clearing it ends the term', async () => {
      const { department, supervisor } = await createTeam(t, 'SUPSWAP', '换主管部');
      const next = await createStaff(t, { department, roles: ['staff', 'supervisor'] });
      await appointSupervisor(t, department, next);
      const cleared = keep(await t.http().patch(`/departments/${department.id}`).set(admin()).send({ supervisorId: null }));
      expect(cleared.status).toBe(200);
      expect(cleared.body.supervisor).toBeNull();
      expect(await supervisorTerms(department.id)).toEqual([
        { holder_id: supervisor.id, ended_at: expect.any(Date) },
        { holder_id: next.id, ended_at: expect.any(Date) },
        { holder_id: null, ended_at: null },
      ]);
    });

    it('refuses to appoint someone from another department (422 naming the rule)', async () => {
      const dept = await createDepartment(t, 'SUPNM', '非成员部');
      const outsider = await createStaff(t, { department: await createDepartment(t, 'SUPNM2'), roles: ['staff', 'supervisor'] });
      expectRefusedBySupervisorRule(await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ supervisorId: outsider.id }));
      const noDepartment = await createStaff(t, { roles: ['staff', 'supervisor'] });
      expectRefusedBySupervisorRule(await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ supervisorId: noDepartment.id }));
      expect((await t.http().get(`/departments/${dept.id}`).set(admin())).body.supervisor).toBeNull();
    });

    it('refuses to appoint a member without the supervisor role (422 naming the rule)', async () => {
      const dept = await createDepartment(t, 'SUPNR', '无角色部');
      const member = await createStaff(t, { department: dept, roles: ['staff'] });
      expectRefusedBySupervisorRule(await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ supervisorId: member.id }));
    });

    it('refuses to appoint an inactive member (422 naming the rule)', async () => {
      const dept = await createDepartment(t, 'SUPIN', '停用部');
      const member = await createStaff(t, { department: dept, roles: ['staff', 'supervisor'] });
      await t.http().patch(`/staff/${member.id}`).set(admin()).send({ active: false }).expect(200);
      expectRefusedBySupervisorRule(await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ supervisorId: member.id }));
    });

    it('answers 404 when the appointed supervisor does not exist', async () => {
      const dept = await createDepartment(t, 'SUPGONE', '无人部');
      expect((await t.http().patch(`/departments/${dept.id}`).set(admin()).send({ supervisorId: randomUUID() })).status).toBe(404);
    });

    it('refuses to move the current supervisor to another department, or out of every department (422)', async () => {
      const { department, supervisor } = await createTeam(t, 'SUPMV', '调动部');
      const other = await createDepartment(t, 'SUPMV2');
      const moved = await t.http().patch(`/staff/${supervisor.id}`).set(admin()).send({ departmentId: other.id });
      expectRefusedBySupervisorRule(moved);
      expect(moved.body.details.department).toBe('SUPMV');
      expectRefusedBySupervisorRule(await t.http().patch(`/staff/${supervisor.id}`).set(admin()).send({ departmentId: null }));
      expect((await t.http().get(`/staff/${supervisor.id}`).set(admin())).body.departmentId).toBe(department.id);
    });

    it('refuses to deactivate the current supervisor (422)', async () => {
      const { supervisor } = await createTeam(t, 'SUPDEA', '停用主管部');
      expectRefusedBySupervisorRule(await t.http().patch(`/staff/${supervisor.id}`).set(admin()).send({ active: false }));
      expect((await t.http().get(`/staff/${supervisor.id}`).set(admin())).body.active).toBe(true);
    });

    it('refuses to take the supervisor role from the current supervisor (422)', async () => {
      const { supervisor } = await createTeam(t, 'SUPROLE', '角色部');
      expectRefusedBySupervisorRule(
        await t
          .http()
          .patch(`/staff/${supervisor.id}`)
          .set(admin())
          .send({ roles: ['staff'] }),
      );
      expect((await t.http().get(`/staff/${supervisor.id}`).set(admin())).body.roles).toEqual(['staff', 'supervisor']);
    });

    it('lets the former supervisor be moved once another supervisor is appointed', async () => {
      const { department, supervisor } = await createTeam(t, 'SUPAFT', '接任部');
      const successor = await createStaff(t, { department, roles: ['staff', 'supervisor'] });
      await appointSupervisor(t, department, successor);
      const other = await createDepartment(t, 'SUPAFT2');
      const res = await t
        .http()
        .patch(`/staff/${supervisor.id}`)
        .set(admin())
        .send({ departmentId: other.id, roles: ['staff'] });
      expect(res.status).toBe(200);
    });
  });

  describe('access', () => {
    it('lets any signed-in role read departments and staff', async () => {
      const staff = await createStaff(t);
      expect((await t.http().get('/departments').set(bearer(staff.token))).status).toBe(200);
      expect((await t.http().get('/staff').set(bearer(staff.token))).status).toBe(200);
      expect((await t.http().get(`/staff/${staff.id}`).set(bearer(staff.token))).status).toBe(200);
    });

    it('refuses the staff role (and supervisors, managers, HR) with 403 on every org write', async () => {
      const { department, supervisor, staff } = await createTeam(t, 'ACCESS', '权限部');
      const manager = await createStaff(t, { roles: ['manager'] });
      const hr = await createStaff(t, { roles: ['hr'] });
      for (const who of [staff, supervisor, manager, hr]) {
        const writes = [
          await t.http().post('/departments').set(bearer(who.token)).send({ code: 'NOPE', name: 'x' }),
          await t.http().patch(`/departments/${department.id}`).set(bearer(who.token)).send({ name: 'x' }),
          await t
            .http()
            .post('/staff')
            .set(bearer(who.token))
            .send({ name: 'x', username: 'nope-user', password: 'long-enough-1', roles: ['admin'] }),
          await t
            .http()
            .patch(`/staff/${who.id}`)
            .set(bearer(who.token))
            .send({ roles: ['admin'] }),
        ];
        for (const res of writes) {
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
        }
      }
      expect((await t.http().get(`/staff/${staff.id}`).set(admin())).body.roles).toEqual(['staff']);
    });

    it('never returns a password hash (or the password) in any org response', async () => {
      const all = await t.http().get('/staff').set(admin());
      seen.push(all);
      expect(seen.length).toBeGreaterThan(10);
      for (const res of seen) {
        const text = JSON.stringify(res.body);
        expect(text).not.toMatch(/password/i);
        expect(text).not.toContain('scrypt$');
      }
    });
  });
});
