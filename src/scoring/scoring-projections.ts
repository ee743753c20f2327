import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { EventBus } from '../events/event-bus.js';
import { ScoringBreach, ScoringHandlerTerm } from './scoring-projection.entity.js';

export interface HandlerAt {
  handlerId: string;
  departmentId: string;
}

/** Keeps this module's view of who handled each ticket and which clocks breached, in the publishing transaction. */
@Injectable()
export class ScoringProjections implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.on('ticket.received', (e, em) => this.startTerm(em, e.ticketId!, e.payload.handlerId, e.payload.departmentId, new Date(e.payload.receivedAt)));
    this.bus.on('ticket.handed_off', (e, em) => this.startTerm(em, e.ticketId!, e.payload.toHandlerId, e.payload.toDepartmentId, new Date(e.occurredAt)));
    this.bus.on('ticket.escalated', (e, em) => this.startTerm(em, e.ticketId!, e.payload.toHandlerId, e.payload.departmentId, new Date(e.occurredAt)));
    // The sweep breaches clocks a batch at a time: one statement for all of a batch's breaches.
    this.bus.onMany('sla.breached', async (events, em) => {
      await em.query(
        `INSERT INTO scoring_breach (breach_id, ticket_id, purpose, handler_id, department_id, supervisor_id, breached_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[])
         ON CONFLICT (breach_id) DO NOTHING`,
        [
          events.map((e) => e.payload.breachId), events.map((e) => e.ticketId), events.map((e) => e.payload.purpose),
          events.map((e) => e.payload.handlerId), events.map((e) => e.payload.departmentId), events.map((e) => e.payload.supervisorId),
          events.map((e) => e.occurredAt),
        ],
      );
    });
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

  /** The latest breach of any clock of the ticket at or before `at`. */
  latestBreach(em: EntityManager, ticketId: string, at: Date): Promise<ScoringBreach | null> {
    return em.getRepository(ScoringBreach).findOne({ where: { ticketId, breachedAt: LessThanOrEqual(at) }, order: { breachedAt: 'DESC' } });
  }
}
