import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../common/password-hasher.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { Department } from './department.entity.js';
import type { CreateDepartmentDto, DepartmentView, UpdateDepartmentDto } from './dto/department.dto.js';
import type { CreateStaffDto, StaffView, UpdateStaffDto } from './dto/staff.dto.js';
import { OrgTerms } from './org-terms.service.js';
import { Staff } from './staff.entity.js';
import { OrgRuleCode } from './org.rule-codes.js';

const toStaffView = (s: Staff): StaffView => ({
  id: s.id,
  name: s.name,
  username: s.username,
  employeeNo: s.employeeNo,
  departmentId: s.departmentId,
  roles: s.roles,
  active: s.active,
});

/** 工号 are compared and stored upper-case, so E0123 and e0123 are one number. */
const normaliseEmployeeNo = (value: string | null | undefined): string | null => (value ? value.toUpperCase() : null);
const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Departments and staff. A department's supervisor must be an active member with the supervisor role. */
@Injectable()
export class OrgService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly terms: OrgTerms,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /**
   * First start: the administrator account, created, or re-activated with the admin role and this password
   * (which ends its earlier tokens).
   */
  async ensureAdministrator(username: string, passwordHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO staff (name, username, password_hash, roles, active) VALUES ($1, $2, $3, '{admin}', true)
       ON CONFLICT (username) DO UPDATE SET roles = array(SELECT DISTINCT unnest(staff.roles || '{admin}'::text[])), active = true, password_hash = EXCLUDED.password_hash,
         token_generation = staff.token_generation + 1`,
      ['系统管理员', username, passwordHash],
    );
  }

  async listDepartments(): Promise<DepartmentView[]> {
    const rows = await this.db.getRepository(Department).find({ relations: { supervisor: true }, order: { code: 'ASC' } });
    return rows.map((d) => this.toDepartmentView(d));
  }

  async getDepartment(id: string, em: EntityManager = this.db.manager): Promise<DepartmentView> {
    const d = await em.getRepository(Department).findOne({ where: { id }, relations: { supervisor: true } });
    if (!d) throw notFound('department', id);
    return this.toDepartmentView(d);
  }

  async createDepartment(dto: CreateDepartmentDto): Promise<DepartmentView> {
    return this.db.transaction(async (em) => {
      if (await em.getRepository(Department).exists({ where: { code: dto.code } })) {
        throw new DomainError(DomainErrorCode.Duplicate, `department code ${dto.code} is taken`, { field: 'code' });
      }
      const { identifiers } = await em.getRepository(Department).insert({ code: dto.code, name: dto.name, supervisorId: null });
      return this.getDepartment(identifiers[0].id as string, em);
    });
  }

  async updateDepartment(id: string, dto: UpdateDepartmentDto): Promise<DepartmentView> {
    return this.db.transaction(async (em) => {
      const repo = em.getRepository(Department);
      const department = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!department) throw notFound('department', id);
      if (dto.supervisorId !== undefined && dto.supervisorId !== null) {
        const supervisor = await em.getRepository(Staff).findOne({ where: { id: dto.supervisorId } });
        if (!supervisor) throw notFound('staff', dto.supervisorId);
        if (supervisor.departmentId !== id || !supervisor.active || !supervisor.roles.includes('supervisor')) {
          throw ruleViolated(OrgRuleCode.SupervisorMustBeMember, 'the supervisor must be an active member of the department with the supervisor role', {
            field: 'supervisorId',
          });
        }
      }
      await repo.update(
        { id },
        { ...(dto.name !== undefined && { name: dto.name }), ...(dto.supervisorId !== undefined && { supervisorId: dto.supervisorId }) },
      );
      if (dto.supervisorId !== undefined) await this.terms.change(em, 'supervisor', id, dto.supervisorId, this.clock.now());
      return this.getDepartment(id, em);
    });
  }

  async listStaff(filter: { departmentId?: string } = {}): Promise<StaffView[]> {
    const rows = await this.db
      .getRepository(Staff)
      .find({ where: filter.departmentId ? { departmentId: filter.departmentId } : {}, order: { username: 'ASC' } });
    return rows.map(toStaffView);
  }

  async getStaff(id: string, em: EntityManager = this.db.manager): Promise<StaffView> {
    const s = await em.getRepository(Staff).findOne({ where: { id } });
    if (!s) throw notFound('staff', id);
    return toStaffView(s);
  }

  async createStaff(dto: CreateStaffDto): Promise<StaffView> {
    this.checkPassword(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (em) => {
      const username = dto.username.toLowerCase();
      if (await em.getRepository(Staff).exists({ where: { username } })) {
        throw new DomainError(DomainErrorCode.Duplicate, `username ${username} is taken`, { field: 'username' });
      }
      const employeeNo = normaliseEmployeeNo(dto.employeeNo);
      if (employeeNo) await this.requireFreeEmployeeNo(em, employeeNo);
      if (dto.departmentId) await this.requireDepartment(em, dto.departmentId);
      const { identifiers } = await em.getRepository(Staff).insert({
        name: dto.name,
        username,
        employeeNo,
        passwordHash,
        departmentId: dto.departmentId ?? null,
        roles: dto.roles,
        active: true,
      });
      const id = identifiers[0].id as string;
      await this.terms.change(em, 'membership', id, dto.departmentId ?? null, this.clock.now());
      return this.getStaff(id, em);
    });
  }

  async updateStaff(id: string, dto: UpdateStaffDto): Promise<StaffView> {
    if (dto.password !== undefined) this.checkPassword(dto.password);
    const passwordHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    return this.db.transaction(async (em) => {
      const staff = await em.getRepository(Staff).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!staff) throw notFound('staff', id);
      const employeeNo = dto.employeeNo === undefined ? undefined : normaliseEmployeeNo(dto.employeeNo);
      if (employeeNo && employeeNo !== staff.employeeNo) await this.requireFreeEmployeeNo(em, employeeNo);
      if (dto.departmentId) await this.requireDepartment(em, dto.departmentId);
      const next = {
        departmentId: dto.departmentId !== undefined ? dto.departmentId : staff.departmentId,
        roles: dto.roles ?? staff.roles,
        active: dto.active ?? staff.active,
      };
      const supervised = await em.getRepository(Department).findOne({ where: { supervisorId: id } });
      if (supervised && (next.departmentId !== supervised.id || !next.active || !next.roles.includes('supervisor'))) {
        throw ruleViolated(OrgRuleCode.SupervisorMustBeMember, `this person supervises ${supervised.code}; appoint another supervisor first`, {
          department: supervised.code,
        });
      }
      // A new password, a deactivation, other roles or another department end the person's earlier tokens.
      const endsTokens =
        passwordHash !== undefined || next.active !== staff.active || next.departmentId !== staff.departmentId || !sameRoles(next.roles, staff.roles);
      await em.getRepository(Staff).update(
        { id },
        {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(employeeNo !== undefined && { employeeNo }),
          ...(passwordHash !== undefined && { passwordHash }),
          ...next,
          ...(endsTokens && { tokenGeneration: () => 'token_generation + 1' }),
        },
      );
      if (next.departmentId !== staff.departmentId) await this.terms.change(em, 'membership', id, next.departmentId, this.clock.now());
      return this.getStaff(id, em);
    });
  }

  private checkPassword(password: string): void {
    if (password.length < this.policy.auth.minPasswordLength) {
      throw new DomainError(DomainErrorCode.InvalidInput, `password: must be at least ${this.policy.auth.minPasswordLength} characters`, {
        fields: [{ field: 'password', problems: [`must be at least ${this.policy.auth.minPasswordLength} characters`] }],
      });
    }
  }

  private async requireFreeEmployeeNo(em: EntityManager, employeeNo: string): Promise<void> {
    if (await em.getRepository(Staff).exists({ where: { employeeNo } })) {
      throw new DomainError(DomainErrorCode.Duplicate, `employee number ${employeeNo} is taken`, { field: 'employeeNo' });
    }
  }

  private async requireDepartment(em: EntityManager, id: string): Promise<void> {
    if (!(await em.getRepository(Department).exists({ where: { id } }))) {
      throw new DomainError(DomainErrorCode.InvalidInput, `departmentId: department ${id} does not exist`, {
        fields: [{ field: 'departmentId', problems: ['does not exist'] }],
      });
    }
  }

  private toDepartmentView(d: Department): DepartmentView {
    return { id: d.id, code: d.code, name: d.name, supervisor: d.supervisor ? { id: d.supervisor.id, name: d.supervisor.name } : null };
  }
}
