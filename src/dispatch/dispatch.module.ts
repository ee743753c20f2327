import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import type { DomainEvent } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrgModule } from '../org/org.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { DispatchesController, TicketDispatchesController } from './dispatch.controller.js';
import { DispatchSummary } from './dispatch-summary.js';
import { DispatchSweeper } from './dispatch-sweep.js';
import { localTime } from './dispatch-wording.js';
import { DISPATCH_ENTITIES } from './dispatch.entities.js';
import { DISPATCH_NOTICE_EVENTS, Dispatches } from './dispatch.service.js';

type NoticeEvent = DomainEvent<(typeof DISPATCH_NOTICE_EVENTS)[number]>;

const TITLES: Record<(typeof DISPATCH_NOTICE_EVENTS)[number], string> = {
  'dispatch.created': '收到派单，请及时签收',
  'dispatch.signed': '派单已签收',
  'dispatch.warned': '派单即将超过签收时限',
  'dispatch.breached': '派单超时未签收',
  'dispatch.escalated': '未签收派单上报主管',
  'dispatch.returned': '收到退单，待您处理',
  'dispatch.return_accepted': '退单已同意',
  'dispatch.return_rejected': '退单未获同意，请签收',
  'dispatch.third_return': '工单第三次退单，请协调',
};

/** 派单/签收/退单: dispatches with their own sign-for clock, returns decided by the dispatcher; notices after commit. */
@Module({
  imports: [TypeOrmModule.forFeature(DISPATCH_ENTITIES), TicketsModule, OrgModule, SlaModule, NotificationsModule],
  controllers: [TicketDispatchesController, DispatchesController],
  providers: [Dispatches, DispatchSweeper, DispatchSummary],
  exports: [Dispatches, DispatchSweeper],
})
export class DispatchModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    private readonly sections: TicketDetailSections,
    private readonly dispatches: Dispatches,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** 工单 TS-… 派至工程部，签收时限 …: the ticket's reference and the receiving department, never an id. */
  private body(event: NoticeEvent): string {
    const p = event.payload;
    // An event queued before the names were carried reads as it did.
    const ticket = p.reference ? `工单 ${p.reference}` : `派单 ${p.dispatchId}`;
    const to = p.receivingDepartmentName ? `，派至${p.receivingDepartmentName}` : '';
    const due = 'signDueAt' in p ? `，签收时限 ${localTime(this.policy, new Date(p.signDueAt))}` : '';
    return `${ticket}${to}${due}`;
  }

  onModuleInit(): void {
    this.sections.register('dispatches', (ticketId, em) => this.dispatches.section(em, ticketId));
    this.bus.consumeMany('dispatch-notices', [...DISPATCH_NOTICE_EVENTS], async (events) => {
      const notices = (events as NoticeEvent[]).flatMap((event) =>
        event.payload.recipients.map((recipientId) => ({
          eventId: event.id,
          recipientId,
          ticketId: event.ticketId,
          kind: event.name,
          title: TITLES[event.name],
          body: this.body(event),
          at: new Date(event.occurredAt),
        })),
      );
      await this.notifications.notifyMany(notices);
    });
  }
}
