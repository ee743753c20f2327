import { Module, type OnModuleInit } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { TicketDeadlines } from '../tickets/ticket-deadlines.js';
import { TicketDetailSections } from '../tickets/ticket-detail-sections.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { EscalationSweeper } from './escalation-sweeper.js';
import { SlaBoardCounts } from './sla-board-counts.service.js';
import { SlaFigures } from './sla-figures.js';
import { SlaClocks } from './sla-clocks.service.js';
import { SlaPauses } from './sla-pauses.service.js';
import { SlaPolicy } from './sla-policy.js';
import { SlaReactions } from './sla-reactions.js';
import { SlaController } from './sla.controller.js';
import { measureOpenClocks } from './sla.metrics.js';
import { SlaQuery } from './sla.query.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SLA_ENTITIES } from './sla.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(SLA_ENTITIES), OrgModule, TicketsModule],
  controllers: [SlaController],
  providers: [SlaPolicy, SlaClocks, SlaReactions, EscalationSweeper, SlaQuery, SlaPauses, SlaBoardCounts, SlaFigures],
  exports: [SlaPolicy, SlaClocks, EscalationSweeper, SlaQuery, SlaFigures],
})
export class SlaModule implements OnModuleInit {
  constructor(
    private readonly sections: TicketDetailSections,
    private readonly deadlines: TicketDeadlines,
    private readonly query: SlaQuery,
    private readonly figures: SlaFigures,
  ) {}

  onModuleInit(): void {
    measureOpenClocks(this.figures);
    // The ticket page shows each clock with its due time, light, remaining or overdue time and explanation.
    this.sections.register('clocks', (ticketId, em) => this.query.clocksOf(ticketId, em));
    // A desk clerk tells a repeat caller when the answer is due.
    this.deadlines.register((ticketIds, em) => this.query.nextDue(ticketIds, em));
  }
}
