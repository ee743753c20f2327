import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Counter, Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { Principal } from '../org/principal.js';
import type { Session } from '../auth/session.js';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { metricsRegistry } from '../common/metrics.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { liveEventVisibleTo, type LiveEvent } from './live-event.js';
import { LiveFanout } from './live-fanout.js';

/** A client whose unsent bytes pass this is too slow: it is dropped (EventSource reconnects), not buffered. */
export const MAX_CLIENT_BUFFER_BYTES = 256 * 1024;
export const HEARTBEAT_MS = 15_000;

/** Why a stream was ended by the server; sent to the client as the `end` event. */
export type EndReason = 'expired' | 'revoked' | 'replaced';

const clientsGauge = new Gauge({
  name: 'complaint_desk_live_stream_clients',
  help: 'Open server-sent event streams on this instance',
  registers: [metricsRegistry],
});
const dropped = new Counter({
  name: 'complaint_desk_live_stream_dropped_total',
  help: 'Streams closed because the client read too slowly',
  registers: [metricsRegistry],
});
const ended = new Counter({
  name: 'complaint_desk_live_stream_ended_total',
  help: 'Streams ended by the server, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
const recheckFailed = new Counter({
  name: 'complaint_desk_live_stream_recheck_failures_total',
  help: 'Re-authorisations of open streams that could not read the accounts (retried next interval)',
  registers: [metricsRegistry],
});

interface StreamClient {
  viewer: Principal;
  session: Session;
  out: ServerResponse;
}

/**
 * The open `GET /events/stream` connections of this instance: each gets the events its viewer may see,
 * for as long as the viewer's sign-in stands. Every `live.recheckSeconds` the streams are re-authorised:
 * one whose access token has expired, or whose account was deactivated or changed (its token generation
 * moved on), is ended. A person holds at most `live.maxStreamsPerPerson` streams on this instance.
 */
@Injectable()
export class LiveStreams implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveStreams.name);
  /** In the order they were opened, so the oldest of a person's streams is the first found. */
  private readonly clients = new Set<StreamClient>();
  private subscription?: Subscription;
  private heartbeat?: NodeJS.Timeout;
  private recheckTimer?: NodeJS.Timeout;
  private rechecking = false;

  constructor(
    private readonly fanout: LiveFanout,
    private readonly clock: Clock,
    private readonly directory: StaffDirectory,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    this.subscription = this.fanout.events$.subscribe((event) => this.broadcast(event));
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) this.write(client, `: heartbeat\n\n`);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.recheckTimer = setInterval(() => void this.recheck(), this.policy.live.recheckSeconds * 1000);
    this.recheckTimer.unref();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const client of this.clients) client.out.end();
    this.clients.clear();
    clientsGauge.set(0);
  }

  get size(): number {
    return this.clients.size;
  }

  attach(viewer: Principal, session: Session, out: ServerResponse, at: string): void {
    const mine = [...this.clients].filter((c) => c.viewer.id === viewer.id);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.policy.live.maxStreamsPerPerson + 1))) this.end(old, 'replaced');
    const client: StreamClient = { viewer, session, out };
    this.clients.add(client);
    clientsGauge.set(this.clients.size);
    out.on('close', () => {
      this.clients.delete(client);
      clientsGauge.set(this.clients.size);
    });
    this.write(client, `retry: 3000\nevent: ready\ndata: ${JSON.stringify({ at, viewer: viewer.id })}\n\n`);
  }

  /** Ends the streams whose access token has expired (by the injected clock) or whose sign-in was revoked. */
  async recheck(): Promise<void> {
    if (this.rechecking || !this.clients.size) return;
    this.rechecking = true;
    try {
      const now = this.clock.now().getTime();
      for (const client of [...this.clients]) if (client.session.expiresAt.getTime() <= now) this.end(client, 'expired');
      // Only the streams open before the read are judged by it: one opened meanwhile was checked on opening.
      const open = [...this.clients];
      const generations = await this.directory.activeGenerations([...new Set(open.map((c) => c.viewer.id))]);
      for (const client of open) {
        if (this.clients.has(client) && generations.get(client.viewer.id) !== client.session.generation) this.end(client, 'revoked');
      }
    } catch (error) {
      // Streams stay open until the next interval reads the accounts; nothing is delivered without the database either.
      recheckFailed.inc();
      this.logger.warn({ err: error }, 'could not re-check open live streams');
    } finally {
      this.rechecking = false;
    }
  }

  private end(client: StreamClient, reason: EndReason): void {
    ended.inc({ reason });
    this.clients.delete(client);
    clientsGauge.set(this.clients.size);
    client.out.end(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
  }

  private broadcast(event: LiveEvent): void {
    const frame = `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) if (liveEventVisibleTo(client.viewer, event)) this.write(client, frame);
  }

  private write(client: StreamClient, frame: string): void {
    if (client.out.writableLength + Buffer.byteLength(frame) > MAX_CLIENT_BUFFER_BYTES) {
      dropped.inc();
      this.clients.delete(client);
      clientsGauge.set(this.clients.size);
      client.out.destroy();
      return;
    }
    client.out.write(frame);
  }
}
