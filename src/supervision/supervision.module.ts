import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { dueTimeFormatter } from '../common/business-time.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DomainEvent } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrgModule } from '../org/org.module.js';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { SupervisionController } from './supervision.controller.js';
import { SUPERVISION_ENTITIES } from './supervision.entities.js';
import { SUPERVISION_NOTICE_EVENTS, SupervisionOrders } from './supervision.service.js';

type NoticeEvent = DomainEvent<(typeof SUPERVISION_NOTICE_EVENTS)[number]>;

const TITLES: Record<(typeof SUPERVISION_NOTICE_EVENTS)[number], string> = {
  'supervision.issued': '收到督办单',
  'supervision.reminded': '督办催办',
  'supervision.feedback_submitted': '督办单已书面反馈，待您审核',
  'supervision.feedback_rejected': '督办反馈被退回',
  'supervision.breached': '督办单逾期',
};

/** 督办单: supervision orders with their own clock, reminders (催办) and escalation; notices after commit. */
@Module({
  imports: [TypeOrmModule.forFeature(SUPERVISION_ENTITIES), TicketsModule, OrgModule, NotificationsModule],
  controllers: [SupervisionController],
  providers: [SupervisionOrders],
  exports: [SupervisionOrders],
})
export class SupervisionModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly sections: TicketDetailSections,
    private readonly orders: SupervisionOrders,
  ) {}

  onModuleInit(): void {
    // Staff read the deadline in the business time zone, as the SLA notices show it.
    const due = dueTimeFormatter(this.policy.company.timeZone);
    this.sections.register('supervisionOrders', (ticketId, em) => this.orders.ofTicket(em, ticketId));
    this.bus.consumeMany('supervision-notices', [...SUPERVISION_NOTICE_EVENTS], async (events) => {
      const notices = (events as NoticeEvent[]).flatMap((event) =>
        event.payload.recipients.map((recipientId) => ({
          eventId: event.id,
          recipientId,
          ticketId: event.ticketId,
          kind: event.name,
          title: TITLES[event.name],
          body: `督办单${'dueAt' in event.payload ? `，期限 ${due(new Date(event.payload.dueAt))}` : ''}`,
          at: new Date(event.occurredAt),
        })),
      );
      await this.notifications.notifyMany(notices);
    });
  }
}
