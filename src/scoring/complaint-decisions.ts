import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { TicketWork } from '../tickets/ticket-work.js';
import { PenaltyLedger } from './penalty-ledger.js';
import { Responsibility } from './responsibility.js';
import type { ScoringRuleCode } from './scoring.rule-codes.js';

/**
 * What a scoring decision on a complaint works with — 越级投诉 (第十条) and 有效投诉 (第十一条): the ticket's
 * work, who held the post (Responsibility) and the penalty ledger, and the step both begin with.
 */
@Injectable()
export class ComplaintDecisions {
  constructor(
    readonly work: TicketWork,
    readonly responsibility: Responsibility,
    readonly ledger: PenaltyLedger,
  ) {}

  /**
   * One decision in one transaction, on a ticket the actor sees (else 404) that is a complaint: 第三条 (DESIGN
   * decision 12) a suggestion or an enquiry is no complaint against anyone and never feeds scoring.
   */
  onComplaint<T>(
    ticketId: string,
    actor: Principal,
    idempotency: IdempotencyScope | undefined,
    refusal: { rule: ScoringRuleCode; what: string },
    decide: (em: EntityManager, ticket: Ticket, now: Date) => Promise<T>,
  ): Promise<T> {
    return this.work.uow.run(idempotency, async (em) => {
      const ticket = await this.work.tickets.visible(em, ticketId, actor);
      if (ticket.kind !== 'complaint') {
        throw ruleViolated(refusal.rule, `${refusal.what} on a complaint; this ticket is a ${ticket.kind}`, { kind: ticket.kind });
      }
      return decide(em, ticket, this.work.clock.now());
    });
  }
}
