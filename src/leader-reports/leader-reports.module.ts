import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { LeaderReportReactions } from './leader-report-reactions.js';
import { LeaderReportsController, TicketLeaderReportsController } from './leader-reports.controller.js';
import { LeaderReports } from './leader-reports.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LEADER_REPORTS_ENTITIES } from './leader-reports.entities.js';

/** 第七条(六), 第一篇 一.8: written reports to company leaders. */
@Module({
  imports: [TypeOrmModule.forFeature(LEADER_REPORTS_ENTITIES), TicketsModule, OrgModule],
  controllers: [TicketLeaderReportsController, LeaderReportsController],
  providers: [LeaderReports, LeaderReportReactions],
  exports: [LeaderReports],
})
export class LeaderReportsModule {}
