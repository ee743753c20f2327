import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { DomainError, DomainErrorCode, notFound } from '../common/errors/domain-error.js';
import { TicketVisibility } from './ticket-visibility.js';
import { Ticket } from './ticket.entity.js';

export interface HistoryEntry {
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

/**
 * Loads and saves tickets inside a command's transaction. The version check is done by the UPDATE
 * itself (`WHERE version = $n`), since the ORM's version column does not check on save.
 */
@Injectable()
export class TicketWriter {
  constructor(private readonly visibility: TicketVisibility) {}

  /**
   * With If-Match the read is optimistic; without it the row is locked so concurrent commands queue.
   * A ticket the viewer may not see is 404 before the version is compared: a 412 would tell it exists.
   */
  async load(em: EntityManager, id: string, viewer: Principal, expectedVersion: number | undefined): Promise<Ticket> {
    const ticket = await em.getRepository(Ticket).findOne({
      where: { id },
      ...(expectedVersion === undefined ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const access = ticket ? await this.visibility.access(em, viewer, ticket) : null;
    if (!ticket || !access) throw notFound('ticket', id);
    // Seen through another module's grant (a co-department's task): the ticket's own department acts on it.
    if (access !== 'own') throw new DomainError(DomainErrorCode.Forbidden, access.refusal.message, { rule: access.refusal.rule });
    if (expectedVersion !== undefined && ticket.version !== expectedVersion) throw versionMismatch(ticket.version);
    return ticket;
  }

  async save(em: EntityManager, ticket: Ticket, changes: Partial<Ticket>): Promise<Ticket> {
    const result = await em
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: ticket.id, version: ticket.version })
      .execute();
    if (!result.affected) {
      const current = await em.getRepository(Ticket).findOne({ where: { id: ticket.id }, select: { id: true, version: true } });
      throw versionMismatch(current?.version ?? null);
    }
    Object.assign(ticket, changes, { version: ticket.version + 1 });
    return ticket;
  }

  /** History rows for many tickets at once (the sweep writes one per breach or escalation). */
  async historyRows(em: EntityManager, rows: Array<HistoryEntry & { ticketId: string; actorId: string | null; at: Date }>): Promise<void> {
    if (!rows.length) return;
    // One statement with array parameters, rows in the given order: the sweep writes a batch at a time.
    await em.query(
      `INSERT INTO ticket_history (ticket_id, actor_id, action, before, after, note, at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[], $7::timestamptz[])`,
      [
        rows.map((e) => e.ticketId),
        rows.map((e) => e.actorId),
        rows.map((e) => e.action),
        rows.map((e) => historyJson(e.before)),
        rows.map((e) => historyJson(e.after)),
        rows.map((e) => e.note ?? null),
        rows.map((e) => e.at),
      ],
    );
  }

  async history(em: EntityManager, ticketId: string, actorId: string | null, at: Date, ...entries: HistoryEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.historyRows(
      em,
      entries.map((e) => ({ ...e, ticketId, actorId, at })),
    );
  }
}

/** A history row's before/after as a jsonb array element: JSON text, or NULL. */
export const historyJson = (v: Record<string, unknown> | null | undefined): string | null => (v == null ? null : JSON.stringify(v));

const versionMismatch = (current: number | null) =>
  new DomainError(DomainErrorCode.VersionMismatch, 'the ticket has changed since you read it; reload and try again', { currentVersion: current });
