import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { TicketCloseGuards } from './ticket-close-guards.js';
import { TicketDetailSections } from './ticket-detail-sections.js';
import { TicketWriter } from './ticket-writer.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsQuery } from './tickets.query.js';
import { TicketsService } from './tickets.service.js';

@Module({
  imports: [OrgModule],
  controllers: [TicketsController],
  providers: [TicketsService, TicketsQuery, TicketWriter, TicketDetailSections, TicketCloseGuards],
  exports: [TicketsService, TicketsQuery, TicketDetailSections, TicketWriter, TicketCloseGuards],
})
export class TicketsModule {}
