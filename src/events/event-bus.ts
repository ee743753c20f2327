import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import type { AnyDomainEvent, DomainEvent, DomainEventMap, DomainEventName } from './domain-event.js';

export type InTransactionHandler<N extends DomainEventName> = (event: DomainEvent<N>, em: EntityManager) => Promise<void>;
export type AfterCommitConsumer = (event: AnyDomainEvent) => Promise<void>;

interface ConsumerRegistration {
  name: string;
  events: ReadonlySet<string> | 'all';
  handle: AfterCommitConsumer;
  maxAttempts: number;
}

export interface PublishInput<N extends DomainEventName> {
  name: N;
  ticketId: string | null;
  actorId: string | null;
  payload: DomainEventMap[N];
  /** Defaults to the clock's now. */
  occurredAt?: Date;
}

/**
 * The domain event bus. `publish` runs the in-transaction handlers with the caller's transaction
 * (so reactions commit or roll back with the change) and writes the event and its outbox rows there too.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly handlers = new Map<string, InTransactionHandler<never>[]>();
  private readonly consumers = new Map<string, ConsumerRegistration>();

  constructor(private readonly clock: Clock) {}

  /** React inside the publishing transaction: a failure rolls the whole change back. */
  on<N extends DomainEventName>(name: N, handler: InTransactionHandler<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as InTransactionHandler<never>);
    this.handlers.set(name, list);
  }

  /** React after commit, at least once, with retries; the consumer deduplicates by event id. */
  consume(consumer: string, events: DomainEventName[] | 'all', handle: AfterCommitConsumer, maxAttempts = 8): void {
    if (this.consumers.has(consumer)) throw new Error(`consumer ${consumer} registered twice`);
    this.consumers.set(consumer, { name: consumer, events: events === 'all' ? 'all' : new Set(events), handle, maxAttempts });
  }

  consumer(name: string): ConsumerRegistration | undefined {
    return this.consumers.get(name);
  }

  consumerNames(): string[] {
    return [...this.consumers.keys()];
  }

  async publish<N extends DomainEventName>(em: EntityManager, input: PublishInput<N>): Promise<DomainEvent<N>> {
    const event = Object.freeze({
      id: randomUUID(),
      name: input.name,
      ticketId: input.ticketId,
      actorId: input.actorId,
      occurredAt: (input.occurredAt ?? this.clock.now()).toISOString(),
      payload: Object.freeze({ ...input.payload }),
    }) as DomainEvent<N>;

    await em.query(
      'INSERT INTO domain_event (id, name, ticket_id, actor_id, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)',
      [event.id, event.name, event.ticketId, event.actorId, event.occurredAt, JSON.stringify(event.payload)],
    );
    const consumers = [...this.consumers.values()].filter((c) => c.events === 'all' || c.events.has(event.name)).map((c) => c.name);
    if (consumers.length) {
      await em.query(
        `INSERT INTO outbox_delivery (event_id, consumer, next_attempt_at) SELECT $1, unnest($2::text[]), $3`,
        [event.id, consumers, event.occurredAt],
      );
      // Delivered to listeners only if this transaction commits.
      await em.query(`SELECT pg_notify('outbox', '')`);
    }
    for (const handler of this.handlers.get(event.name) ?? []) {
      await (handler as InTransactionHandler<N>)(event, em);
    }
    return event;
  }
}
