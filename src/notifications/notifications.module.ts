import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { EventBus } from '../events/event-bus.js';
import { dueTimeFormatter, slaNotices, type SlaNoticeEvent } from '../sla/escalation-notices.js';
import type { DomainEvent } from '../events/domain-event.js';
import { languageFlagNotices } from './language-flag-notices.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notices: an after-commit consumer of SLA events and flagged replies (neither module knows it). */
@Module({ controllers: [NotificationsController], providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    const due = dueTimeFormatter(this.policy.company.timeZone);
    this.bus.consumeMany('notifications', ['sla.warned', 'sla.breached', 'sla.escalated'], async (events) => {
      const notices = (events as SlaNoticeEvent[]).flatMap((event) =>
        slaNotices(event, due).map((n) => ({ ...n, eventId: event.id, at: new Date(event.occurredAt) })),
      );
      await this.notifications.notifyMany(notices);
    });
    // 员工文明服务要求 2.②: a spoken reply with a forbidden expression is flagged for the supervisor.
    this.bus.consumeMany('language-flag-notices', ['ticket.replied'], async (events) => {
      const notices = (events as DomainEvent<'ticket.replied'>[]).flatMap((event) =>
        languageFlagNotices(event).map((n) => ({ ...n, eventId: event.id, at: new Date(event.occurredAt) })),
      );
      await this.notifications.notifyMany(notices);
    });
  }
}
