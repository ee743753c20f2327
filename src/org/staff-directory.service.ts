import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from './principal.js';
import { Department } from './department.entity.js';
import type { Role } from './roles.js';
import { Staff } from './staff.entity.js';
import { CACHED_PLAN } from '../database/plan-cache.js';

export interface PersonSummary {
  id: string;
  name: string;
}

export interface DepartmentSummary {
  id: string;
  code: string;
  name: string;
  supervisorId: string | null;
}

/** What sign-in needs of an active account: its password hash and token generation, besides who it is. */
export interface SignInAccount extends Principal {
  passwordHash: string;
  tokenGeneration: number;
}

export interface Member {
  id: string;
  name: string;
  departmentId: string | null;
  roles: Role[];
  active: boolean;
}

/** A category's department with the name of its supervisor (who takes what no one else can). */
export type RoutingDepartment = DepartmentSummary & { supervisor: PersonSummary | null };

/** The columns ROUTING_DEPARTMENT reads; all null when no department has the code. */
export interface RoutingDepartmentRow {
  department_id: string | null;
  department_code: string | null;
  department_name: string | null;
  supervisor_id: string | null;
  supervisor_name: string | null;
}

/**
 * The routing department's read as parts of a statement, so that another module's statement may carry it in the
 * same round trip (intake's probe for the caller's open tickets) while the org tables stay written here. `from`
 * takes the placeholder of the department's code and yields exactly one row, with null columns for an unknown code.
 */
export const ROUTING_DEPARTMENT = {
  columns: 'd.id AS department_id, d.code AS department_code, d.name AS department_name, d.supervisor_id, s.name AS supervisor_name',
  from: (codeParam: string) =>
    `(SELECT ${codeParam}::text AS code) routed LEFT JOIN department d ON d.code = routed.code LEFT JOIN staff s ON s.id = d.supervisor_id`,
};

export function routingDepartmentOf(row: RoutingDepartmentRow | undefined): RoutingDepartment | null {
  if (!row?.department_id) return null;
  return {
    id: row.department_id,
    code: row.department_code!,
    name: row.department_name!,
    supervisorId: row.supervisor_id,
    supervisor: row.supervisor_id ? { id: row.supervisor_id, name: row.supervisor_name! } : null,
  };
}

/** Read access to staff and departments for other modules (auth, tickets, sla), so none of them touches org tables. */
@Injectable()
export class StaffDirectory {
  constructor(private readonly db: DataSource) {}

  /**
   * Every authenticated request asks: one plain statement, no query building. The token's generation must
   * still be the account's, so tokens issued before a password, role or department change are refused.
   */
  async principal(id: string, generation: number): Promise<Principal | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [s]: { id: string; username: string; name: string; roles: Role[]; department_id: string | null }[] = await this.db.query(
      `${CACHED_PLAN}SELECT id, username, name, roles, department_id FROM staff WHERE id = $1 AND active AND token_generation = $2`,
      [id, generation],
    );
    return s ? { id: s.id, username: s.username, name: s.name, roles: s.roles, departmentId: s.department_id } : null;
  }

  /** The active account with this (lower-case) username, for sign-in. */
  async signInAccount(username: string): Promise<SignInAccount | null> {
    const s = await this.db.getRepository(Staff).findOne({
      where: { username, active: true },
      select: { id: true, name: true, username: true, roles: true, departmentId: true, passwordHash: true, tokenGeneration: true },
    });
    return s
      ? {
          id: s.id,
          name: s.name,
          username: s.username,
          roles: s.roles,
          departmentId: s.departmentId,
          passwordHash: s.passwordHash,
          tokenGeneration: s.tokenGeneration,
        }
      : null;
  }

  async hasActiveAdmin(): Promise<boolean> {
    return this.db.getRepository(Staff).createQueryBuilder('s').where(`s.active AND 'admin' = ANY(s.roles)`).getExists();
  }

  /** Of these people, the token generation of each who is still active (open live streams are re-checked with it). */
  async activeGenerations(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { id: string; token_generation: number }[] = await this.db.query(
      'SELECT id, token_generation FROM staff WHERE id = ANY($1::uuid[]) AND active',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.token_generation]));
  }

  async member(id: string, em: EntityManager = this.db.manager): Promise<Member | null> {
    const s = await em.getRepository(Staff).findOne({ where: { id }, select: { id: true, name: true, departmentId: true, roles: true, active: true } });
    return s ? { id: s.id, name: s.name, departmentId: s.departmentId, roles: s.roles, active: s.active } : null;
  }

  async department(id: string, em: EntityManager = this.db.manager): Promise<DepartmentSummary | null> {
    const d = await em.getRepository(Department).findOne({ where: { id } });
    return d ? { id: d.id, code: d.code, name: d.name, supervisorId: d.supervisorId } : null;
  }

  /** The department a category routes to, by its code, with the name of its supervisor (who takes what no one else can). */
  async routingDepartment(code: string, em: EntityManager = this.db.manager): Promise<RoutingDepartment | null> {
    const [row]: RoutingDepartmentRow[] = await em.query(`${CACHED_PLAN}SELECT ${ROUTING_DEPARTMENT.columns} FROM ${ROUTING_DEPARTMENT.from('$1')}`, [code]);
    return routingDepartmentOf(row);
  }

  async people(ids: Iterable<string | null | undefined>, em: EntityManager = this.db.manager): Promise<Map<string, PersonSummary>> {
    const unique = [...new Set([...ids].filter((id): id is string => !!id))];
    if (!unique.length) return new Map();
    const rows = await em.getRepository(Staff).find({ where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
  }

  async departments(ids: Iterable<string | null | undefined>, em: EntityManager = this.db.manager): Promise<Map<string, DepartmentSummary>> {
    const unique = [...new Set([...ids].filter((id): id is string => !!id))];
    if (!unique.length) return new Map();
    const rows = await em.getRepository(Department).find({ where: { id: In(unique) } });
    return new Map(rows.map((d) => [d.id, { id: d.id, code: d.code, name: d.name, supervisorId: d.supervisorId }]));
  }

  /** Active staff and supervisors of a department: who may claim an online complaint routed to it (首问负责制, first_claim). */
  async membersOf(departmentId: string, em: EntityManager = this.db.manager): Promise<PersonSummary[]> {
    return em
      .getRepository(Staff)
      .createQueryBuilder('s')
      .select(['s.id', 's.name'])
      .where(`s.active AND s.departmentId = :departmentId AND s.roles && ARRAY['staff', 'supervisor']::text[]`, { departmentId })
      .getMany();
  }

  /** Active staff holding any of `roles` (e.g. the company's managers for a level-2 escalation). */
  async withRole(role: Role, em: EntityManager = this.db.manager): Promise<PersonSummary[]> {
    return em.getRepository(Staff).createQueryBuilder('s').select(['s.id', 's.name']).where('s.active AND :role = ANY(s.roles)', { role }).getMany();
  }
}
