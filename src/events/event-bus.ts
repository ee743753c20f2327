import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import type { AnyDomainEvent, DomainEvent, DomainEventMap, DomainEventName } from './domain-event.js';

export type InTransactionHandler<N extends DomainEventName> = (event: DomainEvent<N>, em: EntityManager) => Promise<void>;
export type InTransactionBatchHandler<N extends DomainEventName> = (events: DomainEvent<N>[], em: EntityManager) => Promise<void>;
export type AfterCommitConsumer = (event: AnyDomainEvent) => Promise<void>;
export type AfterCommitBatchConsumer = (events: AnyDomainEvent[]) => Promise<void>;

/** A batch handler, and which events it acts on (all when `when` is not given). */
interface BatchRegistration {
  handle: InTransactionBatchHandler<never>;
  when?: (event: AnyDomainEvent) => boolean;
}

interface ConsumerRegistration {
  name: string;
  events: ReadonlySet<string> | 'all';
  /** One event at a time, or all of a dispatcher pass's events for this consumer at once (in delivery order). */
  handle: { one: AfterCommitConsumer } | { many: AfterCommitBatchConsumer };
  maxAttempts: number;
}

/** The CTEs that write events and their outbox rows, the NOTIFY select expression, and their parameters. */
export interface EventWrite {
  ctes: string;
  notify: string;
  params: unknown[];
}

/** Rows of one table that join the numbered event's statement: the table and its columns, the rows as one JSON array. */
interface JoinedInsert {
  table: string;
  columns: string[];
  rows: string;
}

/** A table rows can join a statement of: its name and plain columns (column name, entity property). */
interface Joinable {
  table: string;
  columns: { name: string; property: string }[];
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
  private readonly batchHandlers = new Map<string, BatchRegistration[]>();
  private readonly consumers = new Map<string, ConsumerRegistration>();
  /** The transactions whose numbered event is being published, and the rows their handlers join to its statement. */
  private readonly joining = new WeakMap<EntityManager, JoinedInsert[]>();
  private readonly joinables = new Map<EntityTarget<ObjectLiteral>, Joinable>();

  constructor(private readonly clock: Clock) {}

