import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import type { AnyDomainEvent } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { dueTimeFormatter } from '../common/business-time.js';
import { slaNotices, type SlaNoticeEvent } from '../sla/escalation-notices.js';
import { OrgModule } from '../org/org.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { FollowThroughDigests } from './follow-through-digest.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { firstResponderCopies, leaderReportNotices, type LeaderReportEvent, type Notice } from './notices.js';
import type { DomainEvent } from '../events/domain-event.js';
import { languageFlagNotices } from './language-flag-notices.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFICATIONS_ENTITIES } from './notifications.entities.js';

const SLA_EVENTS = new Set(['sla.warned', 'sla.breached', 'sla.escalated']);

/** In-app notices: after-commit consumers of SLA events, reports to leaders and flagged replies (none of those modules knows it). */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES), TicketsModule, OrgModule, SlaModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, FollowThroughDigests],
  exports: [NotificationsService, FollowThroughDigests],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    private readonly tickets: TicketsQuery,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    const due = dueTimeFormatter(this.policy.company.timeZone);
    this.bus.consumeMany('notifications', ['sla.warned', 'sla.breached', 'sla.escalated', 'leader_report.recorded'], async (events) => {
      const sla = events.filter((e) => SLA_EVENTS.has(e.name)) as SlaNoticeEvent[];
      const owners = await this.tickets.owners(sla.flatMap((e) => (e.ticketId ? [e.ticketId] : [])));
      const notices = events.flatMap((event: AnyDomainEvent) => {
        const stamp = (n: Notice) => ({ ...n, eventId: event.id, at: new Date(event.occurredAt) });
        if (event.name === 'leader_report.recorded') return leaderReportNotices(event as LeaderReportEvent).map(stamp);
        const e = event as SlaNoticeEvent;
        const direct = slaNotices(e, due);
        return [...direct, ...firstResponderCopies(e, direct, e.ticketId ? owners.get(e.ticketId) : undefined)].map(stamp);
      });
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
