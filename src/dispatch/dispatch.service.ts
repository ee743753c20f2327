import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { SlaPolicy } from '../sla/sla-policy.js';
import { TicketVisibility } from '../tickets/ticket-visibility.js';
import { TicketWork } from '../tickets/ticket-work.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { Dispatch, DispatchReturn } from './dispatch.entity.js';
import { DispatchRuleCode } from './dispatch.rule-codes.js';
import { nextDispatchCheck } from './dispatch-clock.js';
import { dispatchNames, localTime, reasonLabel } from './dispatch-wording.js';
import type { DispatchReturnView, DispatchView } from './dispatch.view.js';

/**
 * 派单, 签收, 退单 (第一篇 一.8 及时转交, 第五篇 一站式接待): a ticket handed to a department waits with its supervisor
 * until the department signs for it, naming the handler, or returns it with a reason within the sign-for span. The
 * dispatcher decides a return: accepted, the ticket comes back to them to dispatch elsewhere; rejected, the
 * department must sign. Every step is a row of the ticket's history and an event, in one transaction; the ticket
 * itself moves only through the tickets module's handoff.
 */
@Injectable()
export class Dispatches implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
    private readonly tickets: TicketsService,
    private readonly sla: SlaPolicy,
    private readonly visibility: TicketVisibility,
  ) {}

  onModuleInit(): void {
    // A handoff made outside the dispatch's own steps while it is unsigned: within the receiving department it is that
    // department's sign-for (the new handler is responsible); anywhere else the dispatch ends unsigned. A ticket
    // resolved or closed ends it too, so its clock does not breach over a finished matter.
    this.work.bus.on('ticket.handed_off', async (e, em) => {
      const d = await this.openOf(em, e.ticketId);
      if (!d) return;
      const at = new Date(e.occurredAt);
      if (e.payload.toDepartmentId === d.toDepartmentId) {
        const late = at > d.signDueAt;
        await em
          .getRepository(Dispatch)
          .update({ id: d.id }, { status: 'signed', signedAt: at, signedById: e.actorId, handlerId: e.payload.toHandlerId, endedAt: at, nextCheckAt: null });
        const handler = (await this.work.directory.people([e.payload.toHandlerId], em)).get(e.payload.toHandlerId);
        await this.work.writer.history(em, d.ticketId, e.actorId, at, {
          action: 'dispatch_signed',
          after: { dispatchId: d.id, handlerId: e.payload.toHandlerId, late, byHandoff: true },
          note: `经转交签收，由${handler?.name ?? ''}办理${late ? '（超过签收时限）' : ''}`,
        });
        await this.work.bus.publish(em, {
          name: 'dispatch.signed',
          ticketId: d.ticketId,
          actorId: e.actorId,
          occurredAt: at,
          payload: {
            ...(await dispatchNames(this.work, em, d)),
            dispatchId: d.id,
            toDepartmentId: d.toDepartmentId,
            handlerId: e.payload.toHandlerId,
            late,
            recipients: [d.fromPersonId],
          },
        });
      } else {
        const to = await this.work.directory.department(e.payload.toDepartmentId, em);
        await this.end(em, d, e.actorId, at, `工单已转交${to?.name ?? ''}，本次派单结束`);
      }
    });
    for (const name of ['ticket.resolved', 'ticket.closed'] as const)
      this.work.bus.on(name, async (e, em) => {
        const d = await this.openOf(em, e.ticketId);
        if (d) await this.end(em, d, e.actorId, new Date(e.occurredAt), name === 'ticket.resolved' ? '工单已办结，本次派单结束' : '工单已关闭，本次派单结束');
      });
    // While a dispatch is unsigned the dispatcher (and the dispatching department's supervisor) still sees the ticket,
    // to decide a return; the receiving department holds it.
    this.visibility.register('dispatch', {
      sees: (t) =>
        `EXISTS (SELECT 1 FROM dispatch dv WHERE dv.ticket_id = ${t}.id AND dv.status = 'open' AND (dv.from_person_id = :viewerId OR dv.from_department_id IN (SELECT dd.id FROM department dd WHERE dd.supervisor_id = :viewerId)))`,
      needsResidentData: () => 'FALSE',
      params: () => ({}),
      refusal: {
        rule: DispatchRuleCode.WithReceivingDepartment,
        message: 'the dispatched ticket is with the receiving department until it signs for it or its return is accepted; the dispatcher decides returns',
      },
    });
  }

  /** 派单: the ticket's handler, its department's supervisor or a company leader hands it to another department. */
  create(ticketId: string, input: { departmentId: string; note: string }, actor: Principal, idempotency?: IdempotencyScope): Promise<DispatchView> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.writer.load(em, ticketId, actor, undefined);
      const fromDepartment = await this.work.directory.department(ticket.departmentId, em);
      const desk = actor.id === ticket.handlerId || fromDepartment?.supervisorId === actor.id || hasRole(actor, 'manager');
      if (!desk)
        throw new DomainError(DomainErrorCode.Forbidden, 'the ticket’s handler, its department’s supervisor or a company leader dispatches it', {
          rule: DispatchRuleCode.DispatchedByDesk,
        });
      if (ticket.status !== 'open') throw ruleViolated(DispatchRuleCode.OpenTicket, `only an open ticket is dispatched; the ticket is ${ticket.status}`);
      const repo = em.getRepository(Dispatch);
      if (await repo.exists({ where: { ticketId, status: 'open' } }))
        throw new DomainError(DomainErrorCode.Duplicate, 'the ticket has an open dispatch: it is signed for or returned first', {
          rule: DispatchRuleCode.OneOpen,
        });
      const to = await this.work.directory.department(input.departmentId, em);
      if (!to) throw invalidInput('departmentId', 'no such department');
      if (to.id === ticket.departmentId)
        throw ruleViolated(DispatchRuleCode.OtherDepartment, 'a dispatch goes to another department than the ticket’s own', { field: 'departmentId' });
      const now = this.work.clock.now();
      // Until it signs, the ticket is with the department: its supervisor holds it (the response clock runs on).
      await this.tickets.handOffWithin(em, ticketId, { departmentId: to.id }, `派单：${input.note}`, actor);
      const policy = this.work.policy.dispatch;
      const calendar = this.sla.spans(ticket.category, ticket.kind).calendar;
      const due = this.sla.deadline(calendar, now, policy.signForMinutes, policy.warnAtPercent);
      const row = repo.create({
        ticketId,
        fromPersonId: actor.id,
        fromDepartmentId: ticket.departmentId,
        toDepartmentId: to.id,
        note: input.note,
        status: 'open',
        dispatchedAt: now,
        warnAt: due.warnAt,
        signDueAt: due.dueAt,
        warnedAt: null,
        breachedAt: null,
        escalationLevel: 0,
        nextCheckAt: null,
        returnsClosed: false,
        signedAt: null,
        signedById: null,
        handlerId: null,
        endedAt: null,
      });
      row.nextCheckAt = nextDispatchCheck(row, policy.leadersAfterBreachMinutes);
      const saved = await repo.save(row);
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'dispatched',
        before: { departmentId: ticket.departmentId },
        after: { dispatchId: saved.id, toDepartmentId: to.id, signDueAt: due.dueAt.toISOString() },
        note: `派单至${to.name}，请于 ${localTime(this.work.policy, due.dueAt)} 前签收：${input.note}`,
      });
      await this.work.bus.publish(em, {
        name: 'dispatch.created',
        ticketId,
        actorId: actor.id,
        occurredAt: now,
        payload: {
          ...(await dispatchNames(this.work, em, saved)),
          dispatchId: saved.id,
          fromDepartmentId: ticket.departmentId,
          toDepartmentId: to.id,
          signDueAt: due.dueAt.toISOString(),
          recipients: to.supervisorId ? [to.supervisorId] : [],
        },
      });
      return this.view(em, saved);
    });
  }

  /** 签收: someone of the receiving department names the handler (themself or a member), who becomes responsible. */
  sign(
    ticketId: string,
    dispatchId: string,
    input: { staffId?: string; note?: string },
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<DispatchView> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.tickets.seen(em, ticketId, actor);
      const d = await this.dispatch(em, ticketId, dispatchId);
      this.receiving(d, actor);
      this.open(d);
      await this.noPendingReturn(em, d);
      const handler = await this.work.directory.member(input.staffId ?? actor.id, em);
      if (!handler || !handler.active || handler.departmentId !== d.toDepartmentId)
        throw ruleViolated(DispatchRuleCode.HandlerInDepartment, 'the handler is an active member of the receiving department', { field: 'staffId' });
      const now = this.work.clock.now();
      const late = now > d.signDueAt;
      Object.assign(d, { status: 'signed', signedAt: now, signedById: actor.id, handlerId: handler.id, endedAt: now, nextCheckAt: null });
      await em
        .getRepository(Dispatch)
        .update({ id: d.id }, { status: 'signed', signedAt: now, signedById: actor.id, handlerId: handler.id, endedAt: now, nextCheckAt: null });
      // After the dispatch is signed, so the handoff is not taken for one made outside it (see onModuleInit).
      if (handler.id !== ticket.handlerId)
        await this.tickets.handOffWithin(em, ticketId, { departmentId: d.toDepartmentId, staffId: handler.id }, `签收：交${handler.name}办理`, actor);
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'dispatch_signed',
        after: { dispatchId: d.id, handlerId: handler.id, late },
        note: `已签收，由${handler.name}办理${late ? '（超过签收时限）' : ''}${input.note ? `：${input.note}` : ''}`,
      });
      await this.work.bus.publish(em, {
        name: 'dispatch.signed',
        ticketId,
        actorId: actor.id,
        occurredAt: now,
        payload: {
          ...(await dispatchNames(this.work, em, d)),
          dispatchId: d.id,
          toDepartmentId: d.toDepartmentId,
          handlerId: handler.id,
          late,
          recipients: [d.fromPersonId],
        },
      });
      return this.view(em, d);
    });
  }

  /** 退单: within the sign-for span the receiving department sends it back to the dispatcher with a reason from policy. */
  giveBack(
    ticketId: string,
    dispatchId: string,
    input: { reasonCode: string; note: string },
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<DispatchView> {
    return this.work.uow.run(idempotency, async (em) => {
      await this.work.tickets.seen(em, ticketId, actor);
      const d = await this.dispatch(em, ticketId, dispatchId);
      this.receiving(d, actor);
      this.open(d);
      const reason = this.work.policy.dispatch.returnReasons.find((r) => r.code === input.reasonCode);
      if (!reason) throw invalidInput('reasonCode', `must be one of ${this.work.policy.dispatch.returnReasons.map((r) => r.code).join(', ')}`);
      if (d.returnsClosed)
        throw ruleViolated(DispatchRuleCode.ReturnsClosed, 'the dispatcher rejected a return of this dispatch: the department signs for it', {
          dispatchId: d.id,
        });
      await this.noPendingReturn(em, d);
      const now = this.work.clock.now();
      if (now >= d.signDueAt)
        throw new DomainError(DomainErrorCode.TooLate, 'a dispatch is returned within its sign-for span; it has passed: sign for it', {
          rule: DispatchRuleCode.ReturnWithinSpan,
          signDueAt: d.signDueAt.toISOString(),
        });
      const repo = em.getRepository(DispatchReturn);
      const saved = await repo.save(
        repo.create({
          dispatchId: d.id,
          ticketId,
          fromDepartmentId: d.toDepartmentId,
          toDepartmentId: d.fromDepartmentId,
          returnedById: actor.id,
          reasonCode: reason.code,
          note: input.note,
          returnedAt: now,
          verdict: null,
          decidedById: null,
          decidedAt: null,
          decisionNote: null,
        }),
      );
      const returnCount = await repo.count({ where: { ticketId } });
      const departments = await this.work.directory.departments([d.fromDepartmentId, d.toDepartmentId], em);
      const dispatchingSupervisor = departments.get(d.fromDepartmentId)?.supervisorId ?? null;
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'dispatch_returned',
        after: { dispatchId: d.id, returnId: saved.id, reasonCode: reason.code, returnCount },
        note: `${departments.get(d.toDepartmentId)?.name ?? ''}退单（${reason.label}）：${input.note}`,
      });
      await this.work.bus.publish(em, {
        name: 'dispatch.returned',
        ticketId,
        actorId: actor.id,
        occurredAt: now,
        payload: {
          ...(await dispatchNames(this.work, em, d)),
          dispatchId: d.id,
          returnId: saved.id,
          fromDepartmentId: d.toDepartmentId,
          toDepartmentId: d.fromDepartmentId,
          reasonCode: reason.code,
          returnCount,
          recipients: [...new Set([d.fromPersonId, ...(dispatchingSupervisor ? [dispatchingSupervisor] : [])])],
        },
      });
      // Return ping-pong: the ticket's third return (dispatch.leadersAtReturn) goes to company leaders.
      if (returnCount === this.work.policy.dispatch.leadersAtReturn) {
        const leaders = (await this.work.directory.withRole('manager', em)).map((m) => m.id);
        await this.work.writer.history(em, ticketId, null, now, {
          action: 'dispatch_returns_to_leaders',
          after: { dispatchId: d.id, returnId: saved.id, returnCount, recipients: leaders },
          note: `本工单已被退单 ${returnCount} 次，已报公司领导协调`,
        });
        await this.work.bus.publish(em, {
          name: 'dispatch.third_return',
          ticketId,
          actorId: null,
          occurredAt: now,
          payload: {
            ...(await dispatchNames(this.work, em, d)),
            dispatchId: d.id,
            returnId: saved.id,
            returnCount,
            recipients: leaders,
          },
        });
      }
      return this.view(em, d);
    });
  }

  /** The dispatcher decides a return: accepted, the ticket comes back to them; rejected, the department must sign. */
  decide(
    ticketId: string,
    dispatchId: string,
    returnId: string,
    accept: boolean,
    note: string | undefined,
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<DispatchView> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.tickets.seen(em, ticketId, actor);
      const d = await this.dispatch(em, ticketId, dispatchId);
      const ret = await em.getRepository(DispatchReturn).findOne({ where: { id: returnId, dispatchId: d.id }, lock: { mode: 'pessimistic_write' } });
      if (!ret) throw notFound('return', returnId);
      const from = await this.work.directory.department(d.fromDepartmentId, em);
      if (actor.id !== d.fromPersonId && actor.id !== from?.supervisorId && !hasRole(actor, 'manager'))
        throw new DomainError(DomainErrorCode.Forbidden, 'the dispatcher, the dispatching department’s supervisor or a company leader decides a return', {
          rule: DispatchRuleCode.DecidedByDispatcher,
        });
      if (ret.verdict) throw new DomainError(DomainErrorCode.Duplicate, `this return is already ${ret.verdict}`, { rule: DispatchRuleCode.DecidedOnce });
      const now = this.work.clock.now();
      const verdict = accept ? 'accepted' : 'rejected';
      await em.getRepository(DispatchReturn).update({ id: ret.id }, { verdict, decidedById: actor.id, decidedAt: now, decisionNote: note ?? null });
      const receiving = await this.work.directory.department(d.toDepartmentId, em);
      const recipients = [...new Set([ret.returnedById, ...(receiving?.supervisorId ? [receiving.supervisorId] : [])])];
      if (accept) {
        Object.assign(d, { status: 'returned', endedAt: now, nextCheckAt: null });
        await em.getRepository(Dispatch).update({ id: d.id }, { status: 'returned', endedAt: now, nextCheckAt: null });
        // Back to the dispatcher's desk (their department's supervisor if they have left it), to dispatch elsewhere.
        const dispatcher = await this.work.directory.member(d.fromPersonId, em);
        const back = dispatcher?.active && dispatcher.departmentId === d.fromDepartmentId ? dispatcher.id : null;
        if ((back ?? from?.supervisorId) !== ticket.handlerId)
          await this.tickets.handOffWithin(em, ticketId, { departmentId: d.fromDepartmentId, staffId: back }, '退单已同意，工单退回派单人重新派单', actor);
        await this.work.writer.history(em, ticketId, actor.id, now, {
          action: 'dispatch_return_accepted',
          after: { dispatchId: d.id, returnId: ret.id },
          note: `同意退单，工单退回${from?.name ?? ''}重新派单${note ? `：${note}` : ''}`,
        });
        await this.work.bus.publish(em, {
          name: 'dispatch.return_accepted',
          ticketId,
          actorId: actor.id,
          occurredAt: now,
          payload: {
            ...(await dispatchNames(this.work, em, d)),
            dispatchId: d.id,
            returnId: ret.id,
            fromDepartmentId: d.toDepartmentId,
            recipients,
          },
        });
      } else {
        d.returnsClosed = true;
        await em.getRepository(Dispatch).update({ id: d.id }, { returnsClosed: true });
        await this.work.writer.history(em, ticketId, actor.id, now, {
          action: 'dispatch_return_rejected',
          after: { dispatchId: d.id, returnId: ret.id },
          note: `不同意退单，${receiving?.name ?? ''}须签收办理${note ? `：${note}` : ''}`,
        });
        await this.work.bus.publish(em, {
          name: 'dispatch.return_rejected',
          ticketId,
          actorId: actor.id,
          occurredAt: now,
          payload: {
            ...(await dispatchNames(this.work, em, d)),
            dispatchId: d.id,
            returnId: ret.id,
            fromDepartmentId: d.toDepartmentId,
            recipients,
          },
        });
      }
      return this.view(em, d);
    });
  }

  /** A ticket's dispatches with their returns, oldest first. */
  async ofTicket(ticketId: string, viewer: Principal, em: EntityManager = this.db.manager): Promise<DispatchView[]> {
    await this.work.tickets.seen(em, ticketId, viewer);
    return this.section(em, ticketId);
  }

  /** The ticket page's section (the page is already behind the ticket's access guard). */
  async section(em: EntityManager, ticketId: string): Promise<DispatchView[]> {
    const rows = await em.getRepository(Dispatch).find({ where: { ticketId }, order: { dispatchedAt: 'ASC', id: 'ASC' } });
    const out: DispatchView[] = [];
    for (const r of rows) out.push(await this.view(em, r));
    return out;
  }

  private async openOf(em: EntityManager, ticketId: string | null): Promise<Dispatch | null> {
    return ticketId ? em.getRepository(Dispatch).findOne({ where: { ticketId, status: 'open' }, lock: { mode: 'pessimistic_write' } }) : null;
  }

  /** The dispatch ends unsigned (its clock stops): the ticket moved on otherwise. */
  private async end(em: EntityManager, d: Dispatch, actorId: string | null, at: Date, note: string): Promise<void> {
    await em.getRepository(Dispatch).update({ id: d.id }, { status: 'closed', endedAt: at, nextCheckAt: null });
    // A return still waiting for the dispatcher has nothing left to decide: it is withdrawn, not counted as pending.
    const pending = await em.getRepository(DispatchReturn).findOne({ where: { dispatchId: d.id, verdict: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (pending)
      await em.getRepository(DispatchReturn).update({ id: pending.id }, { verdict: 'withdrawn', decidedById: null, decidedAt: at, decisionNote: note });
    await this.work.writer.history(em, d.ticketId, actorId, at, {
      action: 'dispatch_closed',
      after: { dispatchId: d.id, ...(pending ? { withdrawnReturnId: pending.id } : {}) },
      note: pending ? `${note}，待处理的退单已撤回` : note,
    });
  }

  private async dispatch(em: EntityManager, ticketId: string, dispatchId: string): Promise<Dispatch> {
    const d = await em.getRepository(Dispatch).findOne({ where: { id: dispatchId, ticketId }, lock: { mode: 'pessimistic_write' } });
    if (!d) throw notFound('dispatch', dispatchId);
    return d;
  }

  private receiving(d: Dispatch, actor: Principal): void {
    if (actor.departmentId !== d.toDepartmentId)
      throw new DomainError(DomainErrorCode.Forbidden, 'someone of the receiving department signs for or returns a dispatch', {
        rule: DispatchRuleCode.ByReceivingDepartment,
      });
  }

  private open(d: Dispatch): void {
    if (d.status !== 'open') throw new DomainError(DomainErrorCode.Duplicate, `the dispatch is ${d.status} already`, { rule: DispatchRuleCode.Open });
  }

  private async noPendingReturn(em: EntityManager, d: Dispatch): Promise<void> {
    if (await em.getRepository(DispatchReturn).exists({ where: { dispatchId: d.id, verdict: IsNull() } }))
      throw new DomainError(DomainErrorCode.Duplicate, 'a return of this dispatch waits for the dispatcher’s decision', {
        rule: DispatchRuleCode.ReturnPending,
      });
  }

  private async view(em: EntityManager, d: Dispatch): Promise<DispatchView> {
    const returns = await em.getRepository(DispatchReturn).find({ where: { dispatchId: d.id }, order: { returnedAt: 'ASC', id: 'ASC' } });
    const people = await this.work.directory.people(
      [d.fromPersonId, d.signedById, d.handlerId, ...returns.flatMap((r) => [r.returnedById, r.decidedById])],
      em,
    );
    const departments = await this.work.directory.departments([d.fromDepartmentId, d.toDepartmentId], em);
    const person = (id: string) => ({ id, name: people.get(id)?.name ?? '(unknown)' });
    const dept = (id: string) => {
      const x = departments.get(id);
      return { id, code: x?.code ?? '', name: x?.name ?? '(unknown)' };
    };
    const iso = (x: Date | null) => (x ? new Date(x).toISOString() : null);
    const returnViews: DispatchReturnView[] = returns.map((r) => ({
      id: r.id,
      dispatchId: r.dispatchId,
      fromDepartment: dept(r.fromDepartmentId),
      toDepartment: dept(r.toDepartmentId),
      returnedBy: person(r.returnedById),
      reasonCode: r.reasonCode,
      reasonLabel: reasonLabel(this.work.policy, r.reasonCode),
      note: r.note,
      returnedAt: iso(r.returnedAt)!,
      verdict: r.verdict,
      decidedBy: r.decidedById ? person(r.decidedById) : null,
      decidedAt: iso(r.decidedAt),
      decisionNote: r.decisionNote,
    }));
    return {
      id: d.id,
      ticketId: d.ticketId,
      dispatcher: person(d.fromPersonId),
      fromDepartment: dept(d.fromDepartmentId),
      toDepartment: dept(d.toDepartmentId),
      note: d.note,
      status: d.status,
      dispatchedAt: iso(d.dispatchedAt)!,
      signDueAt: iso(d.signDueAt)!,
      warnedAt: iso(d.warnedAt),
      breached: !!d.breachedAt,
      breachedAt: iso(d.breachedAt),
      returnsClosed: d.returnsClosed,
      signedAt: iso(d.signedAt),
      signedBy: d.signedById ? person(d.signedById) : null,
      handler: d.handlerId ? person(d.handlerId) : null,
      returns: returnViews,
      returnReasons:
        d.status === 'open' && !d.returnsClosed && this.work.clock.now() < d.signDueAt
          ? this.work.policy.dispatch.returnReasons.map((r) => ({ code: r.code, label: r.label }))
          : [],
    };
  }
}

export const DISPATCH_NOTICE_EVENTS = [
  'dispatch.created',
  'dispatch.signed',
  'dispatch.warned',
  'dispatch.breached',
  'dispatch.escalated',
  'dispatch.returned',
  'dispatch.return_accepted',
  'dispatch.return_rejected',
  'dispatch.third_return',
] as const;