  /** React inside the publishing transaction: a failure rolls the whole change back. */
  on<N extends DomainEventName>(name: N, handler: InTransactionHandler<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as InTransactionHandler<never>);
    this.handlers.set(name, list);
  }

  /**
   * React inside the publishing transaction to all events of one name that a `publishMany` call carries,
   * at once: a projection writes them with one statement instead of one per event (the sweep publishes
   * a thousand breaches in a batch). Runs after the per-event handlers of the same call. `when`, given, says
   * which events the handler acts on (from the payload, not its reference): intake then knows before numbering
   * whether anything follows its numbered statement (publishNumbered's `last`).
   */
  onMany<N extends DomainEventName>(name: N, handler: InTransactionBatchHandler<N>, when?: (event: DomainEvent<N>) => boolean): void {
    const list = this.batchHandlers.get(name) ?? [];
    list.push({ handle: handler as InTransactionBatchHandler<never>, when: when as BatchRegistration['when'] });
    this.batchHandlers.set(name, list);
  }

  /** React after commit, at least once, with retries; the consumer deduplicates by event id. */
  consume(consumer: string, events: DomainEventName[] | 'all', handle: AfterCommitConsumer, maxAttempts = 8): void {
    this.register(consumer, events, { one: handle }, maxAttempts);
  }

  /**
   * React after commit to a batch of events at once (one statement for a sweep's thousand notices); a
   * failure retries the whole batch, so the consumer must deduplicate by event id.
   */
  consumeMany(consumer: string, events: DomainEventName[] | 'all', handle: AfterCommitBatchConsumer, maxAttempts = 8): void {
    this.register(consumer, events, { many: handle }, maxAttempts);
  }

  private register(consumer: string, events: DomainEventName[] | 'all', handle: ConsumerRegistration['handle'], maxAttempts: number): void {
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
    const [event] = await this.publishMany(em, [input]);
    return event as DomainEvent<N>;
  }

  /**
   * Publishes several events with one statement (events, their outbox rows and the wake-up NOTIFY),
   * then runs each event's in-transaction handlers in order, then the batch handlers once per event
   * name with that name's events. The sweep uses it per batch.
   */
  async publishMany(em: EntityManager, inputs: PublishInput<DomainEventName>[]): Promise<AnyDomainEvent[]> {
    if (!inputs.length) return [];
    const events = this.events(inputs);
    const write = this.write(events, 1);
    // One round trip; the NOTIFY reaches listeners only if this transaction commits.
    await em.query(`WITH ${write.ctes} SELECT ${write.notify}`, write.params);
    await this.react(em, events);
    await this.reactInBatches(em, events);
    return events;
  }

  /**
   * Inserts rows an in-transaction handler writes for the event it reacts to. While intake's numbered event is
   * published, they join its one statement (a round trip less per table); otherwise they are inserted at once.
   * Only for rows nothing in the transaction reads before that statement: a handler that reads back what it
   * wrote (a clock it then meets) inserts through its repository. Columns left undefined are NULL, not their
   * default, when joined: give every column a value.
   */
  async insertWithEvent<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
    if (!rows.length) return;
    const joined = this.joining.get(em);
    if (!joined) {
      await em.getRepository(entity).insert(rows);
      return;
    }
    const { table, columns: all } = this.joinable(em, entity);
    const columns = all.filter((c) => rows.some((r) => r[c.property] !== undefined));
    const json = rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.property] ?? null])));
    joined.push({ table, columns: columns.map((c) => c.name), rows: JSON.stringify(json) });
  }

  /** An entity's table and plain columns, kept: reading them through the metadata's accessors cost more than the JSON. */
  private joinable(em: EntityManager, entity: EntityTarget<ObjectLiteral>): Joinable {
    const known = this.joinables.get(entity);
    if (known) return known;
    const meta = em.connection.getMetadata(entity);
    for (const c of meta.columns) {
      if (c.transformer || c.embeddedMetadata || c.relationMetadata || c.type === 'simple-json' || c.type === 'simple-array') {
        throw new Error(`${meta.tableName}.${c.databaseName}: a joined insert writes plain column values only`);
      }
    }
    const joinable = { table: meta.tableName, columns: meta.columns.map((c) => ({ name: c.databaseName, property: c.propertyName })) };
    this.joinables.set(entity, joinable);
    return joinable;
  }

  /**
   * Publishes one event whose payload's `reference` only the caller's last statement knows: intake's gap-free
   * daily number, taken in the last statement before COMMIT so that the day's counter row is locked for that
   * statement and the COMMIT alone. The per-event handlers run first, on the event with an empty reference (none
   * of them reads it); then `numberLast` runs the caller's statement with `write` among its CTEs (the event and
   * its outbox rows, the reference read from the caller's CTE `t`) and returns the reference; then the batch
   * handlers run on the numbered event (the leader report of a complaint major at intake names it). `last` tells
   * `numberLast` that no batch handler acts on the event, so nothing of the event follows its statement.
   */
  async publishNumbered<N extends DomainEventName>(
    em: EntityManager,
    input: PublishInput<N>,
    numberLast: (write: (firstParam: number) => EventWrite, last: boolean) => Promise<string>,
  ): Promise<DomainEvent<N>> {
    const [pending] = this.events([{ ...input, payload: { ...input.payload, reference: '' } }]);
    const joined: JoinedInsert[] = [];
    this.joining.set(em, joined);
    try {
      await this.react(em, [pending]);
    } finally {
      this.joining.delete(em);
    }
    const last = !(this.batchHandlers.get(pending.name) ?? []).some(({ when }) => !when || when(pending));
    const reference = await numberLast((firstParam) => this.write([pending], firstParam, '(SELECT reference FROM t)', joined), last);
    const event = Object.freeze({ ...pending, payload: Object.freeze({ ...pending.payload, reference }) }) as AnyDomainEvent;
    await this.reactInBatches(em, [event]);
    return event as DomainEvent<N>;
  }

  private events(inputs: PublishInput<DomainEventName>[]): AnyDomainEvent[] {
    const now = this.clock.now();
    return inputs.map(
      (input) =>
        Object.freeze({
          id: timeOrderedId(now),
          name: input.name,
          ticketId: input.ticketId,
          actorId: input.actorId,
          occurredAt: (input.occurredAt ?? now).toISOString(),
          payload: Object.freeze({ ...input.payload }),
        }) as AnyDomainEvent,
    );
  }

  /** The events, their outbox rows and the rows handlers joined as CTEs of one statement (parameters from `$firstParam`), and the wake-up NOTIFY. */
  private write(events: AnyDomainEvent[], firstParam: number, reference?: string, joined: JoinedInsert[] = []): EventWrite {
    const outbox = { ids: [] as string[], consumers: [] as string[], at: [] as string[] };
    for (const event of events) {
      for (const c of this.consumers.values()) {
        if (c.events !== 'all' && !c.events.has(event.name)) continue;
        outbox.ids.push(event.id);
        outbox.consumers.push(c.name);
        outbox.at.push(event.occurredAt);
      }
    }
    const $ = (i: number) => `$${firstParam + i}`;
    const payload = reference ? `p || jsonb_build_object('reference', ${reference})` : 'p';
    return {
      ctes: `event_rows AS (
         INSERT INTO domain_event (id, name, ticket_id, actor_id, occurred_at, payload)
         SELECT id, name, ticket_id, actor_id, occurred_at, ${payload}
           FROM unnest(${$(0)}::uuid[], ${$(1)}::text[], ${$(2)}::uuid[], ${$(3)}::uuid[], ${$(4)}::timestamptz[], ${$(5)}::jsonb[])
             AS e(id, name, ticket_id, actor_id, occurred_at, p)
       ), outbox_rows AS (
         INSERT INTO outbox_delivery (event_id, consumer, next_attempt_at)
         SELECT * FROM unnest(${$(6)}::uuid[], ${$(7)}::text[], ${$(8)}::timestamptz[])
       )${joined
         .map((j, i) => {
           const columns = j.columns.map((c) => `"${c}"`).join(', ');
           // The table's own row type reads the JSON: each value cast to its column's type (an array to text[], an object to jsonb).
           return `, joined_${i} AS (
         INSERT INTO "${j.table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${j.table}", ${$(9 + i)}::jsonb)
       )`;
         })
         .join('')}`,
      notify: `(SELECT pg_notify('outbox', '') WHERE cardinality(${$(6)}::uuid[]) > 0) AS notified`,
      params: [
        events.map((e) => e.id),
        events.map((e) => e.name),
        events.map((e) => e.ticketId),
        events.map((e) => e.actorId),
        events.map((e) => e.occurredAt),
        events.map((e) => JSON.stringify(e.payload)),
        outbox.ids,
        outbox.consumers,
        outbox.at,
        ...joined.map((j) => j.rows),
      ],
    };
  }

  private async react(em: EntityManager, events: AnyDomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const handler of this.handlers.get(event.name) ?? []) {
        await (handler as InTransactionHandler<DomainEventName>)(event as never, em);
      }
    }
  }

  private async reactInBatches(em: EntityManager, events: AnyDomainEvent[]): Promise<void> {
    const byName = new Map<string, AnyDomainEvent[]>();
    for (const event of events) {
      if (!this.batchHandlers.has(event.name)) continue;
      const list = byName.get(event.name) ?? [];
      list.push(event);
      byName.set(event.name, list);
    }
    for (const [name, batch] of byName) {
      for (const { handle, when } of this.batchHandlers.get(name)!) {
        const acted = when ? batch.filter(when) : batch;
        if (acted.length) await (handle as InTransactionBatchHandler<DomainEventName>)(acted as never, em);
      }
    }
  }
}
