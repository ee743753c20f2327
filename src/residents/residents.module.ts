import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { dueTimeFormatter } from '../common/business-time.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import type { DomainEvent } from '../events/domain-event.js';
import { EventBus } from '../events/event-bus.js';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrgModule } from '../org/org.module.js';
import { PlacesModule } from '../places/places.module.js';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ResidentClaims } from './resident-claims.service.js';
import { ResidentFiling } from './resident-filing.service.js';
import { ResidentLinks } from './resident-links.js';
import { ResidentPlaces } from './resident-places.js';
import { ResidentThrottle } from './resident-throttle.js';
import { ResidentTracking } from './resident-tracking.service.js';
import { ResidentsController, TicketClaimController, TrackingLinksController } from './residents.controller.js';
import { RESIDENTS_ENTITIES } from './residents.entities.js';

/** The residents' page (/r/): file online, track with a private link, rate the follow-up (回访). */
@Module({
  imports: [TypeOrmModule.forFeature(RESIDENTS_ENTITIES), TicketsModule, AttachmentsModule, FollowUpsModule, PlacesModule, OrgModule, NotificationsModule],
  controllers: [ResidentsController, TrackingLinksController, TicketClaimController],
  providers: [ResidentClaims, ResidentFiling, ResidentTracking, ResidentPlaces, ResidentThrottle, ResidentLinks],
  exports: [ResidentLinks],
})
export class ResidentsModule implements OnModuleInit {
  constructor(
    private readonly sections: TicketDetailSections,
    private readonly claims: ResidentClaims,
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onModuleInit(): void {
    // 首问负责制 under first_claim: the window and who claimed the complaint, for the ticket page's 认领 button.
    this.sections.register('claim', (ticketId, em) => this.claims.section(em, ticketId));
    // After commit: each of the department's staff and supervisors hears that an online complaint waits to be claimed.
    const due = dueTimeFormatter(this.policy.company.timeZone);
    this.bus.consumeMany('claim-notices', ['ticket.claim_opened'], async (events) => {
      const notices = (events as DomainEvent<'ticket.claim_opened'>[]).flatMap((event) =>
        event.payload.recipients.map((recipientId) => ({
          eventId: event.id,
          recipientId,
          ticketId: event.ticketId,
          kind: event.name,
          title: '线上投诉待认领',
          body: `工单 ${event.payload.reference}（${event.payload.category}）由网上受理，${due(new Date(event.payload.claimableUntil))}前认领即成为首问负责人`,
          at: new Date(event.occurredAt),
        })),
      );
      await this.notifications.notifyMany(notices);
    });
  }
}
