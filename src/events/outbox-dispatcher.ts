import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { Counter } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { metricsRegistry } from '../common/metrics.js';
import type { AnyDomainEvent } from './domain-event.js';
import { EventBus } from './event-bus.js';

const delivered = new Counter({
  name: 'complaint_desk_outbox_delivered_total',
  help: 'Outbox deliveries that succeeded',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});
const failed = new Counter({
  name: 'complaint_desk_outbox_failures_total',
  help: 'Outbox deliveries that threw and will be retried',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});
const dead = new Counter({
  name: 'complaint_desk_outbox_dead_letters_total',
  help: 'Outbox deliveries given up after the maximum attempts',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});

interface ClaimedRow {
  delivery_id: string;
  consumer: string;
  attempts: number;
  id: string;
  name: string;
  ticket_id: string | null;
  actor_id: string | null;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

const toEvent = (row: ClaimedRow): AnyDomainEvent =>
  Object.freeze({
    id: row.id,
    name: row.name,
    ticketId: row.ticket_id,
    actorId: row.actor_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    payload: Object.freeze(row.payload),
  }) as AnyDomainEvent;

/** Backoff before retry n (1-based): 2, 4, 8 … seconds, at most 5 minutes. */
export const retryDelayMs = (attempt: number) => Math.min(2 ** attempt, 300) * 1000;

/**
 * Delivers outbox rows to after-commit consumers: claims due rows with SKIP LOCKED (several instances
 * can run it), wakes on LISTEN/NOTIFY after each commit, polls for retries, dead-letters after N failures.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private relisten?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.listen();
    this.timer = setInterval(() => this.wake(), 2000);
    this.wake();
  }

  // Before the HTTP server and the database pool close: stop between batches, let the current one finish.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.relisten) clearTimeout(this.relisten);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  /** Runs a pass now, or once more after the pass in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error) => {
        this.logger.warn({ err: error }, 'outbox pass failed; rows stay pending and are retried');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Delivers everything due now; returns how many deliveries were attempted. */
  async drain(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.pass(batchSize);
      total += n;
      if (n < batchSize || this.stopped) return total;
    }
  }

  private async pass(batchSize: number): Promise<number> {
    const consumers = this.bus.consumerNames();
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const rows: ClaimedRow[] = await em.query(
        `SELECT d.id AS delivery_id, d.consumer, d.attempts, e.id, e.name, e.ticket_id, e.actor_id, e.occurred_at, e.payload
           FROM outbox_delivery d JOIN domain_event e ON e.id = d.event_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND d.consumer = ANY($2::text[])
          ORDER BY d.next_attempt_at, d.id
          LIMIT $3
          FOR UPDATE OF d SKIP LOCKED`,
        [now, consumers, batchSize],
      );
      const done: string[] = [];
      // Rows grouped per consumer, in claim order: a batch consumer gets its group at once.
      const groups = new Map<string, ClaimedRow[]>();
      for (const row of rows) {
        const group = groups.get(row.consumer);
        if (group) group.push(row);
        else groups.set(row.consumer, [row]);
      }
      for (const [name, group] of groups) {
        const consumer = this.bus.consumer(name)!;
        const events = group.map(toEvent);
        const attempt = async (handle: () => Promise<void>, these: ClaimedRow[]) => {
          try {
            await handle();
            done.push(...these.map((r) => r.delivery_id));
            delivered.inc({ consumer: name }, these.length);
          } catch (error) {
            for (const row of these) await this.failed(em, consumer, row, error, now);
          }
        };
        const handle = consumer.handle;
        if ('many' in handle) await attempt(() => handle.many(events), group);
        else for (let i = 0; i < group.length; i++) await attempt(() => handle.one(events[i]), [group[i]]);
      }
      // Successful deliveries are marked in one statement, in the transaction that claimed them.
      if (done.length) {
        await em.query(
          `UPDATE outbox_delivery SET status = 'done', attempts = attempts + 1, delivered_at = $2, last_error = NULL WHERE id = ANY($1::bigint[])`,
          [done, now],
        );
      }
      return rows.length;
    });
  }

  /** A delivery that threw: retried after a backoff, or dead-lettered after the consumer's maximum attempts. */
  private async failed(em: EntityManager, consumer: { name: string; maxAttempts: number }, row: ClaimedRow, error: unknown, now: Date): Promise<void> {
    const attempts = row.attempts + 1;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    if (attempts >= consumer.maxAttempts) {
      await em.query(`UPDATE outbox_delivery SET status = 'dead', attempts = $2, last_error = $3 WHERE id = $1`, [row.delivery_id, attempts, message]);
      dead.inc({ consumer: consumer.name });
      this.logger.error({ consumer: consumer.name, eventId: row.id, attempts }, 'outbox delivery dead-lettered');
    } else {
      await em.query(`UPDATE outbox_delivery SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [
        row.delivery_id,
        attempts,
        message,
        new Date(now.getTime() + retryDelayMs(attempts)),
      ]);
      failed.inc({ consumer: consumer.name });
    }
  }

  /** LISTEN on a dedicated connection; when it drops (database restart) polling goes on and we listen again. */
  private async listen(): Promise<void> {
    const options = this.db.driver.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 3000 });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'outbox listener lost its connection; polling continues and it reconnects');
      this.relisten = setTimeout(() => this.listen().catch(() => this.lostListen()), 1000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.wake());
    this.listener = client;
    try {
      await client.connect();
      await client.query('LISTEN outbox');
    } catch (error) {
      lost(error as Error);
    }
  }

  private lostListen(): void {
    if (!this.stopped) this.relisten = setTimeout(() => this.listen().catch(() => this.lostListen()), 1000);
  }
}
