import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type NextDue = (ticketIds: string[], em: EntityManager) => Promise<Map<string, Date>>;

/**
 * The next deadline of tickets, for a desk clerk to tell a caller when they will hear back. The SLA
 * module knows the clocks and registers here at start-up; the tickets module does not know it.
 */
@Injectable()
export class TicketDeadlines {
  private source?: NextDue;

  register(source: NextDue): void {
    if (this.source) throw new Error('a next-due source is already registered');
    this.source = source;
  }

  async nextDue(ticketIds: string[], em: EntityManager): Promise<Map<string, Date>> {
    return this.source && ticketIds.length ? this.source(ticketIds, em) : new Map();
  }
}
