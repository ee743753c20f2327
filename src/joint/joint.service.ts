import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TicketWork } from '../tickets/ticket-work.js';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { TicketResolveGuards } from '../tickets/ticket-resolve-guards.js';
import { TicketVisibility } from '../tickets/ticket-visibility.js';
import { JointTask } from './joint-task.entity.js';
import { jointRecipients, jointWarnAt, nextJointCheck, planJointSteps } from './joint-task-clock.js';
import { JointRuleCode } from './joint.rule-codes.js';
import type { JointTaskView } from './joint.view.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface JointSweepReport {
  warned: number;
  breached: number;
  escalated: number;
}

const STEP_TEXT = {
  warning: (name: string) => `联合办理：${name} 协办任务即将到期，请尽快办理并签收完成`,
  breach: (name: string) => `联合办理：${name} 协办任务已超时`,
  escalation: (name: string, level: number) => `联合办理：${name} 协办任务超时，已上报${level === 1 ? '该部门主管' : '公司领导'}（${level}级）`,
};

/**
 * 联合办理: the ticket's department leads; co-departments each do a task of it, assigned by their supervisor
 * and signed off by its handler. The resident gets one answer, from the lead; the ticket resolves once every
 * task is signed off. Each step is a row of the ticket's history and an event, in one transaction.
 */
