import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Ticket } from './ticket.entity.js';

/** What a ticket still lacks before it may close, e.g. `checklist.listen`, `follow_up`, `written_answer`. */
export type CloseGuard = (em: EntityManager, ticket: Ticket) => Promise<string[]>;

/**
 * Modules that hold a closing condition (the five clears, the follow-up visit, the written answer)
 * register it here; `close` consults them all, whichever path it is called from (API, CLI, scheduler).
 */
@Injectable()
export class TicketCloseGuards {
  private readonly guards = new Map<string, CloseGuard>();

  register(name: string, guard: CloseGuard): void {
    if (this.guards.has(name)) throw new Error(`close guard ${name} registered twice`);
    this.guards.set(name, guard);
  }

  async missing(em: EntityManager, ticket: Ticket): Promise<string[]> {
    const out: string[] = [];
    for (const guard of this.guards.values()) out.push(...(await guard(em, ticket)));
    return out;
  }
}
