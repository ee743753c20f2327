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
  async routingDepartment(code: string, em: EntityManager = this.db.manager): Promise<(DepartmentSummary & { supervisor: PersonSummary | null }) | null> {
    const [d]: { id: string; code: string; name: string; supervisor_id: string | null; supervisor_name: string | null }[] = await em.query(
      `${CACHED_PLAN}SELECT d.id, d.code, d.name, d.supervisor_id, s.name AS supervisor_name FROM department d LEFT JOIN staff s ON s.id = d.supervisor_id WHERE d.code = $1`,
      [code],
    );
    if (!d) return null;
    return {
      id: d.id,
      code: d.code,
      name: d.name,
      supervisorId: d.supervisor_id,
      supervisor: d.supervisor_id ? { id: d.supervisor_id, name: d.supervisor_name! } : null,
    };
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
