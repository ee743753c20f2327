import { Injectable } from '@nestjs/common';
import { TicketWork } from './ticket-work.js';
import { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { DomainError, DomainErrorCode, invalidInput, notFound, ruleViolated } from '../common/errors/domain-error.js';
import { metricsRegistry } from '../common/metrics.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { AppointmentDto, HandoffDto, ReplyDto } from './dto/ticket-actions.dto.js';
import { appointmentTime } from './ticket.rules.js';
import type { TicketView } from './dto/ticket.view.js';
import { CATEGORY_ZH, ForbiddenExpressions, languageAction, mediumOf } from './service-language.js';
import { TicketCloseGuards } from './ticket-close-guards.js';
import { TicketResolveGuards } from './ticket-resolve-guards.js';
import { TicketReply } from './ticket-reply.entity.js';
import { Ticket } from './ticket.entity.js';
import { handoffTarget } from './ticket.rules.js';
import * as transitions from './ticket.transitions.js';
import type { Transition } from './ticket.transitions.js';
import type { DomainEventMap } from '../events/domain-event.js';
import { TicketRuleCode } from './ticket.rule-codes.js';

const closeOverrides = new Counter({
  name: 'complaint_desk_ticket_close_overrides_total',
  help: 'Tickets an admin closed over open items',
  registers: [metricsRegistry],
});

export interface CommandOptions {
  idempotency?: IdempotencyScope;
  /** From If-Match; the update is refused (412) when the ticket's version differs. */
  expectedVersion?: number;
}

/**
 * The ticket commands: load the ticket (visible or 404), look up what the transition needs, and apply it —
 * save with the version check, its history rows and its event — in one transaction. The rules themselves
 * are in ticket.transitions.ts.
 */
@Injectable()
export class TicketsService {
  private readonly forbidden: ForbiddenExpressions;

  constructor(
    private readonly work: TicketWork,
    private readonly closeGuards: TicketCloseGuards,
    private readonly resolveGuards: TicketResolveGuards,
  ) {
    this.forbidden = new ForbiddenExpressions(work.policy.serviceLanguage.forbidden);
  }

  /** 第二条: hand to the responsible person, or to the department's supervisor when none can be named. */
  handOff(id: string, dto: HandoffDto, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'hand off', async (em, ticket, now) => {
      const department = dto.departmentId ? await this.work.directory.department(dto.departmentId, em) : null;
      if (dto.departmentId && !department) throw invalidInput('departmentId', 'no such department');
      const person = dto.staffId ? await this.work.directory.member(dto.staffId, em) : null;
      if (dto.staffId && !person) throw invalidInput('staffId', 'no such staff member');
      return transitions.handOff(ticket, handoffTarget(department, person), dto.reason, now);
    });
  }

  /**
   * An answer to the resident (答复): what meets the 24-hour clock. 员工文明服务要求 2.②, 第五条: one with a
   * forbidden expression is refused before it is recorded or sent when it goes in writing or online, and kept
   * and flagged for the supervisor when it was spoken (phone, visit): serviceLanguage.written / .spoken.
   */
  reply(id: string, dto: ReplyDto, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'reply on', async (em, ticket, now) => {
      transitions.canReply(ticket);
      const flagged = this.forbidden.findIn(dto.content);
      if (flagged.length && languageAction(this.work.policy.serviceLanguage, dto.via) === 'refuse') {
        const named = flagged.map((f) => `${f.expression} (${f.category})`).join(', ');
        throw ruleViolated(
          TicketRuleCode.ForbiddenExpression,
          `the reply contains forbidden expressions: ${named}; a ${mediumOf(dto.via)} reply is not sent with them`,
          {
            field: 'content',
            medium: mediumOf(dto.via),
            expressions: flagged.map((f) => f.expression),
            findings: flagged.map((f) => ({ ...f, categoryName: CATEGORY_ZH[f.category] })),
          },
        );
      }
      const answer = {
        kind: dto.via === 'written' ? ('written' as const) : ('reply' as const),
        via: dto.via,
        content: dto.content,
        final: dto.final ?? false,
      };
      const { identifiers } = await em.getRepository(TicketReply).insert({
        ticketId: ticket.id,
        authorId: actor.id,
        ...answer,
        flagged: flagged.map((f) => f.expression),
        flaggedCategories: flagged.map((f) => f.category),
        at: now,
      });
      const recipients = flagged.length ? await this.flagRecipients(em, ticket, actor) : [];
      return transitions.reply(ticket, { id: identifiers[0].id as string, ...answer, flagged }, recipients, now);
    });
  }

  /** Who hears of a flagged reply: the department supervisor, or company leaders when the supervisor said it or there is none. */
  private async flagRecipients(em: EntityManager, ticket: Ticket, actor: Principal): Promise<string[]> {
    const supervisorId = (await this.work.directory.department(ticket.departmentId, em))?.supervisorId ?? null;
    if (supervisorId && supervisorId !== actor.id) return [supervisorId];
    return (await this.work.directory.withRole('manager', em)).map((m) => m.id).filter((id) => id !== actor.id);
  }

  /** 第七条(三)/第八条(二): a promised reply time (确定回复时间) — a deadline of its own. */
  promise(id: string, replyBy: string, note: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'promise on', async (_em, ticket, now) => {
      const at = new Date(replyBy);
      if (at.getTime() <= now.getTime()) throw invalidInput('replyBy', 'must be in the future');
      return transitions.promise(ticket, at, note, now);
    });
  }

  /** 第一篇 二.4(5) 约谈: the meeting held, a no-show, or another time agreed (in the future, with a reason). */
  appointment(id: string, dto: AppointmentDto, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'record an appointment on', async (_em, ticket, now) => {
      const { maxAheadDays, afterNoShow } = this.work.policy.appointments;
      const at = dto.outcome === 'rescheduled' ? appointmentTime(dto.appointmentAt!, now, maxAheadDays) : undefined;
      return transitions.appointment(ticket, { outcome: dto.outcome, note: dto.note, appointmentAt: at, afterNoShow }, now);
    });
  }

  resolve(id: string, summary: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'resolve', async (em, ticket, now) => {
      const blocker = ticket.status === 'open' ? await this.resolveGuards.blocker(em, ticket) : null;
      if (blocker) throw new DomainError(DomainErrorCode.Conflict, blocker.message, { rule: blocker.rule, ...blocker.details });
      return transitions.resolve(ticket, summary, now);
    });
  }

  /** 第七条: a ticket closes only when nothing is missing (five clears, report, follow-up…); an admin may override, on record. */
  close(id: string, input: { note?: string; overrideReason?: string }, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'close', async (em, ticket, now) => {
      if (input.overrideReason && !hasRole(actor, 'admin')) throw new DomainError(DomainErrorCode.Forbidden, 'only an admin may close over open items');
      const transition = transitions.close(ticket, ticket.status === 'closed' ? [] : await this.closeGuards.missing(em, ticket), input, now);
      if (transition.event.payload.override) closeOverrides.inc();
      return transition;
    });
  }

  /** 第八条(二): a complaint beyond one's authority becomes major and goes to the department supervisor. */
  escalate(id: string, reason: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.command(id, actor, options, 'escalate', async (em, ticket, now) => {
      const department = ticket.status === 'open' && ticket.severity !== 'major' ? await this.work.directory.department(ticket.departmentId, em) : null;
      return transitions.escalate(ticket, department?.supervisorId ?? null, reason, now);
    });
  }

  reopen(id: string, reason: string, actor: Principal, options: CommandOptions = {}, redo = false): Promise<TicketView> {
    return this.command(id, actor, options, 'reopen', async (_em, ticket, now) => transitions.reopen(ticket, reason, redo, now));
  }

  /** Reopen inside a caller's transaction: a dissatisfied follow-up visit reopens the ticket as a redo (重办). */
  async reopenWithin(em: EntityManager, id: string, reason: string, actor: Principal): Promise<void> {
    requireHandlingRole(actor, 'reopen');
    const ticket = await this.work.writer.load(em, id, actor, undefined);
    const now = this.work.clock.now();
    await this.apply(em, ticket, actor, now, transitions.reopen(ticket, reason, true, now));
  }

  /**
   * A handoff inside a caller's transaction, for a module that has already decided the actor may move the ticket
   * (派单, 签收, an accepted 退单: src/dispatch/): the ticket is locked and handed to the named person, or to the
   * department's supervisor when none is named; its history row and `ticket.handed_off` event go with it.
   */
  async handOffWithin(
    em: EntityManager,
    id: string,
    target: { departmentId: string; staffId?: string | null },
    reason: string,
    actor: Principal,
  ): Promise<Ticket> {
    const ticket = await em.getRepository(Ticket).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!ticket) throw notFound('ticket', id);
    const department = await this.work.directory.department(target.departmentId, em);
    if (!department) throw invalidInput('departmentId', 'no such department');
    const person = target.staffId ? await this.work.directory.member(target.staffId, em) : null;
    if (target.staffId && !person) throw invalidInput('staffId', 'no such staff member');
    const now = this.work.clock.now();
    await this.apply(em, ticket, actor, now, transitions.handOff(ticket, handoffTarget(department, person), reason, now));
    return ticket;
  }

  /**
   * The one path of every command: load (visible or 404), decide, apply, render — one transaction. Public for a
   * module whose command changes the ticket itself (the claim of an online complaint, src/residents/).
   */
  command<N extends keyof DomainEventMap>(
    id: string,
    actor: Principal,
    options: CommandOptions,
    what: string,
    decide: (em: EntityManager, ticket: Ticket, now: Date) => Promise<Transition<N>>,
  ): Promise<TicketView> {
    return this.work.uow.run(options.idempotency, async (em) => {
      const ticket = await this.work.writer.load(em, id, actor, options.expectedVersion);
      requireHandlingRole(actor, what);
      const now = this.work.clock.now();
      await this.apply(em, ticket, actor, now, await decide(em, ticket, now));
      return this.work.tickets.view(em, ticket, actor);
    });
  }

  /** The change, its history rows and its event, in the caller's transaction. */
  private async apply<N extends keyof DomainEventMap>(em: EntityManager, ticket: Ticket, actor: Principal, now: Date, t: Transition<N>): Promise<void> {
    await this.work.writer.save(em, ticket, t.changes);
    await this.work.writer.history(em, ticket.id, actor.id, now, ...t.history);
    await this.work.bus.publish(em, { name: t.event.name, ticketId: ticket.id, actorId: actor.id, payload: t.event.payload });
  }
}

/** Who may act on a ticket they can see: everyone but HR, who only reads (DESIGN: who may see what). */
function requireHandlingRole(actor: Principal, what: string): void {
  if (!hasRole(actor, 'staff', 'supervisor', 'manager', 'admin')) {
    throw new DomainError(DomainErrorCode.Forbidden, `your role may not ${what} a ticket`);
  }
}
