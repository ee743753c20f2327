import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { EventBus } from '../events/event-bus.js';
import { ScoringHandlerTerm } from './scoring-projection.entity.js';

export interface HandlerAt {
  handlerId: string;
  departmentId: string;
}

/** Keeps this module's view of who handled each ticket, in the publishing transaction. */
@Injectable()
export class ScoringProjections implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    // A ticket just received has no term to end: its first one starts, in intake's numbered statement.
    this.bus.on('ticket.received', async (e, em) => {
      await this.bus.insertWithEvent(em, ScoringHandlerTerm, [
        em.getRepository(ScoringHandlerTerm).create({
          ticketId: e.ticketId!,
          handlerId: e.payload.handlerId,
          departmentId: e.payload.departmentId,
          startedAt: new Date(e.payload.receivedAt),
          endedAt: null,
        }),
      ]);
    });
    this.bus.on('ticket.handed_off', (e, em) => this.startTerm(em, e.ticketId!, e.payload.toHandlerId, e.payload.toDepartmentId, new Date(e.occurredAt)));
    this.bus.on('ticket.escalated', (e, em) => this.startTerm(em, e.ticketId!, e.payload.toHandlerId, e.payload.departmentId, new Date(e.occurredAt)));
  }

  private async startTerm(em: EntityManager, ticketId: string, handlerId: string, departmentId: string, at: Date): Promise<void> {
    const repo = em.getRepository(ScoringHandlerTerm);
    await repo.update({ ticketId, endedAt: IsNull() }, { endedAt: at });
    await repo.insert({ ticketId, handlerId, departmentId, startedAt: at, endedAt: null });
  }

  /** Who handled the ticket at `at`; before the first term, the first handler. */
  async handlerAt(em: EntityManager, ticketId: string, at: Date): Promise<HandlerAt | null> {
    const repo = em.getRepository(ScoringHandlerTerm);
    const term =
      (await repo.findOne({ where: { ticketId, startedAt: LessThanOrEqual(at) }, order: { startedAt: 'DESC', id: 'DESC' } })) ??
      (await repo.findOne({ where: { ticketId }, order: { startedAt: 'ASC', id: 'ASC' } }));
    return term ? { handlerId: term.handlerId, departmentId: term.departmentId } : null;
  }
}
