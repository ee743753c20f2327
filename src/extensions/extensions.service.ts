import { Injectable } from '@nestjs/common';
import { TicketWork } from '../tickets/ticket-work.js';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { monthRange, monthRuleOf } from '../config/statistical-month.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { nextCheck } from '../sla/escalation-plan.js';
import { SlaClock } from '../sla/sla-clock.entity.js';
import { TicketExtension } from './extension.entity.js';
import type { ExtensionCountView, ExtensionSummaryView, ExtensionView, RequestExtensionDto } from './extension.view.js';
import { ExtensionRuleCode } from './extensions.rule-codes.js';

const OPEN = ['requested', 'approved'] as const;

/**
 * 延期: the handler asks before a deadline for a later one; the supervisor of the clock's department approves or
 * refuses before it passes. Approval moves the clock's due time (its warning keeps its lead, its next check follows);
 * the first deadline stays on the clock (`original_due_at`) and in the history, and compliance judges against it.
 */
@Injectable()
export class Extensions {
  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
  ) {}

  request(ticketId: string, dto: RequestExtensionDto, actor: Principal, idempotency?: IdempotencyScope): Promise<ExtensionView> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.tickets.visible(em, ticketId, actor);
      if (!!dto.clockId === !!dto.purpose) throw invalidInput('clockId', 'name either clockId or purpose');
      const clock = await em.getRepository(SlaClock).findOne({
        where: dto.clockId ? { id: dto.clockId, ticketId } : { ticketId, purpose: dto.purpose, status: 'running' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!clock || clock.status !== 'running' || clock.purpose === 'activity')
        throw ruleViolated(ExtensionRuleCode.LiveClock, 'only a running deadline of this ticket can be extended', {
          field: dto.clockId ? 'clockId' : 'purpose',
        });
      if (actor.id !== ticket.handlerId && actor.id !== clock.handlerId)
        throw new DomainError(DomainErrorCode.Forbidden, 'only the ticket’s handler asks for an extension', { rule: ExtensionRuleCode.RequestedByHandler });
      const now = this.work.clock.now();
      if (clock.breachedAt || now >= clock.dueAt)
        throw new DomainError(DomainErrorCode.TooLate, 'the deadline has passed: an extension is asked before it', {
          rule: ExtensionRuleCode.BeforeDeadline,
          dueAt: clock.dueAt.toISOString(),
        });
      const newDueAt = new Date(dto.newDueAt);
      if (newDueAt <= clock.dueAt)
        throw ruleViolated(ExtensionRuleCode.LaterDueTime, 'newDueAt must be later than the clock’s current deadline', {
          field: 'newDueAt',
          dueAt: clock.dueAt.toISOString(),
        });
      const repo = em.getRepository(TicketExtension);
      if (await repo.exists({ where: { clockId: clock.id, status: 'requested' } }))
        throw new DomainError(DomainErrorCode.Duplicate, 'this clock already has an extension waiting for a decision', { rule: ExtensionRuleCode.OnePending });
      const minutes = Math.ceil((newDueAt.getTime() - clock.dueAt.getTime()) / 60_000);
      const open = await repo.find({ where: { ticketId, status: In([...OPEN]) } });
      const caps = this.work.policy.extensions;
      if (open.length >= caps.maxPerTicket)
        throw ruleViolated(ExtensionRuleCode.MaxPerTicket, `a ticket may have at most ${caps.maxPerTicket} extensions`, {
          max: caps.maxPerTicket,
          used: open.length,
        });
      const used = open.reduce((sum, e) => sum + e.minutes, 0);
      if (used + minutes > caps.maxTotalMinutes)
        throw ruleViolated(ExtensionRuleCode.MaxTotalMinutes, `a ticket’s extensions may add up to at most ${caps.maxTotalMinutes} minutes`, {
          field: 'newDueAt',
          max: caps.maxTotalMinutes,
          used,
          asked: minutes,
        });
      const ext = await repo.save(
        repo.create({
          ticketId,
          clockId: clock.id,
          purpose: clock.purpose,
          requesterId: actor.id,
          departmentId: clock.departmentId,
          reason: dto.reason,
          originalDueAt: clock.dueAt,
          requestedDueAt: newDueAt,
          minutes,
          status: 'requested',
          requestedAt: now,
          decidedById: null,
          decidedAt: null,
          decisionNote: null,
        }),
      );
      const supervisorId = (await this.work.directory.departments([clock.departmentId], em)).get(clock.departmentId)?.supervisorId ?? null;
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'extension_requested',
        before: { purpose: clock.purpose, dueAt: clock.dueAt.toISOString() },
        after: { extensionId: ext.id, purpose: clock.purpose, requestedDueAt: newDueAt.toISOString(), minutes },
        note: `申请延期：${dto.reason}`,
      });
      await this.work.bus.publish(em, {
        name: 'extension.requested',
        ticketId,
        actorId: actor.id,
        occurredAt: now,
        payload: {
          extensionId: ext.id,
          clockId: clock.id,
          purpose: clock.purpose,
          requestedDueAt: newDueAt.toISOString(),
          originalDueAt: clock.dueAt.toISOString(),
          supervisorId,
        },
      });
      return (await this.views(em, [ext]))[0];
    });
  }

  decide(
    ticketId: string,
    extensionId: string,
    approve: boolean,
    note: string | undefined,
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<ExtensionView> {
    return this.work.uow.run(idempotency, async (em) => {
      await this.work.tickets.visible(em, ticketId, actor);
      const repo = em.getRepository(TicketExtension);
      const ext = await repo.findOne({ where: { id: extensionId, ticketId }, lock: { mode: 'pessimistic_write' } });
      if (!ext) throw notFound('extension', extensionId);
      const supervisorId = (await this.work.directory.departments([ext.departmentId], em)).get(ext.departmentId)?.supervisorId ?? null;
      if (actor.id !== supervisorId && !hasRole(actor, 'manager'))
        throw new DomainError(DomainErrorCode.Forbidden, 'only the supervisor of the clock’s department decides an extension', {
          rule: ExtensionRuleCode.DecidedBySupervisor,
        });
      if (ext.status !== 'requested')
        throw new DomainError(DomainErrorCode.Duplicate, `this extension is already ${ext.status}`, { rule: ExtensionRuleCode.DecidedOnce });
      const clock = await em.getRepository(SlaClock).findOne({ where: { id: ext.clockId }, lock: { mode: 'pessimistic_write' } });
      const now = this.work.clock.now();
      if (!clock || clock.status !== 'running' || clock.breachedAt || now >= clock.dueAt)
        throw new DomainError(DomainErrorCode.TooLate, 'the deadline has passed (or the clock stopped): an extension is decided before it', {
          rule: ExtensionRuleCode.DecidedBeforeDeadline,
          dueAt: clock?.dueAt.toISOString() ?? null,
        });
      await repo.update({ id: ext.id }, { status: approve ? 'approved' : 'refused', decidedById: actor.id, decidedAt: now, decisionNote: note ?? null });
      const decided = {
        ...ext,
        status: approve ? 'approved' : 'refused',
        decidedById: actor.id,
        decidedAt: now,
        decisionNote: note ?? null,
      } as TicketExtension;
      if (approve) {
        const before = clock.dueAt;
        const originalDueAt = clock.originalDueAt ?? clock.dueAt;
        // The warning keeps its lead before the deadline; one already given is not given again (it fires once per clock).
        if (!clock.warnedAt && clock.warnAt) clock.warnAt = new Date(ext.requestedDueAt.getTime() - (before.getTime() - clock.warnAt.getTime()));
        clock.dueAt = ext.requestedDueAt;
        clock.originalDueAt = originalDueAt;
        clock.nextCheckAt = nextCheck(clock, this.work.policy.escalation);
        await em.getRepository(SlaClock).update(
          { id: clock.id },
          {
            dueAt: clock.dueAt,
            warnAt: clock.warnAt,
            originalDueAt,
            nextCheckAt: clock.nextCheckAt,
            explanation: {
              ...clock.explanation,
              text: `${clock.explanation.text}（已延期至 ${this.local(clock.dueAt)}，原期限 ${this.local(originalDueAt)}）`,
            },
          },
        );
        await this.work.writer.history(em, ticketId, actor.id, now, {
          action: 'extension_approved',
          before: { purpose: clock.purpose, dueAt: before.toISOString() },
          after: { extensionId: ext.id, purpose: clock.purpose, dueAt: clock.dueAt.toISOString(), originalDueAt: originalDueAt.toISOString() },
          note: `同意延期至 ${this.local(clock.dueAt)}（原期限 ${this.local(originalDueAt)}）${note ? `：${note}` : ''}`,
        });
        await this.work.bus.publish(em, {
          name: 'extension.approved',
          ticketId,
          actorId: actor.id,
          occurredAt: now,
          payload: {
            extensionId: ext.id,
            clockId: clock.id,
            purpose: clock.purpose,
            dueAt: clock.dueAt.toISOString(),
            originalDueAt: originalDueAt.toISOString(),
            requesterId: ext.requesterId,
          },
        });
      } else {
        await this.work.writer.history(em, ticketId, actor.id, now, {
          action: 'extension_refused',
          before: { purpose: clock.purpose, dueAt: clock.dueAt.toISOString() },
          after: { extensionId: ext.id, purpose: clock.purpose, requestedDueAt: ext.requestedDueAt.toISOString() },
          note: `不同意延期，原期限 ${this.local(clock.dueAt)} 不变${note ? `：${note}` : ''}`,
        });
        await this.work.bus.publish(em, {
          name: 'extension.refused',
          ticketId,
          actorId: actor.id,
          occurredAt: now,
          payload: { extensionId: ext.id, clockId: clock.id, purpose: clock.purpose, requesterId: ext.requesterId },
        });
      }
      return (await this.views(em, [decided]))[0];
    });
  }

  /** One ticket's extensions, oldest first. */
  async ofTicket(ticketId: string, viewer: Principal, em: EntityManager = this.db.manager): Promise<ExtensionView[]> {
    await this.work.tickets.seen(em, ticketId, viewer);
    const rows = await em.getRepository(TicketExtension).find({ where: { ticketId }, order: { requestedAt: 'ASC', id: 'ASC' } });
    return this.views(em, rows);
  }

  /** Extensions asked in a statistical month, counted per person who asked and per department of the clock. */
  async summary(month: string): Promise<ExtensionSummaryView> {
    const { start, end } = monthRange(month, monthRuleOf(this.work.policy.company));
    const rows = await this.db
      .getRepository(TicketExtension)
      .createQueryBuilder('e')
      .where('e.requested_at >= :start AND e.requested_at < :end', { start, end })
      .getMany();
    const people = await this.work.directory.people(rows.map((r) => r.requesterId));
    const departments = await this.work.directory.departments(rows.map((r) => r.departmentId));
    const count = (key: (r: TicketExtension) => string, name: (id: string) => string): ExtensionCountView[] => {
      const out = new Map<string, ExtensionCountView>();
      for (const r of rows) {
        const id = key(r);
        const c = out.get(id) ?? { id, name: name(id), requested: 0, approved: 0, refused: 0, approvedMinutes: 0 };
        c.requested++;
        if (r.status === 'approved') {
          c.approved++;
          c.approvedMinutes += r.minutes;
        }
        if (r.status === 'refused') c.refused++;
        out.set(id, c);
      }
      return [...out.values()].sort((a, b) => b.requested - a.requested || a.name.localeCompare(b.name));
    };
    return {
      month,
      byPerson: count(
        (r) => r.requesterId,
        (id) => people.get(id)?.name ?? '(unknown)',
      ),
      byDepartment: count(
        (r) => r.departmentId,
        (id) => departments.get(id)?.name ?? '(unknown)',
      ),
    };
  }

  private local(at: Date): string {
    return at.toLocaleString('zh-CN', { timeZone: this.work.policy.company.timeZone, hour12: false });
  }

  private async views(em: EntityManager, rows: TicketExtension[]): Promise<ExtensionView[]> {
    const people = await this.work.directory.people(
      rows.flatMap((r) => [r.requesterId, r.decidedById]),
      em,
    );
    const person = (id: string) => ({ id, name: people.get(id)?.name ?? '(unknown)' });
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticketId,
      clockId: r.clockId,
      purpose: r.purpose,
      status: r.status,
      requester: person(r.requesterId),
      departmentId: r.departmentId,
      reason: r.reason,
      originalDueAt: iso(r.originalDueAt)!,
      requestedDueAt: iso(r.requestedDueAt)!,
      minutes: r.minutes,
      requestedAt: iso(r.requestedAt)!,
      decidedBy: r.decidedById ? person(r.decidedById) : null,
      decidedAt: iso(r.decidedAt),
      decisionNote: r.decisionNote,
    }));
  }
}
