import { ComplaintDecisions } from './complaint-decisions.js';
import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { OverreachService } from './overreach.service.js';
import { PenaltyLedger } from './penalty-ledger.js';
import { Responsibility } from './responsibility.js';
import { ScoringEntriesService } from './scoring-entries.service.js';
import { ScoringProjections } from './scoring-projections.js';
import { ScoringRecords } from './scoring-records.query.js';
import { ScoringController } from './scoring.controller.js';
import { ValidComplaintsService } from './valid-complaints.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SCORING_ENTITIES } from './scoring.entities.js';

/** 第十条 and 第十一条: overreach penalties, valid complaints and the append-only penalty ledger. */
@Module({
  imports: [TypeOrmModule.forFeature(SCORING_ENTITIES), OrgModule, TicketsModule, SlaModule],
  controllers: [ScoringController],
  providers: [
    ScoringProjections,
    Responsibility,
    PenaltyLedger,
    ComplaintDecisions,
    OverreachService,
    ValidComplaintsService,
    ScoringEntriesService,
    ScoringRecords,
  ],
  exports: [PenaltyLedger],
})
export class ScoringModule {}
