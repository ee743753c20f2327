import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module.js';
import { ComplaintSummaries } from './complaint-summary.query.js';
import { PerformanceReports } from './performance-reports.service.js';
import { ReportsController } from './reports.controller.js';

/** Read side: HR's monthly performance report and month close, and the monthly complaint summary (第八条(四)). */
@Module({
  imports: [ScoringModule],
  controllers: [ReportsController],
  providers: [PerformanceReports, ComplaintSummaries],
})
export class ReportsModule {}
