import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
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
  imports: [TypeOrmModule.forFeature(RESIDENTS_ENTITIES), TicketsModule, AttachmentsModule, FollowUpsModule, PlacesModule, OrgModule],
  controllers: [ResidentsController, TrackingLinksController, TicketClaimController],
  providers: [ResidentClaims, ResidentFiling, ResidentTracking, ResidentPlaces, ResidentThrottle, ResidentLinks],
  exports: [ResidentLinks],
})
export class ResidentsModule implements OnModuleInit {
  constructor(
    private readonly sections: TicketDetailSections,
    private readonly claims: ResidentClaims,
  ) {}

  onModuleInit(): void {
    // 首问负责制 under first_claim: the window and who claimed the complaint, for the ticket page's 认领 button.
    this.sections.register('claim', (ticketId, em) => this.claims.section(em, ticketId));
  }
}
