import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Counter, Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { Principal } from '../auth/principal.js';
import { metricsRegistry } from '../health/metrics.js';
import { liveEventVisibleTo, type LiveEvent } from './live-event.js';
import { LiveFanout } from './live-fanout.js';

/** A client whose unsent bytes pass this is too slow: it is dropped (EventSource reconnects), not buffered. */
export const MAX_CLIENT_BUFFER_BYTES = 256 * 1024;
export const HEARTBEAT_MS = 15_000;

const clientsGauge = new Gauge({ name: 'complaint_desk_live_stream_clients', help: 'Open server-sent event streams on this instance', registers: [metricsRegistry] });
const dropped = new Counter({ name: 'complaint_desk_live_stream_dropped_total', help: 'Streams closed because the client read too slowly', registers: [metricsRegistry] });

interface StreamClient {
  viewer: Principal;
  out: ServerResponse;
}

/** The open `GET /events/stream` connections of this instance: each gets the events its viewer may see. */
@Injectable()
export class LiveStreams implements OnModuleInit, OnModuleDestroy {
  private readonly clients = new Set<StreamClient>();
  private subscription?: Subscription;
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly fanout: LiveFanout) {}

  onModuleInit(): void {
    this.subscription = this.fanout.events$.subscribe((event) => this.broadcast(event));
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) this.write(client, `: heartbeat\n\n`);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const client of this.clients) client.out.end();
    this.clients.clear();
    clientsGauge.set(0);
  }

  get size(): number {
    return this.clients.size;
  }

  attach(viewer: Principal, out: ServerResponse, at: string): void {
    const client: StreamClient = { viewer, out };
    this.clients.add(client);
    clientsGauge.set(this.clients.size);
    out.on('close', () => {
      this.clients.delete(client);
      clientsGauge.set(this.clients.size);
    });
    this.write(client, `retry: 3000\nevent: ready\ndata: ${JSON.stringify({ at, viewer: viewer.id })}\n\n`);
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
