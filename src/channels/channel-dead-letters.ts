import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChannelDeadLetterListView } from './channel-dead-letters.controller.js';

/** The dead letters admins look at: deliveries given up after the policy's attempts, with their last attempt's time. */
@Injectable()
export class ChannelDeadLetters {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<ChannelDeadLetterListView> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT d.id, d.event_id, d.event_name, d.ticket_id, d.endpoint, d.channel, d.attempts, d.last_error, d.created_at,
              (SELECT max(a.at) FROM channel_attempt a WHERE a.delivery_id = d.id) AS last_attempt_at
         FROM channel_delivery d WHERE d.status = 'dead' ORDER BY d.id DESC LIMIT 200`,
    );
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        eventId: String(r.event_id),
        eventName: String(r.event_name),
        ticketId: (r.ticket_id as string | null) ?? null,
        endpoint: String(r.endpoint),
        channel: String(r.channel),
        attempts: Number(r.attempts),
        lastError: (r.last_error as string | null) ?? null,
        createdAt: new Date(r.created_at as string).toISOString(),
        lastAttemptAt: new Date((r.last_attempt_at ?? r.created_at) as string).toISOString(),
      })),
    };
  }
}
