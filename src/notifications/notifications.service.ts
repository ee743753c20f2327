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
    await em.getRepository(Notification).insert(notices.map((n) => ({ ...n, createdAt: at, readAt: null })));
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
