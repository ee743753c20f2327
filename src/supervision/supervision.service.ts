import { Injectable } from '@nestjs/common';
import { TicketWork } from '../tickets/ticket-work.js';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, notFound, ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { RecurringProblem } from '../problems/problem.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { canSee } from '../tickets/ticket-access.js';
import { SupervisionFeedback, SupervisionOrder } from './supervision-order.entity.js';
import { SupervisionRuleCode } from './supervision.rule-codes.js';
import type { IssueSupervisionOrderDto, SupervisionOrderView } from './supervision.view.js';

export interface SupervisionSweepReport {
  reminded: number;
  breached: number;
}

/** The moments a reminder (催办) is due: the policy's shares of the order's span, before its deadline. */
export function reminderPoints(order: Pick<SupervisionOrder, 'issuedAt' | 'dueAt'>, percents: readonly number[]): { percent: number; at: Date }[] {
  const span = order.dueAt.getTime() - order.issuedAt.getTime();
  return [...percents].sort((a, b) => a - b).map((percent) => ({ percent, at: new Date(order.issuedAt.getTime() + Math.round((span * percent) / 100)) }));
}

/** The next moment the sweep has work on an order: its next reminder point, else its deadline; none once closed and breached. */
export function nextSupervisionCheck(
  order: Pick<SupervisionOrder, 'issuedAt' | 'dueAt' | 'remindersPassed' | 'breachedAt' | 'status'>,
  percents: readonly number[],
): Date | null {
  if (order.status === 'closed') return null;
  const next = reminderPoints(order, percents)[order.remindersPassed];
  if (next && next.at < order.dueAt) return next.at;
  return order.breachedAt ? null : order.dueAt;
}

/**
 * 督办单: issued by a manager to a department, on a ticket or a recurring problem; the department writes feedback,
 * the issuing manager accepts it (closing the order) or sends it back. Its own clock is swept here: reminders to
 * the department's supervisor at the policy's points, and at the deadline without accepted feedback a breach that
 * escalates to the supervisor and the company leaders. A ticket's order writes each step into the ticket's history.
 */
