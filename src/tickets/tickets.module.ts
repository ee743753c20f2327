import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { OrgModule } from '../org/org.module.js';
import { PlacesModule } from '../places/places.module.js';
import { IntakeController } from './intake.controller.js';
import { IntakeMatches } from './intake-matches.js';
import { TicketAccessGuard } from './ticket-access.guard.js';
import { TicketCloseGuards } from './ticket-close-guards.js';
import { TicketResolveGuards } from './ticket-resolve-guards.js';
import { TicketVisibility } from './ticket-visibility.js';
import { TicketDeadlines } from './ticket-deadlines.js';
import { TicketDetailSections } from './ticket-detail-sections.js';
import { TicketIntake } from './ticket-intake.service.js';
import { TicketWriter } from './ticket-writer.js';
import { TicketWork } from './ticket-work.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsQuery } from './tickets.query.js';
import { TicketsService } from './tickets.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResidentTold } from './resident-told.js';
import { TICKETS_ENTITIES } from './tickets.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(TICKETS_ENTITIES), OrgModule, PlacesModule],
  controllers: [TicketsController, IntakeController],
  providers: [
    { provide: APP_GUARD, useClass: TicketAccessGuard },
    TicketIntake,
    IntakeMatches,
    TicketsService,
    TicketsQuery,
    TicketWriter,
    TicketWork,
    TicketDetailSections,
    TicketDeadlines,
    TicketCloseGuards,
    TicketResolveGuards,
    TicketVisibility,
    ResidentTold,
  ],
  exports: [
    TicketIntake,
    TicketsService,
    TicketsQuery,
    TicketDetailSections,
    TicketDeadlines,
    TicketWriter,
    TicketWork,
    TicketCloseGuards,
    TicketResolveGuards,
    TicketVisibility,
    ResidentTold,
  ],
})
export class TicketsModule {}
