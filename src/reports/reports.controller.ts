import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { Clock } from '../clock/clock.js';
import { attachment } from '../common/http/content-disposition.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { MONTH_PATTERN } from '../config/statistical-month.js';
import { ComplaintSummaries, type ComplaintSummary } from './complaint-summary.query.js';
import { PERFORMANCE_HEADINGS } from './performance-columns.js';
import { performanceCsv, performanceFileName, performanceXlsx } from './performance-export.js';
import type { HandledTicketsPage, PerformanceReport, PerformanceReportBody } from './performance-report.types.js';
import { PerformanceReports, requireMonth } from './performance-reports.service.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

export class PerformanceQuery {
  @ApiProperty({ description: 'Statistical month YYYY-MM in the business time zone' }) @Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' }) month!: string;
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' }) @IsOptional() @IsIn(REPORT_FORMATS) format?: (typeof REPORT_FORMATS)[number];
}

export class HandledTicketsQuery {
  @ApiPropertyOptional({ description: 'From a previous page (`nextCursor`)' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'cursor must be a cursor from a previous page' }) cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class SummaryQuery {
  @ApiProperty({ description: 'Statistical month YYYY-MM in the business time zone' }) @Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' }) month!: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly performance: PerformanceReports,
    private readonly summaries: ComplaintSummaries,
    private readonly clock: Clock,
  ) {}

  @Get('performance')
  @Roles('hr', 'manager')
  @ApiOperation({
    summary: 'HR’s monthly performance-deduction report per employee (第八条(四)): JSON, CSV (UTF-8 BOM) or XLSX; frozen once closed',
    description: 'Each deduction figure (points, economic loss, warnings, disciplinary cases, valid complaints, SLA breaches, follow-ups, adjustments) '
      + 'comes with the tickets behind it under `tickets`. `ticketsHandled` is a count only: the tickets an employee handled are listed, '
      + 'page by page, by GET /reports/performance/{month}/employees/{employeeId}/tickets-handled.',
  })
  async report(@Query() q: PerformanceQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<PerformanceReportBody | Buffer> {
    const report = await this.performance.report(q.month);
    if (q.format === 'csv' || q.format === 'xlsx') {
      const file = performanceFileName(q.month, q.format);
      reply.header('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('Content-Disposition', attachment(file.name, file.ascii));
      return q.format === 'csv' ? performanceCsv(report) : performanceXlsx(report, { generatedAt: this.clock.now() });
    }
    // The headings travel with the figures, so the console page shows what the files show.
    return { ...report, columns: PERFORMANCE_HEADINGS };
  }

  @Get('performance/:month/employees/:employeeId/tickets-handled')
  @Roles('hr', 'manager')
  @ApiOperation({
    summary: 'The tickets behind an employee’s `ticketsHandled` figure of a month, by reference, in cursor pages',
    description: 'Every ticket the employee was handler of at any time in the statistical month; `total` equals the report’s `ticketsHandled`. '
      + '404 for an unknown employee or a month that has not begun.',
  })
  handled(
    @Param('month') month: string,
    @Param('employeeId', UuidParam) employeeId: string,
    @Query() q: HandledTicketsQuery,
  ): Promise<HandledTicketsPage> {
    return this.performance.handledTickets(requireMonth(month), employeeId, q);
  }

  @Post('performance/:month/close')
  @Roles('hr')
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Close a month: its report is frozen; later charges and reversals land in the next open month as adjustments' })
  close(@Param('month') month: string, @CurrentUser() user: Principal, @Idempotency() idem: IdempotencyScope | undefined): Promise<PerformanceReport> {
    return this.performance.close(requireMonth(month), user, idem);
  }

  @Get('summary')
  @Roles('manager', 'hr', 'admin')
  @ApiOperation({ summary: 'Monthly complaint summary (第八条(四)): counts, response-clock compliance, breaches, overreaches, repeat contacts, recurring problems, follow-ups' })
  summary(@Query() q: SummaryQuery): Promise<ComplaintSummary> {
    return this.summaries.month(q.month);
  }
}