@Injectable()
export class SupervisionOrders {
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
  ) {}

  stop(): void {
    this.stopping = true;
  }

  issue(dto: IssueSupervisionOrderDto, actor: Principal, idempotency?: IdempotencyScope): Promise<SupervisionOrderView> {
    return this.work.uow.run(idempotency, async (em) => {
      if (!!dto.ticketId === !!dto.problemId)
        throw ruleViolated(SupervisionRuleCode.OneTarget, 'an order is on a ticket or on a recurring problem: give exactly one of ticketId, problemId', {
          field: 'ticketId',
        });
      let departmentId = dto.departmentId;
      if (dto.ticketId) {
        const ticket = await em.getRepository(Ticket).findOne({ where: { id: dto.ticketId } });
        if (!ticket || !canSee(actor, ticket)) throw notFound('ticket', dto.ticketId);
        if (departmentId && departmentId !== ticket.departmentId)
          throw ruleViolated(SupervisionRuleCode.TicketDepartment, 'a ticket’s order goes to the ticket’s department', { field: 'departmentId' });
        departmentId = ticket.departmentId;
      } else {
        const problem = await em.getRepository(RecurringProblem).findOne({ where: { id: dto.problemId } });
        if (!problem) throw notFound('problem', dto.problemId);
        departmentId ??= problem.departmentId;
      }
      const department = await this.work.directory.department(departmentId, em);
      if (!department) throw notFound('department', departmentId);
      const now = this.work.clock.now();
      const dueAt = dto.dueAt ? new Date(dto.dueAt) : new Date(now.getTime() + this.work.policy.supervision.defaultSpanMinutes * 60_000);
      if (dueAt <= now) throw ruleViolated(SupervisionRuleCode.DueInFuture, 'dueAt must lie ahead', { field: 'dueAt' });
      const repo = em.getRepository(SupervisionOrder);
      const order = repo.create({
        ticketId: dto.ticketId ?? null,
        problemId: dto.problemId ?? null,
        departmentId,
        issuerId: actor.id,
        feedbackRequired: dto.feedbackRequired,
        status: 'open',
        issuedAt: now,
        dueAt,
        remindersPassed: 0,
        breachedAt: null,
        closedAt: null,
      });
      order.nextCheckAt = nextSupervisionCheck(order, this.work.policy.supervision.remindAtPercent);
      await repo.save(order);
      const recipients = department.supervisorId ? [department.supervisorId] : (await this.work.directory.withRole('manager', em)).map((m) => m.id);
      await this.step(em, order, actor.id, now, 'supervision_issued', { dueAt: dueAt.toISOString(), departmentId }, `督办：${dto.feedbackRequired}`);
      await this.work.bus.publish(em, {
        name: 'supervision.issued',
        ticketId: order.ticketId,
        actorId: actor.id,
        occurredAt: now,
        payload: { orderId: order.id, departmentId, dueAt: dueAt.toISOString(), recipients },
      });
      return this.view(em, order);
    });
  }

  feedback(id: string, text: string, actor: Principal, idempotency?: IdempotencyScope): Promise<SupervisionOrderView> {
    return this.work.uow.run(idempotency, async (em) => {
      const order = await this.visible(em, id, actor, true);
      if (actor.departmentId !== order.departmentId)
        throw new DomainError(DomainErrorCode.Forbidden, 'written feedback comes from the responsible department', {
          rule: SupervisionRuleCode.FeedbackByDepartment,
        });
      if (order.status === 'closed') throw new DomainError(DomainErrorCode.TooLate, 'the order is closed', { rule: SupervisionRuleCode.Closed });
      if (order.status === 'feedback_submitted')
        throw new DomainError(DomainErrorCode.Duplicate, 'feedback is already waiting for the issuing manager', { rule: SupervisionRuleCode.FeedbackState });
      const now = this.work.clock.now();
      const fb = await em
        .getRepository(SupervisionFeedback)
        .save(
          em
            .getRepository(SupervisionFeedback)
            .create({ orderId: order.id, text, submittedById: actor.id, submittedAt: now, decision: null, decidedAt: null, decisionNote: null }),
        );
      await em.getRepository(SupervisionOrder).update({ id: order.id }, { status: 'feedback_submitted' });
      order.status = 'feedback_submitted';
      await this.step(em, order, actor.id, now, 'supervision_feedback', { feedbackId: fb.id }, `督办书面反馈：${text}`);
      await this.work.bus.publish(em, {
        name: 'supervision.feedback_submitted',
        ticketId: order.ticketId,
        actorId: actor.id,
        occurredAt: now,
        payload: { orderId: order.id, feedbackId: fb.id, recipients: [order.issuerId] },
      });
      return this.view(em, order);
    });
  }

  decide(id: string, accept: boolean, note: string | undefined, actor: Principal, idempotency?: IdempotencyScope): Promise<SupervisionOrderView> {
    return this.work.uow.run(idempotency, async (em) => {
      const order = await this.visible(em, id, actor, true);
      if (actor.id !== order.issuerId)
        throw new DomainError(DomainErrorCode.Forbidden, 'only the manager who issued the order decides its feedback', {
          rule: SupervisionRuleCode.DecidedByIssuer,
        });
      if (order.status === 'closed') throw new DomainError(DomainErrorCode.TooLate, 'the order is closed', { rule: SupervisionRuleCode.Closed });
      if (order.status !== 'feedback_submitted')
        throw new DomainError(DomainErrorCode.Duplicate, 'no feedback is waiting for a decision', { rule: SupervisionRuleCode.FeedbackState });
      if (!accept && !note?.trim()) throw ruleViolated(SupervisionRuleCode.RejectionNoted, 'sending feedback back names why', { field: 'note' });
      const fb = await em
        .getRepository(SupervisionFeedback)
        .findOneOrFail({ where: { orderId: order.id, decision: IsNull() }, order: { submittedAt: 'DESC' } });
      const now = this.work.clock.now();
      await em
        .getRepository(SupervisionFeedback)
        .update({ id: fb.id }, { decision: accept ? 'accepted' : 'rejected', decidedAt: now, decisionNote: note ?? null });
      if (accept) {
        Object.assign(order, { status: 'closed', closedAt: now, nextCheckAt: null });
        await em.getRepository(SupervisionOrder).update({ id: order.id }, { status: 'closed', closedAt: now, nextCheckAt: null });
        const late = !!order.breachedAt || now > order.dueAt;
        await this.step(
          em,
          order,
          actor.id,
          now,
          'supervision_closed',
          { feedbackId: fb.id, late },
          `督办反馈已采纳，督办单办结${late ? '（逾期）' : ''}${note ? `：${note}` : ''}`,
        );
        await this.work.bus.publish(em, {
          name: 'supervision.closed',
          ticketId: order.ticketId,
          actorId: actor.id,
          occurredAt: now,
          payload: { orderId: order.id, feedbackId: fb.id, late },
        });
      } else {
        order.status = 'open';
        await em.getRepository(SupervisionOrder).update({ id: order.id }, { status: 'open' });
        await this.step(em, order, actor.id, now, 'supervision_feedback_rejected', { feedbackId: fb.id }, `督办反馈退回：${note}`);
        const supervisorId = (await this.work.directory.department(order.departmentId, em))?.supervisorId;
        await this.work.bus.publish(em, {
          name: 'supervision.feedback_rejected',
          ticketId: order.ticketId,
          actorId: actor.id,
          occurredAt: now,
          payload: { orderId: order.id, feedbackId: fb.id, recipients: [...new Set([fb.submittedById, ...(supervisorId ? [supervisorId] : [])])] },
        });
      }
      return this.view(em, order);
    });
  }

  /** A ticket's orders, oldest first: the ticket page's section (the page is already behind the ticket's access guard). */
  async ofTicket(em: EntityManager, ticketId: string): Promise<SupervisionOrderView[]> {
    const rows = await em.getRepository(SupervisionOrder).find({ where: { ticketId }, order: { issuedAt: 'ASC', id: 'ASC' } });
    const out: SupervisionOrderView[] = [];
    for (const r of rows) out.push(await this.view(em, r));
    return out;
  }

  async get(id: string, viewer: Principal): Promise<SupervisionOrderView> {
    return this.view(this.db.manager, await this.visible(this.db.manager, id, viewer, false));
  }

  /** Orders the viewer may see: managers and admins every one, others those they issued or their department answers for. */
  async list(viewer: Principal, status?: string): Promise<SupervisionOrderView[]> {
    const qb = this.db.getRepository(SupervisionOrder).createQueryBuilder('o').leftJoin(Ticket, 't', 't.id = o.ticket_id');
    if (!hasRole(viewer, 'manager', 'admin')) {
      qb.where('(o.issuer_id = :me OR o.department_id = :dept)', { me: viewer.id, dept: viewer.departmentId ?? '00000000-0000-0000-0000-000000000000' });
      // A ticket's order shows only to who may see the ticket (404 rule).
      qb.andWhere(`(o.ticket_id IS NULL OR t.first_responder_id = :me OR t.handler_id = :me OR t.department_id = :dept)`);
    }
    if (status) qb.andWhere('o.status = :status', { status });
    const rows = await qb.orderBy('o.issued_at', 'DESC').addOrderBy('o.id', 'DESC').limit(500).getMany();
    const out: SupervisionOrderView[] = [];
    for (const r of rows) out.push(await this.view(this.db.manager, r));
    return out;
  }

  /** One sweep of due orders: reminders (催办) and breaches, each once (the order row is locked and its counters move). */
  async sweep(batchSize = 500): Promise<SupervisionSweepReport> {
    const report = { reminded: 0, breached: 0 };
    const now = this.work.clock.now();
    const percents = this.work.policy.supervision.remindAtPercent;
    while (!this.stopping) {
      const n = await this.db.transaction(async (em) => {
        const orders = await em
          .getRepository(SupervisionOrder)
          .createQueryBuilder('o')
          .where(`o.next_check_at <= :now AND o.status <> 'closed'`, { now })
          .orderBy('o.next_check_at')
          .limit(batchSize)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        if (!orders.length) return 0;
        const departments = await this.work.directory.departments(
          orders.map((o) => o.departmentId),
          em,
        );
        let managers: string[] | undefined;
        const leaders = async () => (managers ??= (await this.work.directory.withRole('manager', em)).map((m) => m.id));
        for (const order of orders) {
          const points = reminderPoints(order, percents);
          const supervisorId = departments.get(order.departmentId)?.supervisorId ?? null;
          for (let at = nextSupervisionCheck(order, percents); at && at <= now; at = nextSupervisionCheck(order, percents)) {
            const point = points[order.remindersPassed];
            if (point && point.at < order.dueAt) {
              order.remindersPassed++;
              // A reminder whose deadline already passed is skipped (the breach says it all), and so is one while feedback waits on the manager.
              if (now >= order.dueAt || order.status !== 'open') continue;
              const recipients = supervisorId ? [supervisorId] : await leaders();
              report.reminded++;
              await this.step(
                em,
                order,
                null,
                now,
                'supervision_reminded',
                { percent: point.percent, recipients },
                `催办：督办单已过时限的 ${point.percent}%，请尽快书面反馈`,
              );
              await this.work.bus.publish(em, {
                name: 'supervision.reminded',
                ticketId: order.ticketId,
                actorId: null,
                occurredAt: now,
                payload: { orderId: order.id, departmentId: order.departmentId, dueAt: order.dueAt.toISOString(), percent: point.percent, recipients },
              });
              continue;
            }
            order.breachedAt = order.dueAt;
            const recipients = [...new Set([...(supervisorId ? [supervisorId] : []), order.issuerId, ...(await leaders())])];
            report.breached++;
            await this.step(
              em,
              order,
              null,
              now,
              'supervision_breached',
              { dueAt: order.dueAt.toISOString(), recipients },
              '督办单逾期未获采纳的书面反馈，已上报部门主管和公司领导',
            );
            await this.work.bus.publish(em, {
              name: 'supervision.breached',
              ticketId: order.ticketId,
              actorId: null,
              occurredAt: now,
              payload: { orderId: order.id, departmentId: order.departmentId, dueAt: order.dueAt.toISOString(), recipients },
            });
          }
          order.nextCheckAt = nextSupervisionCheck(order, percents);
          await em
            .getRepository(SupervisionOrder)
            .update({ id: order.id }, { remindersPassed: order.remindersPassed, breachedAt: order.breachedAt, nextCheckAt: order.nextCheckAt });
        }
        return orders.length;
      });
      if (n < batchSize) break;
    }
    return report;
  }

  /** The order if the viewer may see it, else 404 (a ticket's order also needs the ticket visible). */
  private async visible(em: EntityManager, id: string, viewer: Principal, lock: boolean): Promise<SupervisionOrder> {
    const order = await em.getRepository(SupervisionOrder).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!order) throw notFound('supervision order', id);
    const all = hasRole(viewer, 'manager', 'admin');
    const mine = order.issuerId === viewer.id || (viewer.departmentId !== null && order.departmentId === viewer.departmentId);
    if (!all && !mine) throw notFound('supervision order', id);
    if (order.ticketId && !all) {
      const ticket = await em.getRepository(Ticket).findOne({ where: { id: order.ticketId } });
      if (!ticket || !canSee(viewer, ticket)) throw notFound('supervision order', id);
    }
    return order;
  }

  private async step(
    em: EntityManager,
    order: SupervisionOrder,
    actorId: string | null,
    at: Date,
    action: string,
    after: Record<string, unknown>,
    note: string,
  ): Promise<void> {
    if (!order.ticketId) return;
    await this.work.writer.history(em, order.ticketId, actorId, at, { action, after: { orderId: order.id, ...after }, note });
  }

  private async view(em: EntityManager, order: SupervisionOrder): Promise<SupervisionOrderView> {
    const feedback = await em.getRepository(SupervisionFeedback).find({ where: { orderId: order.id }, order: { submittedAt: 'ASC', id: 'ASC' } });
    const people = await this.work.directory.people([order.issuerId, ...feedback.map((f) => f.submittedById)], em);
    const person = (pid: string) => ({ id: pid, name: people.get(pid)?.name ?? '(unknown)' });
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: order.id,
      ticketId: order.ticketId,
      problemId: order.problemId,
      departmentId: order.departmentId,
      issuer: person(order.issuerId),
      feedbackRequired: order.feedbackRequired,
      status: order.status,
      issuedAt: iso(order.issuedAt)!,
      dueAt: iso(order.dueAt)!,
      remindersPassed: order.remindersPassed,
      breached: !!order.breachedAt,
      breachedAt: iso(order.breachedAt),
      closedAt: iso(order.closedAt),
      feedback: feedback.map((f) => ({
        id: f.id,
        text: f.text,
        submittedBy: person(f.submittedById),
        submittedAt: iso(f.submittedAt)!,
        decision: f.decision,
        decidedAt: iso(f.decidedAt),
        decisionNote: f.decisionNote,
      })),
    };
  }
}

export const SUPERVISION_NOTICE_EVENTS = [
  'supervision.issued',
  'supervision.reminded',
  'supervision.feedback_submitted',
  'supervision.feedback_rejected',
  'supervision.breached',
] as const;
