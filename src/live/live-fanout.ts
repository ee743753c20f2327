import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { Counter } from 'prom-client';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AnyDomainEvent } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { metricsRegistry } from '../common/metrics.js';
import { idsInPayload, type LiveEvent } from './live-event.js';

export const LIVE_CHANNEL = 'live_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;
/** Events per NOTIFY statement. */
const FANOUT_BATCH = 500;

const notified = new Counter({
  name: 'complaint_desk_live_events_notified_total',
  help: 'Domain events fanned out to every instance with NOTIFY',
  registers: [metricsRegistry],
});
const notifyFailed = new Counter({
  name: 'complaint_desk_live_events_notify_failures_total',
  help: 'Live events that could not be fanned out with NOTIFY',
  registers: [metricsRegistry],
});
const received = new Counter({
  name: 'complaint_desk_live_events_received_total',
  help: 'Live events this instance received from LISTEN',
  registers: [metricsRegistry],
});

/**
 * Fans every domain event out to every app instance: the instance whose dispatcher delivers the event to
 * the `live` consumer (exactly one claims each outbox row) sends `pg_notify('live_events', …)`; every
 * instance LISTENs and passes it to its own SSE clients through `events$`. Receivers drop an id they have
 * already seen (the outbox delivers at least once).
 */
@Injectable()
export class LiveFanout implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveFanout.name);
  readonly events$ = new Subject<LiveEvent>();
  /** Every event delivered to the `live` consumer on this instance: the hook for dashboards. */
  readonly delivered$ = new Subject<AnyDomainEvent>();
  private listener?: pg.Client;
  private reconnect?: NodeJS.Timeout;
  private stopped = false;
  private readonly seen = new Set<string>();

  /** Events delivered to `live` and not yet sent; sent in delivery order, a dispatcher pass at a time. */
  private pending: AnyDomainEvent[] = [];
  private flushing = false;

  constructor(
    private readonly db: DataSource,
    bus: EventBus,
    private readonly tickets: TicketsQuery,
  ) {
    // The live consumer of the outbox: delivered once per event to one instance, which fans it out to all.
    bus.consume('live', 'all', async (event) => this.delivered$.next(event));
    this.delivered$.subscribe((event) => {
      this.pending.push(event);
      // setImmediate: the rest of the dispatcher's pass joins the same round trip.
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Every instance listens, whether or not it runs the scheduler: it may serve dashboards.
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    this.events$.complete();
    this.delivered$.complete();
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, FANOUT_BATCH);
        try {
          await this.notifyMany(batch);
        } catch (error) {
          // The outbox has already marked the `live` deliveries done: the events are lost to live streams
          // only (dashboards re-fetch on reconnect and on the next event); count them.
          notifyFailed.inc(batch.length);
          this.logger.warn({ err: error, eventIds: batch.map((e) => e.id) }, 'live NOTIFY failed');
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One read of the tickets and one statement of NOTIFYs for a whole batch, in delivery order. */
  private async notifyMany(events: AnyDomainEvent[]): Promise<void> {
    const ticketIds = [...new Set(events.map((e) => e.ticketId).filter((id): id is string => !!id))];
    const byId = await this.tickets.audiences(ticketIds);
    const payloads = events.map((event) => {
      const ticket = event.ticketId ? byId.get(event.ticketId) : undefined;
      const ids = idsInPayload(event.payload as Record<string, unknown>);
      const live: LiveEvent = {
        id: event.id,
        name: event.name,
        ticketId: event.ticketId,
        reference: ticket?.reference ?? null,
        occurredAt: event.occurredAt,
        departmentIds: [...new Set([...(ticket ? [ticket.departmentId] : []), ...ids.departmentIds])],
        staffIds: [...new Set([...(ticket ? [ticket.handlerId, ticket.firstResponderId] : []), ...ids.staffIds])],
      };
      const json = JSON.stringify(live);
      return Buffer.byteLength(json) > MAX_PAYLOAD_BYTES ? JSON.stringify({ ...live, staffIds: live.staffIds.slice(0, 20) }) : json;
    });
    // unnest yields the array in order; the NOTIFYs of one statement go out together, in that order, when it ends.
    await this.db.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [LIVE_CHANNEL, payloads]);
    notified.inc(events.length);
  }

  private async listen(): Promise<void> {
    const options = this.db.driver.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url });
    const lost = (error?: Error) => {
      if (this.stopped || this.listener !== client) return;
      this.logger.warn({ err: error }, 'live listener lost its connection; reconnecting');
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const event = JSON.parse(message.payload) as LiveEvent;
      if (this.seen.has(event.id)) return;
      this.remember(event.id);
      received.inc();
      this.events$.next(event);
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      this.listen().catch((error) => {
        this.logger.warn({ err: error }, 'live listener could not reconnect; retrying');
        this.scheduleReconnect();
      });
    }, 2000);
  }

  /** At-least-once delivery may repeat an event; remember the last few thousand ids. */
  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > 5000) this.seen.delete(this.seen.values().next().value as string);
  }
}
