import { Inject, Injectable } from '@nestjs/common';
import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, ruleViolated } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { EventBus } from '../events/event-bus.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { FollowUp, type Verdict } from './follow-up.entity.js';
import type { FollowUpResult } from './follow-up.view.js';
import { FollowUpRuleCode } from './follow-up.rule-codes.js';

const VERDICT_ZH: Record<Verdict, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  no_answer: '未联系上',
  unreachable: '无法联系',
};

/** 第二条: 处理完毕立即对业主进行回访. Dissatisfied reopens the ticket as a redo (重办). */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly uow: IdempotentWork,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly tickets: TicketsQuery,
    private readonly commands: TicketsService,
    private readonly history: TicketWriter,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Whether the follow-up visit is one of the ticket's (for other modules attaching things to it). */
  isFollowUpOf(em: EntityManager, ticketId: string, followUpId: string): Promise<boolean> {
    return em.getRepository(FollowUp).exists({ where: { id: followUpId, ticketId } });
  }

  record(
    ticketId: string,
    input: { contact: string; verdict: Verdict; note: string },
    actor: Principal,
    idempotency?: IdempotencyScope,
  ): Promise<FollowUpResult> {
    return this.uow.run(idempotency, (em) => this.recordIn(em, ticketId, input, actor));
  }

  /** A follow-up inside the caller's transaction: the residents' page records its one-tap rating with its own evidence row. */
  async recordIn(em: EntityManager, ticketId: string, input: { contact: string; verdict: Verdict; note: string }, actor: Principal): Promise<FollowUpResult> {
    {
      const ticket = await this.tickets.visible(em, ticketId, actor);
      if (!hasRole(actor, 'staff', 'supervisor', 'manager', 'admin'))
        throw new DomainError(DomainErrorCode.Forbidden, 'your role may not record follow-up visits');
      if (ticket.status !== 'resolved') {
        throw ruleViolated(FollowUpRuleCode.AfterResolution, `a follow-up visit is recorded once the matter is resolved; the ticket is ${ticket.status}`);
      }
      const repo = em.getRepository(FollowUp);
      const attempts = await repo.count({ where: { ticketId, verdict: 'no_answer', at: MoreThanOrEqual(ticket.resolvedAt!) } });
      const required = this.policy.followUp.attemptsBeforeUnreachable;
      if (input.verdict === 'unreachable' && attempts < required) {
        throw ruleViolated(
          FollowUpRuleCode.UnreachableAfterAttempts,
          `the resident may be recorded unreachable after ${required} failed attempts; ${attempts} so far`,
          { attempts, required },
        );
      }
      const now = this.clock.now();
      const { identifiers } = await repo.insert({ ticketId, byId: actor.id, contact: input.contact, verdict: input.verdict, note: input.note, at: now });
      const id = identifiers[0].id as string;
      const final = ['satisfied', 'basically_satisfied', 'unreachable'].includes(input.verdict);
      const attempt = attempts + 1;
      await this.history.history(em, ticketId, actor.id, now, {
        action: 'follow_up',
        after: { verdict: input.verdict, contact: input.contact, attempt },
        note: `${VERDICT_ZH[input.verdict]}：${input.note}`,
      });
      await this.bus.publish(em, {
        name: 'follow_up.recorded',
        ticketId,
        actorId: actor.id,
        payload: { followUpId: id, verdict: input.verdict, final, attempt },
      });
      let status = ticket.status as string;
      if (input.verdict === 'dissatisfied') {
        await this.commands.reopenWithin(em, ticketId, `回访不满意，重办：${input.note}`, actor);
        status = 'open';
      }
      return { id, verdict: input.verdict, attempt, ticketStatus: status, at: now.toISOString() };
    }
  }
}
