import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RuleCode } from '../common/errors/rule-codes.js';
import type { Ticket } from './ticket.entity.js';

/** Why a ticket may not be resolved yet: the rule, a message, and what is still open (e.g. co-departments' tasks). */
export interface ResolveBlocker {
  rule: RuleCode;
  message: string;
  details: Record<string, unknown>;
}

export type ResolveGuard = (em: EntityManager, ticket: Ticket) => Promise<ResolveBlocker | null>;

/**
 * Modules that hold a condition for resolving (联合办理: every co-department's task signed off) register it
 * here; `resolve` consults them all and answers 409 with the first blocker, so tickets imports none of them.
 */
@Injectable()
export class TicketResolveGuards {
  private readonly guards = new Map<string, ResolveGuard>();

  register(name: string, guard: ResolveGuard): void {
    if (this.guards.has(name)) throw new Error(`resolve guard ${name} registered twice`);
    this.guards.set(name, guard);
  }

  async blocker(em: EntityManager, ticket: Ticket): Promise<ResolveBlocker | null> {
    for (const guard of this.guards.values()) {
      const found = await guard(em, ticket);
      if (found) return found;
    }
    return null;
  }
}