@Injectable()
export class JointService implements OnModuleInit {
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
    private readonly resolveGuards: TicketResolveGuards,
    private readonly visibility: TicketVisibility,
  ) {}

  onModuleInit(): void {
    this.resolveGuards.register('joint', async (em, ticket) => {
      const open = await this.openTasks(em, ticket.id);
      if (!open.length) return null;
      const named = open.map((t) => `${t.departmentName}: ${t.task}`).join('; ');
      return {
        rule: JointRuleCode.TasksOpen,
        message: `the ticket is resolved once every co-department's task is signed off; open: ${named}`,
        details: { openTasks: open },
      };
    });
    // A co-department sees the ticket while its task is open and `joint.visibilityDaysAfterSignOff` days after.
    this.visibility.register('joint', {
      sees: (t) =>
        `EXISTS (SELECT 1 FROM joint_task jt WHERE jt.ticket_id = ${t}.id AND jt.department_id = :viewerDept AND (jt.status = 'open' OR jt.signed_off_at > :jointVisibleSince))`,
      needsResidentData: (t) =>
        `EXISTS (SELECT 1 FROM joint_task jh WHERE jh.ticket_id = ${t}.id AND jh.handler_id = :viewerId AND jh.department_id = :viewerDept)`,
      params: (now) => ({ jointVisibleSince: new Date(now.getTime() - this.work.policy.joint.visibilityDaysAfterSignOff * DAY_MS) }),
      refusal: {
        rule: JointRuleCode.LeadRepliesOnly,
        message: 'a co-department (联合办理) does its task on the ticket; the lead department answers the resident and handles the ticket',
      },
    });
  }

  private async openTasks(em: EntityManager, ticketId: string): Promise<{ taskId: string; departmentId: string; departmentName: string; task: string }[]> {
    const rows = await em.getRepository(JointTask).find({ where: { ticketId, status: 'open' }, order: { createdAt: 'ASC' } });
    const departments = await this.work.directory.departments(
      rows.map((r) => r.departmentId),
      em,
    );
    return rows.map((r) => ({ taskId: r.id, departmentId: r.departmentId, departmentName: departments.get(r.departmentId)?.name ?? '', task: r.task }));
  }

  async list(ticketId: string, viewer: Principal): Promise<JointTaskView[]> {
    return this.work.uow.run(undefined, async (em) => {
      await this.work.tickets.seen(em, ticketId, viewer);
      const rows = await em.getRepository(JointTask).find({ where: { ticketId }, order: { createdAt: 'ASC' } });
      return this.views(em, rows);
    });
  }

  /** The lead's handler, its department's supervisor or a company leader gives a co-department its task. */
  create(
    ticketId: string,
    input: { departmentId: string; task: string; dueAt?: string },
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<JointTaskView> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.tickets.seen(em, ticketId, actor);
      const leadSupervisor = hasRole(actor, 'supervisor') && actor.departmentId === ticket.departmentId;
      if (!(actor.id === ticket.handlerId || leadSupervisor || hasRole(actor, 'manager'))) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          "the ticket's handler, its department's supervisor or a company leader gives co-departments their tasks",
          {
            rule: JointRuleCode.LeadGivesTasks,
          },
        );
      }
      if (ticket.status !== 'open') throw ruleViolated(JointRuleCode.OpenTicketOnly, `tasks are given on an open ticket; the ticket is ${ticket.status}`);
      const department = await this.work.directory.department(input.departmentId, em);
      if (!department) throw invalidInput('departmentId', 'no such department');
      if (department.id === ticket.departmentId) {
        throw ruleViolated(JointRuleCode.CoDepartmentNotLead, 'the lead department (the ticket’s department) is not its own co-department', {
          field: 'departmentId',
        });
      }
      const repo = em.getRepository(JointTask);
      if (await repo.exists({ where: { ticketId, departmentId: department.id, status: 'open' } })) {
        throw ruleViolated(JointRuleCode.OneOpenTaskPerDepartment, `${department.name} already has an open task on this ticket`, { field: 'departmentId' });
      }
      const now = this.work.clock.now();
      const dueAt = input.dueAt ? new Date(input.dueAt) : new Date(now.getTime() + this.work.policy.joint.taskMinutes * 60_000);
      if (dueAt.getTime() <= now.getTime()) throw invalidInput('dueAt', 'must be in the future');
      const warnAt = jointWarnAt(now, dueAt, this.work.policy.joint.warnAtPercent);
      const { identifiers } = await repo.insert({
        warnAt,
        warnedAt: null,
        breachedAt: null,
        escalationLevel: 0,
        nextCheckAt: warnAt < dueAt ? warnAt : dueAt,
        ticketId,
        departmentId: department.id,
        task: input.task,
        dueAt,
        handlerId: null,
        status: 'open',
        createdById: actor.id,
        createdAt: now,
        signedOffAt: null,
        signOffNote: null,
      });
      const id = identifiers[0].id as string;
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'joint_task_created',
        after: { taskId: id, departmentId: department.id, dueAt: dueAt.toISOString() },
        note: `联合办理：${department.name} 协办 — ${input.task}`,
      });
      await this.work.bus.publish(em, {
        name: 'joint.task_created',
        ticketId,
        actorId: actor.id,
        payload: { taskId: id, departmentId: department.id, dueAt: dueAt.toISOString() },
      });
      return (await this.views(em, [await repo.findOneByOrFail({ id })]))[0];
    });
  }

  /** The co-department's supervisor names who in the department does the task. */
  assign(ticketId: string, taskId: string, staffId: string, actor: Principal, idempotency?: IdempotencyScope): Promise<JointTaskView> {
    return this.work.uow.run(idempotency, async (em) => {
      await this.work.tickets.seen(em, ticketId, actor);
      const task = await this.task(em, ticketId, taskId);
      const department = await this.work.directory.department(task.departmentId, em);
      if (department?.supervisorId !== actor.id) {
        throw new DomainError(DomainErrorCode.Forbidden, "the co-department's supervisor assigns its task", { rule: JointRuleCode.SupervisorAssignsOwnMember });
      }
      const member = await this.work.directory.member(staffId, em);
      if (!member) throw invalidInput('staffId', 'no such staff member');
      if (!member.active || member.departmentId !== task.departmentId) {
        throw ruleViolated(JointRuleCode.SupervisorAssignsOwnMember, `the task is assigned to an active member of ${department.name}`, { field: 'staffId' });
      }
      const now = this.work.clock.now();
      const before = { handlerId: task.handlerId };
      await em.getRepository(JointTask).update({ id: task.id }, { handlerId: member.id });
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'joint_task_assigned',
        before,
        after: { taskId: task.id, handlerId: member.id },
        note: `联合办理：${department.name} 协办任务交 ${member.name} 办理`,
      });
      await this.work.bus.publish(em, {
        name: 'joint.task_assigned',
        ticketId,
        actorId: actor.id,
        payload: { taskId: task.id, departmentId: task.departmentId, handlerId: member.id },
      });
      return (await this.views(em, [{ ...task, handlerId: member.id }]))[0];
    });
  }

  /** The task's handler signs it off: the co-department's part is done. */
  signOff(ticketId: string, taskId: string, note: string, actor: Principal, idempotency?: IdempotencyScope): Promise<JointTaskView> {
    return this.work.uow.run(idempotency, async (em) => {
      await this.work.tickets.seen(em, ticketId, actor);
      const task = await this.task(em, ticketId, taskId);
      if (task.handlerId !== actor.id) {
        throw new DomainError(DomainErrorCode.Forbidden, "the task's handler signs it off", { rule: JointRuleCode.HandlerSignsOff });
      }
      const now = this.work.clock.now();
      // Signed off: the task's clock stops (a breach already recorded stays).
      await em.getRepository(JointTask).update({ id: task.id }, { status: 'signed_off', signedOffAt: now, signOffNote: note, nextCheckAt: null });
      const department = await this.work.directory.department(task.departmentId, em);
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'joint_task_signed_off',
        before: { taskId: task.id, status: 'open' },
        after: { taskId: task.id, status: 'signed_off' },
        note: `联合办理：${department?.name ?? ''} 协办完成 — ${note}`,
      });
      await this.work.bus.publish(em, {
        name: 'joint.task_signed_off',
        ticketId,
        actorId: actor.id,
        payload: { taskId: task.id, departmentId: task.departmentId },
      });
      return (await this.views(em, [{ ...task, status: 'signed_off', signedOffAt: now, signOffNote: note }]))[0];
    });
  }

  stop(): void {
    this.stopping = true;
  }

  /**
   * One sweep of the due co-department tasks, like the SLA clocks': claimed by their next check with row locks
   * (SKIP LOCKED, so instances side by side never fire a step twice); each warning, breach and escalation is a
   * ticket history row and an event in the claiming transaction.
   */
  async sweep(batchSize = 500): Promise<JointSweepReport> {
    const report = { warned: 0, breached: 0, escalated: 0 };
    const now = this.work.clock.now();
    const steps = this.work.policy.escalation;
    while (!this.stopping) {
      const n = await this.db.transaction(async (em) => {
        const tasks = await em
          .getRepository(JointTask)
          .createQueryBuilder('j')
          .where(`j.next_check_at <= :now AND j.status = 'open'`, { now })
          .orderBy('j.next_check_at')
          .limit(batchSize)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        if (!tasks.length) return 0;
        const departments = await this.work.directory.departments(
          tasks.map((t) => t.departmentId),
          em,
        );
        let managers: string[] | undefined;
        const leaders = async () => (managers ??= (await this.work.directory.withRole('manager', em)).map((m) => m.id));
        for (const task of tasks) {
          const department = departments.get(task.departmentId);
          const name = department?.name ?? '';
          for (const step of planJointSteps(task, steps, now)) {
            const recipients = jointRecipients(step, task.handlerId, department?.supervisorId ?? null, await leaders());
            const base = { taskId: task.id, departmentId: task.departmentId, dueAt: task.dueAt.toISOString(), recipients };
            if (step.kind === 'warning') {
              report.warned++;
              await this.work.writer.history(em, task.ticketId, null, now, { action: 'joint_task_warned', after: base, note: STEP_TEXT.warning(name) });
              await this.work.bus.publish(em, { name: 'joint.task_warned', ticketId: task.ticketId, actorId: null, occurredAt: now, payload: base });
            } else if (step.kind === 'breach') {
              report.breached++;
              await this.work.writer.history(em, task.ticketId, null, now, { action: 'joint_task_breached', after: base, note: STEP_TEXT.breach(name) });
              await this.work.bus.publish(em, { name: 'joint.task_breached', ticketId: task.ticketId, actorId: null, occurredAt: now, payload: base });
            } else {
              report.escalated++;
              const payload = { ...base, level: step.level };
              await this.work.writer.history(em, task.ticketId, null, now, {
                action: 'joint_task_escalated',
                after: payload,
                note: STEP_TEXT.escalation(name, step.level),
              });
              await this.work.bus.publish(em, { name: 'joint.task_escalated', ticketId: task.ticketId, actorId: null, occurredAt: now, payload });
            }
          }
          await em.getRepository(JointTask).update(
            { id: task.id },
            {
              warnedAt: task.warnedAt,
              breachedAt: task.breachedAt,
              escalationLevel: task.escalationLevel,
              nextCheckAt: nextJointCheck(task, steps),
            },
          );
        }
        return tasks.length;
      });
      if (n < batchSize) break;
    }
    return report;
  }

  /** An open task of the ticket, locked for the step. */
  private async task(em: EntityManager, ticketId: string, taskId: string): Promise<JointTask> {
    const task = await em.getRepository(JointTask).findOne({ where: { id: taskId, ticketId }, lock: { mode: 'pessimistic_write' } });
    if (!task) throw notFound('joint task', taskId);
    if (task.status !== 'open') throw ruleViolated(JointRuleCode.TaskSignedOff, 'the task is signed off already');
    return task;
  }

  private async views(em: EntityManager, rows: JointTask[]): Promise<JointTaskView[]> {
    const departments = await this.work.directory.departments(
      rows.map((r) => r.departmentId),
      em,
    );
    const people = await this.work.directory.people(
      rows.map((r) => r.handlerId),
      em,
    );
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticketId,
      department: { id: r.departmentId, name: departments.get(r.departmentId)?.name ?? '' },
      task: r.task,
      dueAt: r.dueAt.toISOString(),
      handler: r.handlerId ? { id: r.handlerId, name: people.get(r.handlerId)?.name ?? '' } : null,
      status: r.status,
      signedOffAt: r.signedOffAt ? r.signedOffAt.toISOString() : null,
      signOffNote: r.signOffNote,
      breached: !!r.breachedAt,
      escalationLevel: r.escalationLevel,
    }));
  }
}
