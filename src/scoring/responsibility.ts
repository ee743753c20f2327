import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgTerms } from '../org/org-terms.service.js';
import { SlaQuery } from '../sla/sla.query.js';
import type { ResponsibilityBasis } from './dto/scoring.view.js';
import { ScoringProjections } from './scoring-projections.js';

export interface Responsible {
  personId: string;
  departmentId: string | null;
  supervisorId: string | null;
  basis: ResponsibilityBasis;
  breachId: string | null;
  /** The moment the people were taken at. */
  at: Date;
}

/**
 * DESIGN decision 4: the responsible person is whoever handled the ticket when the failing clock breached; when
 * none breached, whoever handled it when the overreach happened; the first responder if it was never
 * handed off. The supervisor is the supervisor of that person's department at that same moment.
 *
 * After an extension (延期, issue 17 item 7) the original deadline still counts: an extended clock that was not met by
 * its original deadline failed there, so when that lapse is later than any breach, the people are taken as of the
 * original deadline (`original_deadline`). A breach of the moved deadline is later, and is the failing step then.
 */
@Injectable()
export class Responsibility {
  constructor(
    private readonly projections: ScoringProjections,
    private readonly terms: OrgTerms,
    private readonly sla: SlaQuery,
  ) {}

  async forOverreach(em: EntityManager, ticket: { id: string; firstResponderId: string; departmentId: string }, happenedAt: Date): Promise<Responsible> {
    // The SLA module's breach record is the one source; it names who handled the ticket when the clock breached.
    const breach = await this.sla.latestBreach(ticket.id, happenedAt, em);
    const lapsed = await this.sla.latestLapsedOriginalDeadline(ticket.id, happenedAt, em);
    if (lapsed && (!breach || lapsed.originalDueAt > breach.breachedAt)) {
      const then = await this.projections.handlerAt(em, ticket.id, lapsed.originalDueAt);
      return this.at(em, then?.handlerId ?? ticket.firstResponderId, then?.departmentId ?? ticket.departmentId, lapsed.originalDueAt, 'original_deadline');
    }
    if (breach) return this.at(em, breach.handlerId, breach.departmentId, breach.breachedAt, 'breach', breach.id);
    const handler = await this.projections.handlerAt(em, ticket.id, happenedAt);
    if (handler) return this.at(em, handler.handlerId, handler.departmentId, happenedAt, 'handler', null);
    return this.at(em, ticket.firstResponderId, ticket.departmentId, happenedAt, 'first_responder', null);
  }

  /** A person's department and its supervisor at a moment (org terms), for any charge. */
  async at(
    em: EntityManager,
    personId: string,
    fallbackDepartmentId: string | null,
    at: Date,
    basis: Responsible['basis'] = 'handler',
    breachId: string | null = null,
  ): Promise<Responsible> {
    const departmentId = (await this.terms.holderAt(em, 'membership', personId, at)) ?? fallbackDepartmentId;
    const supervisorId = departmentId ? await this.terms.holderAt(em, 'supervisor', departmentId, at) : null;
    return { personId, departmentId, supervisorId, basis, breachId, at };
  }
}
