import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { TicketCloseGuards } from './ticket-close-guards.js';
import { TicketDetailSections } from './ticket-detail-sections.js';
import { TicketIntake } from './ticket-intake.service.js';
import { TicketWriter } from './ticket-writer.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsQuery } from './tickets.query.js';
import { TicketsService } from './tickets.service.js';

@Module({
  imports: [OrgModule],
  controllers: [TicketsController],
  providers: [TicketIntake, TicketsService, TicketsQuery, TicketWriter, TicketDetailSections, TicketCloseGuards],
  exports: [TicketIntake, TicketsService, TicketsQuery, TicketDetailSections, TicketWriter, TicketCloseGuards],
})
export class TicketsModule {}
