import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../common/password-hasher.js';
import { Department } from '../org/department.entity.js';
import { Place } from '../places/place.entity.js';
import { placeRecord } from '../places/place-register.service.js';
import { OrgTerms } from '../org/org-terms.service.js';
import type { Role } from '../org/roles.js';
import { Staff } from '../org/staff.entity.js';

interface DemoPerson {
  username: string;
  name: string;
  roles: Role[];
}

interface DemoDepartment {
  code: string;
  name: string;
  supervisor: DemoPerson;
  staff: DemoPerson[];
}

/** The departments config/policy.yaml routes to (报修 -> ENG, 安全 -> SEC, 卫生 -> ENV, 收费/服务态度 -> CS). */
export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  {
    code: 'CS',
    name: '客服部',
    supervisor: { username: 'cs.supervisor', name: '李静', roles: ['staff', 'supervisor'] },
    staff: [
      { username: 'cs.staff1', name: '王芳', roles: ['staff'] },
      { username: 'cs.staff2', name: '张敏', roles: ['staff'] },
    ],
  },
  {
    code: 'ENG',
    name: '工程部',
    supervisor: { username: 'eng.supervisor', name: '刘强', roles: ['staff', 'supervisor'] },
    staff: [
      { username: 'eng.staff1', name: '陈伟', roles: ['staff'] },
      { username: 'eng.staff2', name: '杨磊', roles: ['staff'] },
    ],
  },
  {
    code: 'SEC',
    name: '秩序部',
    supervisor: { username: 'sec.supervisor', name: '赵军', roles: ['staff', 'supervisor'] },
    staff: [
      { username: 'sec.staff1', name: '孙浩', roles: ['staff'] },
      { username: 'sec.staff2', name: '周勇', roles: ['staff'] },
    ],
  },
  {
    code: 'ENV',
    name: '环境部',
    supervisor: { username: 'env.supervisor', name: '吴丽', roles: ['staff', 'supervisor'] },
    staff: [
      { username: 'env.staff1', name: '郑霞', roles: ['staff'] },
      { username: 'env.staff2', name: '何梅', roles: ['staff'] },
    ],
  },
];

/** Company leaders and HR belong to no department. */
export const DEMO_COMPANY_WIDE: readonly DemoPerson[] = [
  { username: 'manager', name: '黄总经理', roles: ['manager'] },
  { username: 'hr.officer', name: '林人事', roles: ['hr'] },
];

export const DEFAULT_DEMO_PASSWORD = 'demo-password';

interface DemoCommunity {
  name: string;
  /** Each building's units (empty: rooms straight in the building), and the rooms of each unit or building. */
  buildings: { name: string; units: string[] }[];
  rooms: string[];
}

/** Two communities for the intake's place picker: one with units, one whose buildings have none. */
export const DEMO_PLACES: readonly DemoCommunity[] = [
  {
    name: '阳光花园',
    buildings: ['1栋', '2栋', '3栋'].map((name) => ({ name, units: ['1单元', '2单元'] })),
    rooms: ['101', '102', '201', '202', '301', '302'],
  },
  {
    name: '翠湖苑',
    buildings: ['A座', 'B座'].map((name) => ({ name, units: [] })),
    rooms: ['0101', '0102', '0201', '0202'],
  },
];

export interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  department: string | null;
  /** false when an account with this username already existed and was left as it was. */
  created: boolean;
}

export interface DemoSeedResult {
  accounts: DemoAccount[];
  departmentsCreated: string[];
  supervisorsAppointed: string[];
  /** Places registered by this run (a community already registered is left as it is). */
  placesCreated: number;
}

// Serialises concurrent seed runs (two terminals), so check-then-insert stays correct.
const SEED_LOCK = 727002;

/**
 * Creates the demo company: four departments, each with a supervisor (appointed, with its org_term) and
 * two staff, plus a manager and an HR officer. Idempotent: what already exists (by department code or
 * username, a community by name) is left untouched, so a second run changes nothing. Passwords are hashed like OrgService does.
 */
export async function seedDemoCompany(db: DataSource, options: { password: string; now: Date }): Promise<DemoSeedResult> {
  const passwordHash = await hashPassword(options.password);
  const terms = new OrgTerms();
  return db.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const result: DemoSeedResult = { accounts: [], departmentsCreated: [], supervisorsAppointed: [], placesCreated: 0 };

    for (const demo of DEMO_DEPARTMENTS) {
      const departments = em.getRepository(Department);
      let department = await departments.findOne({ where: { code: demo.code } });
      if (!department) {
        await departments.insert({ code: demo.code, name: demo.name, supervisorId: null });
        department = await departments.findOneOrFail({ where: { code: demo.code } });
        result.departmentsCreated.push(demo.code);
      }
      for (const person of [demo.supervisor, ...demo.staff]) {
        result.accounts.push(await ensureAccount(em, terms, person, department.id, demo.code, passwordHash, options.now));
      }
      if (department.supervisorId === null && (await canSupervise(em, demo.supervisor.username, department.id))) {
        const supervisor = await em.getRepository(Staff).findOneOrFail({ where: { username: demo.supervisor.username } });
        await departments.update({ id: department.id }, { supervisorId: supervisor.id });
        await terms.change(em, 'supervisor', department.id, supervisor.id, options.now);
        result.supervisorsAppointed.push(demo.code);
      }
    }
    for (const person of DEMO_COMPANY_WIDE) {
      result.accounts.push(await ensureAccount(em, terms, person, null, null, passwordHash, options.now));
    }
    result.placesCreated = await ensurePlaces(em, options.now);
    return result;
  });
}

async function ensureAccount(
  em: EntityManager,
  terms: OrgTerms,
  person: DemoPerson,
  departmentId: string | null,
  departmentCode: string | null,
  passwordHash: string,
  now: Date,
): Promise<DemoAccount> {
  const repo = em.getRepository(Staff);
  const existing = await repo.findOne({ where: { username: person.username } });
  if (existing) return { ...person, department: departmentCode, created: false };
  const { identifiers } = await repo.insert({ name: person.name, username: person.username, passwordHash, departmentId, roles: person.roles, active: true });
  // Same record OrgService.createStaff keeps: who belonged where, from when (DESIGN decision 4).
  await terms.change(em, 'membership', identifiers[0].id as string, departmentId, now);
  return { ...person, department: departmentCode, created: true };
}

/** The demo communities not registered yet, with their buildings, units and rooms (as a CSV import would add them). */
async function ensurePlaces(em: EntityManager, now: Date): Promise<number> {
  const rows: Place[] = [];
  for (const demo of DEMO_PLACES) {
    if (await em.getRepository(Place).exists({ where: { parentId: IsNull(), name: demo.name } })) continue;
    const community = placeRecord('community', demo.name, null, now);
    rows.push(community);
    for (const b of demo.buildings) {
      const building = placeRecord('building', b.name, community, now);
      rows.push(building);
      const holders = b.units.length ? b.units.map((u) => placeRecord('unit', u, building, now)) : [building];
      if (b.units.length) rows.push(...holders);
      for (const holder of holders) rows.push(...demo.rooms.map((r) => placeRecord('room', r, holder, now)));
    }
  }
  if (rows.length) await em.getRepository(Place).insert(rows);
  return rows.length;
}

/** The rule OrgService enforces: a supervisor is an active member of the department with the supervisor role. */
async function canSupervise(em: EntityManager, username: string, departmentId: string): Promise<boolean> {
  const staff = await em.getRepository(Staff).findOne({ where: { username } });
  return !!staff && staff.active && staff.departmentId === departmentId && staff.roles.includes('supervisor');
}
