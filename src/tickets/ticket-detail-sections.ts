import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';

export type DetailSection = (ticketId: string, em: EntityManager, viewer: Principal) => Promise<unknown>;

/**
 * Other modules (SLA clocks, checklist…) contribute sections to the ticket page without the tickets
 * module knowing them: they register here at start-up.
 */
@Injectable()
export class TicketDetailSections {
  private readonly sections = new Map<string, DetailSection>();

  register(name: string, section: DetailSection): void {
    if (this.sections.has(name)) throw new Error(`detail section ${name} registered twice`);
    this.sections.set(name, section);
  }

  async render(ticketId: string, em: EntityManager, viewer: Principal): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, section] of this.sections) out[name] = await section(ticketId, em, viewer);
    return out;
  }
}
