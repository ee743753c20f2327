import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { hasRole } from '../auth/principal.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, invalidInput, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { EventBus } from '../events/event-bus.js';
import { metricsRegistry } from '../health/metrics.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { UnitOfWork } from '../idempotency/unit-of-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import type { HandoffDto, ReplyDto } from './dto/ticket-actions.dto.js';
import type { TicketView } from './dto/ticket.view.js';
import { forbiddenExpressionsIn } from './service-language.js';
import { TicketCloseGuards } from './ticket-close-guards.js';
import { TicketReply } from './ticket-reply.entity.js';
import { TicketWriter, type HistoryEntry } from './ticket-writer.js';
import { Ticket } from './ticket.entity.js';
import { handoffTarget } from './ticket.rules.js';
import { TicketsQuery } from './tickets.query.js';
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

/** The ticket commands. Each runs in one transaction with its history rows and events. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: TicketWriter,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
    private readonly query: TicketsQuery,
    private readonly closeGuards: TicketCloseGuards,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** 第二条: hand to the responsible person, or to the department's supervisor when none can be named. */
  async handOff(id: string, dto: HandoffDto, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.mutate(id, actor, options, async (em, ticket, now) => {
      if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.Closed, 'a closed ticket cannot be handed off');
      this.requireInvolved(actor, ticket, 'hand off');
      const department = dto.departmentId ? await this.directory.department(dto.departmentId, em) : null;
      if (dto.departmentId && !department) throw invalidInput('departmentId', 'no such department');
      const person = dto.staffId ? await this.directory.member(dto.staffId, em) : null;
      if (dto.staffId && !person) throw invalidInput('staffId', 'no such staff member');
      const target = handoffTarget(department, person);
      if (target.handlerId === ticket.handlerId) throw ruleViolated(TicketRuleCode.HandoffToSomeoneElse, 'the ticket is already with that person');
      const before = { handlerId: ticket.handlerId, departmentId: ticket.departmentId };
      await this.writer.save(em, ticket, { ...target, lastActivityAt: now });
      await this.writer.history(em, ticket.id, actor.id, now, { action: 'handed_off', before, after: target, note: dto.reason });
      await this.bus.publish(em, {
        name: 'ticket.handed_off',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: {
          fromHandlerId: before.handlerId,
          toHandlerId: target.handlerId,
          fromDepartmentId: before.departmentId,
          toDepartmentId: target.departmentId,
          reason: dto.reason,
        },
      });
    });
  }

  /** An answer to the resident (答复): what meets the 24-hour clock. */
  async reply(id: string, dto: ReplyDto, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.mutate(id, actor, options, async (em, ticket, now) => {
      if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.Closed, 'a closed ticket takes no replies; reopen it first');
      this.requireInvolved(actor, ticket, 'reply on');
      const { mode, expressions } = this.policy.phrases.forbidden;
      const flagged = forbiddenExpressionsIn(dto.content, expressions);
      if (flagged.length && mode === 'block') {
        throw ruleViolated(TicketRuleCode.ForbiddenExpression, `the reply contains forbidden expressions: ${flagged.join('、')}`, {
          field: 'content',
          expressions: flagged,
        });
      }
      const kind = dto.via === 'written' ? 'written' : 'reply';
      const { identifiers } = await em.getRepository(TicketReply).insert({
        ticketId: ticket.id,
        authorId: actor.id,
        kind,
        via: dto.via,
        content: dto.content,
        final: dto.final ?? false,
        flagged,
        at: now,
      });
      await this.writer.save(em, ticket, { lastActivityAt: now });
      const entries: HistoryEntry[] = [
        { action: kind === 'written' ? 'written_reply' : 'replied', after: { via: dto.via, final: dto.final ?? false }, note: dto.content },
      ];
      if (flagged.length) entries.push({ action: 'language_flagged', after: { expressions: flagged }, note: '答复含禁用语，已标记给主管' });
      await this.writer.history(em, ticket.id, actor.id, now, ...entries);
      await this.bus.publish(em, {
        name: 'ticket.replied',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: {
          replyId: identifiers[0].id as string,
          kind,
          final: dto.final ?? false,
          handlerId: ticket.handlerId,
          departmentId: ticket.departmentId,
          content: dto.content,
          flagged,
        },
      });
    });
  }

  /** 第七条(三)/第八条(二): a promised reply time (确定回复时间) — a deadline of its own. */
  async promise(id: string, replyBy: string, note: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.mutate(id, actor, options, async (em, ticket, now) => {
      if (ticket.status !== 'open') throw ruleViolated(TicketRuleCode.PromiseOpenOnly, 'a reply time can be promised only on an open ticket');
      this.requireInvolved(actor, ticket, 'promise on');
      const at = new Date(replyBy);
      if (at.getTime() <= now.getTime()) throw invalidInput('replyBy', 'must be in the future');
      await this.writer.save(em, ticket, { lastActivityAt: now });
      await this.writer.history(em, ticket.id, actor.id, now, { action: 'promised', after: { replyBy: at.toISOString() }, note });
      await this.bus.publish(em, {
        name: 'ticket.promised',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: { replyBy: at.toISOString(), note, category: ticket.category, handlerId: ticket.handlerId, departmentId: ticket.departmentId },
      });
    });
  }

  async resolve(id: string, summary: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.mutate(id, actor, options, async (em, ticket, now) => {
      if (ticket.status !== 'open') throw ruleViolated(TicketRuleCode.ResolveOpenOnly, `only an open ticket can be resolved; it is ${ticket.status}`);
      this.requireInvolved(actor, ticket, 'resolve');
      await this.writer.save(em, ticket, { status: 'resolved', resolvedAt: now, lastActivityAt: now });
      await this.writer.history(em, ticket.id, actor.id, now, { action: 'resolved', before: { status: 'open' }, after: { status: 'resolved' }, note: summary });
      await this.bus.publish(em, {
        name: 'ticket.resolved',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: { handlerId: ticket.handlerId, departmentId: ticket.departmentId, category: ticket.category, summary },
      });
    });
  }

  /** 第七条: a ticket closes only when nothing is missing (five clears, report, follow-up…); an admin may override, on record. */
  async close(id: string, input: { note?: string; overrideReason?: string }, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.mutate(id, actor, options, async (em, ticket, now) => {
      if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.AlreadyClosed, 'the ticket is already closed');
      this.requireInvolved(actor, ticket, 'close');
      if (input.overrideReason && !hasRole(actor, 'admin')) throw new DomainError(DomainErrorCode.Forbidden, 'only an admin may close over open items');
      const missing = await this.closeGuards.missing(em, ticket);
      if (missing.length && !input.overrideReason) {
        throw ruleViolated(TicketRuleCode.CloseRequirements, `cannot close: still open: ${missing.join(', ')}`, { missing });
      }
      const before = { status: ticket.status };
      await this.writer.save(em, ticket, { status: 'closed', closedAt: now, lastActivityAt: now });
      const entries: HistoryEntry[] = [{ action: 'closed', before, after: { status: 'closed' }, note: input.note ?? null }];
      if (missing.length) {
        entries.push({ action: 'close_override', after: { missing }, note: input.overrideReason! });
        closeOverrides.inc();
      }
      await this.writer.history(em, ticket.id, actor.id, now, ...entries);
      await this.bus.publish(em, {
        name: 'ticket.closed',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: { handlerId: ticket.handlerId, departmentId: ticket.departmentId, override: missing.length > 0, missing },
      });
    });
  }

  /** 第八条(二): a complaint beyond one's authority becomes major and goes to the department supervisor. */
  async escalate(id: string, reason: string, actor: Principal, options: CommandOptions = {}): Promise<TicketView> {
    return this.mutate(id, actor, options, async (em, ticket, now) => {
      if (ticket.status !== 'open') throw ruleViolated(TicketRuleCode.EscalateOpenOnly, 'only an open ticket can be raised to major');
      if (ticket.severity === 'major') throw ruleViolated(TicketRuleCode.AlreadyMajor, 'the ticket is already a major complaint');
      this.requireInvolved(actor, ticket, 'escalate');
      const department = await this.directory.department(ticket.departmentId, em);
      if (!department?.supervisorId) throw ruleViolated(TicketRuleCode.DepartmentHasNoSupervisor, 'the department has no supervisor to take a major complaint');
      const before = { severity: ticket.severity, handlerId: ticket.handlerId };
      await this.writer.save(em, ticket, { severity: 'major', handlerId: department.supervisorId, lastActivityAt: now });
      await this.writer.history(em, ticket.id, actor.id, now, {
        action: 'escalated_major',
        before,
        after: { severity: 'major', handlerId: department.supervisorId },
        note: reason,
      });
      await this.bus.publish(em, {
        name: 'ticket.escalated',
        ticketId: ticket.id,
        actorId: actor.id,
        payload: {
          fromHandlerId: before.handlerId,
          toHandlerId: department.supervisorId,
          departmentId: ticket.departmentId,
          category: ticket.category,
          reason,
        },
      });
    });
  }

  async reopen(id: string, reason: string, actor: Principal, options: CommandOptions = {}, redo = false): Promise<TicketView> {
    return this.mutate(id, actor, options, (em, ticket, now) => this.applyReopen(em, ticket, now, actor, reason, redo));
  }

  /** Reopen inside a caller's transaction: a dissatisfied follow-up visit reopens the ticket as a redo (重办). */
  async reopenWithin(em: EntityManager, id: string, reason: string, actor: Principal): Promise<void> {
    const ticket = await this.writer.load(em, id, actor, undefined);
    await this.applyReopen(em, ticket, this.clock.now(), actor, reason, true);
  }

  private async applyReopen(em: EntityManager, ticket: Ticket, now: Date, actor: Principal, reason: string, redo: boolean): Promise<void> {
    if (ticket.status === 'open') throw ruleViolated(TicketRuleCode.ReopenNotOpen, 'the ticket is already open');
    this.requireInvolved(actor, ticket, 'reopen');
    const before = { status: ticket.status };
    await this.writer.save(em, ticket, { status: 'open', resolvedAt: null, closedAt: null, reopenCount: ticket.reopenCount + 1, lastActivityAt: now });
    await this.writer.history(em, ticket.id, actor.id, now, { action: redo ? 'redo' : 'reopened', before, after: { status: 'open' }, note: reason });
    await this.bus.publish(em, {
      name: 'ticket.reopened',
      ticketId: ticket.id,
      actorId: actor.id,
      payload: { handlerId: ticket.handlerId, departmentId: ticket.departmentId, category: ticket.category, reason, redo },
    });
  }

  /** Load (visible or 404), apply, save with the version check, and render — one transaction. */
  private mutate(
    id: string,
    actor: Principal,
    options: CommandOptions,
    apply: (em: EntityManager, ticket: Ticket, now: Date) => Promise<void>,
  ): Promise<TicketView> {
    return this.uow.run(options.idempotency, async (em) => {
      const ticket = await this.writer.load(em, id, actor, options.expectedVersion);
      await apply(em, ticket, this.clock.now());
      return this.query.view(em, ticket, actor);
    });
  }

  /** Anyone who can see the ticket may act on it except HR, who only reads. */
  private requireInvolved(actor: Principal, _ticket: Ticket, what: string): void {
    if (!hasRole(actor, 'staff', 'supervisor', 'manager', 'admin')) {
      throw new DomainError(DomainErrorCode.Forbidden, `your role may not ${what} a ticket`);
    }
  }
}
