import { Module, type OnModuleInit } from '@nestjs/common';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ExtensionsController, TicketExtensionsController } from './extensions.controller.js';
import { EXTENSIONS_ENTITIES } from './extensions.entities.js';
import { Extensions } from './extensions.service.js';

/** 延期: extensions of a ticket's deadlines, asked by the handler and decided by the department's supervisor. */
@Module({
  imports: [TypeOrmModule.forFeature(EXTENSIONS_ENTITIES), TicketsModule, OrgModule],
  controllers: [TicketExtensionsController, ExtensionsController],
  providers: [Extensions],
  exports: [Extensions],
})
export class ExtensionsModule implements OnModuleInit {
  constructor(
    private readonly sections: TicketDetailSections,
    private readonly extensions: Extensions,
  ) {}

  onModuleInit(): void {
    // The ticket page shows each extension with its decision (the loop's 延期 step).
    this.sections.register('extensions', (ticketId, em, viewer) => this.extensions.ofTicket(ticketId, viewer, em));
  }
}
