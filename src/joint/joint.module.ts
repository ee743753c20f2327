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
import { TicketsModule } from '../tickets/tickets.module.js';
import { JointController } from './joint.controller.js';
import { JOINT_ENTITIES } from './joint.entities.js';
import { JointService } from './joint.service.js';

const CLOCK_EVENTS = ['joint.task_warned', 'joint.task_breached', 'joint.task_escalated'] as const;
type ClockEvent = DomainEvent<(typeof CLOCK_EVENTS)[number]>;

const TITLES: Record<(typeof CLOCK_EVENTS)[number], string> = {
  'joint.task_warned': '协办任务即将到期',
  'joint.task_breached': '协办任务已超时',
  'joint.task_escalated': '协办任务超时升级',
};

/** 联合办理: co-departments' tasks, their clock (swept by the scheduler) and its notices after commit. */
@Module({
  imports: [TypeOrmModule.forFeature(JOINT_ENTITIES), TicketsModule, OrgModule, NotificationsModule],
  controllers: [JointController],
  providers: [JointService],
  exports: [JointService],
})
export class JointModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    // Staff read the deadline in the business time zone, as the SLA notices show it.
    const due = dueTimeFormatter(this.policy.company.timeZone);
    this.bus.consumeMany('joint-notices', [...CLOCK_EVENTS], async (events) => {
      const notices = (events as ClockEvent[]).flatMap((event) =>
        event.payload.recipients.map((recipientId) => ({
          eventId: event.id,
          recipientId,
          ticketId: event.ticketId,
          kind: event.name,
          title: TITLES[event.name],
          body: `协办任务期限 ${due(new Date(event.payload.dueAt))}${'level' in event.payload ? `，${event.payload.level}级升级` : ''}`,
          at: new Date(event.occurredAt),
        })),
      );
      await this.notifications.notifyMany(notices);
    });
  }
}
