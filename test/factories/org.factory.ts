import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/org/roles.js';
import type { TestApp } from '../utils/create-app.js';

export interface TestStaff {
  id: string;
  username: string;
  password: string;
  name: string;
  departmentId: string | null;
  roles: Role[];
  token: string;
}

export interface TestDepartment {
  id: string;
  code: string;
  name: string;
}

const suffix = () => randomBytes(3).toString('hex');

export async function createDepartment(t: TestApp, code: string, name = code): Promise<TestDepartment> {
  const res = await t.http().post('/departments').set('Authorization', `Bearer ${t.adminToken}`).send({ code, name });
  if (res.status !== 201) throw new Error(`create department ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createStaff(
  t: TestApp,
  options: { department?: TestDepartment | null; roles?: Role[]; name?: string; username?: string } = {},
): Promise<TestStaff> {
  const username = options.username ?? `u${suffix()}`;
  const password = `pw-${suffix()}-secret`;
  const body = {
    name: options.name ?? username,
    username,
    password,
    departmentId: options.department?.id ?? null,
    roles: options.roles ?? ['staff'],
  };
  const res = await t.http().post('/staff').set('Authorization', `Bearer ${t.adminToken}`).send(body);
  if (res.status !== 201) throw new Error(`create staff ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password, token: await t.login(username, password) };
}

export async function appointSupervisor(t: TestApp, department: TestDepartment, supervisor: TestStaff): Promise<void> {
  const res = await t.http().patch(`/departments/${department.id}`).set('Authorization', `Bearer ${t.adminToken}`).send({ supervisorId: supervisor.id });
  if (res.status !== 200) throw new Error(`appoint supervisor: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A department with its supervisor and one staff member. */
export async function createTeam(t: TestApp, code: string, name = code) {
  const department = await createDepartment(t, code, name);
  const supervisor = await createStaff(t, { department, roles: ['staff', 'supervisor'], name: `${name}主管` });
  await appointSupervisor(t, department, supervisor);
  const staff = await createStaff(t, { department, roles: ['staff'], name: `${name}员工` });
  return { department, supervisor, staff };
}

/** The company routing in config/policy.yaml points at these department codes. */
export async function createCompany(t: TestApp) {
  const cs = await createTeam(t, 'CS', '客服部');
  const eng = await createTeam(t, 'ENG', '工程部');
  const sec = await createTeam(t, 'SEC', '秩序部');
  const env = await createTeam(t, 'ENV', '环境部');
  const manager = await createStaff(t, { roles: ['manager'], name: '总经理' });
  const hr = await createStaff(t, { roles: ['hr'], name: '人事专员' });
  return { cs, eng, sec, env, manager, hr };
}
