import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { notFound } from '../common/errors/domain-error.js';
import { decodeCursor, encodeCursor, pageOf } from '../common/http/cursor.js';
import { Notification } from './notification.entity.js';
import type { NotificationPageView } from './notification.view.js';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Notices from delivered events, in one statement (a sweep's batch sends a thousand). A redelivered
   * event adds nothing: one notice per event and recipient.
   */
  async notifyMany(
    notices: Array<{ eventId: string; recipientId: string; ticketId: string | null; kind: string; title: string; body: string; at: Date }>,
    em: EntityManager = this.db.manager,
  ): Promise<void> {
    if (!notices.length) return;
    await em.query(
      `INSERT INTO notification (event_id, recipient_id, ticket_id, kind, title, body, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       ON CONFLICT (event_id, recipient_id) DO NOTHING`,
      [
        notices.map((n) => n.eventId),
        notices.map((n) => n.recipientId),
        notices.map((n) => n.ticketId),
        notices.map((n) => n.kind),
        notices.map((n) => n.title),
        notices.map((n) => n.body),
        notices.map((n) => n.at),
      ],
    );
  }

  /** The recipient's notices, newest first, in keyset pages on (created_at, id): the index on (recipient_id, created_at) serves them. */
  async list(recipientId: string, filter: { unreadOnly: boolean; cursor?: string; limit: number }): Promise<NotificationPageView> {
    const qb = this.db.getRepository(Notification).createQueryBuilder('n').where('n.recipient_id = :recipientId', { recipientId });
    if (filter.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at, id });
    }
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
    const { page, nextCursor } = pageOf(rows, filter.limit, (n) => encodeCursor(n.createdAt, n.id));
    return {
      items: page.map((n) => ({
        id: n.id,
        ticketId: n.ticketId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
      nextCursor,
    };
  }

  async markRead(recipientId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(Notification).update({ id, recipientId }, { readAt: this.clock.now() });
    if (!result.affected) throw notFound('notification', id);
  }
}
