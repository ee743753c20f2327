import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { notFound } from '../common/errors/domain-error.js';
import { Notification } from './notification.entity.js';

export interface NotificationView {
  id: string;
  ticketId: string | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async notify(em: EntityManager, recipients: string[], notice: { ticketId: string | null; kind: string; title: string; body: string }, at: Date): Promise<void> {
    const unique = [...new Set(recipients)];
    if (!unique.length) return;
    await em.getRepository(Notification).insert(unique.map((recipientId) => ({ recipientId, ...notice, createdAt: at, readAt: null })));
  }

  async notifyMany(em: EntityManager, notices: Array<{ recipientId: string; ticketId: string | null; kind: string; title: string; body: string }>, at: Date): Promise<void> {
    if (!notices.length) return;
    // One statement with array parameters: the sweep sends a thousand notices at a time.
    await em.query(
      `INSERT INTO notification (recipient_id, ticket_id, kind, title, body, created_at)
       SELECT r, t, k, ti, b, $6 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS x(r, t, k, ti, b)`,
      [notices.map((n) => n.recipientId), notices.map((n) => n.ticketId), notices.map((n) => n.kind), notices.map((n) => n.title), notices.map((n) => n.body), at],
    );
  }

  async list(recipientId: string, unreadOnly: boolean, limit = 100): Promise<NotificationView[]> {
    const rows = await this.db.getRepository(Notification).find({
      where: { recipientId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map((n) => ({ id: n.id, ticketId: n.ticketId, kind: n.kind, title: n.title, body: n.body, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null }));
  }

  async markRead(recipientId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(Notification).update({ id, recipientId }, { readAt: this.clock.now() });
    if (!result.affected) throw notFound('notification', id);
  }
}
