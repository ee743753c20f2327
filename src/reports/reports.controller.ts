import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { Clock } from '../clock/clock.js';
import { MONTH_PATTERN } from '../config/statistical-month.js';
import { ApiEndpoint, ApiErrors } from '../common/http/api-docs.js';
import { attachment } from '../common/http/content-disposition.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { ComplaintSummaries, type ComplaintSummary } from './complaint-summary.query.js';
import { ComplaintSummaryView } from './complaint-summary.view.js';
import { PERFORMANCE_HEADINGS } from './performance-columns.js';
import { departmentSubtotals } from './performance-totals.js';
import { performanceCsv, performanceFileName, performanceXlsx } from './performance-export.js';
import {
  FigureTicketsPageView,
  FigureTicketsQuery,
  HandledTicketsPageView,
  HandledTicketsQuery,
  PerformanceQuery,
  PerformanceReportBodyView,
  PerformanceReportView,
  SummaryQuery,
} from './performance-report.view.js';
import type { FigureTicketsPage, HandledTicketsPage, PerformanceReport, PerformanceReportBody } from './performance-report.types.js';
import { PerformanceReports, requireMonth } from './performance-reports.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MonthParam = () =>
  ApiParam({
    name: 'month',
    description: 'Statistical month YYYY-MM',
    example: '2026-11',
    schema: { type: 'string', pattern: MONTH_PATTERN.source, maxLength: 7 },
  });

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: PerformanceReports,
    private readonly summaries: ComplaintSummaries,
    private readonly clock: Clock,
  ) {}

  @Get('performance')
  @Roles('hr', 'manager')
  @ApiOperation({
    summary: 'HR’s monthly performance-deduction report per employee (第八条(四)): JSON, CSV (UTF-8 BOM) or XLSX; frozen once closed',
    description:
      'As JSON, each row has the figures (points, economic loss, warnings, disciplinary cases, valid complaints, SLA breaches, follow-ups, ' +
      'adjustments, tickets handled) and `ticketsPath`: the tickets behind a figure are listed page by page by ' +
      'GET /reports/performance/{month}/employees/{employeeId}/tickets?figure=…, those handled by ' +
      'GET /reports/performance/{month}/employees/{employeeId}/tickets-handled. ' +
      'The CSV and XLSX files are complete, with the tickets behind the points (扣分工单).',
  })
  @ApiExtraModels(PerformanceReportBodyView)
  @ApiResponse({
    status: 200,
    description: 'The report as `format` asks: JSON, or a file to download (`Content-Disposition: attachment`)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PerformanceReportBodyView) } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: { 'Content-Disposition': { description: 'With CSV and XLSX: the file name', required: false, schema: { type: 'string', maxLength: 300 } } },
  })
  @ApiErrors(400)
  async performance(@Query() q: PerformanceQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<PerformanceReportBody | Buffer> {
    if (q.format === 'csv' || q.format === 'xlsx') {
      // The files are complete: every row with the tickets behind its figures.
      const full = await this.reports.report(q.month);
      const file = performanceFileName(q.month, q.format);
      reply.header('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
      reply.header('Content-Disposition', attachment(file.name, file.ascii));
      return q.format === 'csv' ? performanceCsv(full) : performanceXlsx(full, { generatedAt: this.clock.now() });
    }
    const report = await this.reports.summary(q.month);
    // The headings and subtotals travel with the figures, so the console page shows what the files show.
    const subtotals = departmentSubtotals(report.rows).map(({ department, figures }) => ({ department, figures }));
    return { ...report, columns: PERFORMANCE_HEADINGS, subtotals };
  }

  @Get('performance/:month/employees/:employeeId/tickets-handled')
  @Roles('hr', 'manager')
  @MonthParam()
  @ApiOperation({
    summary: 'The tickets behind an employee’s `ticketsHandled` figure of a month, by reference, in cursor pages',
    description:
      'Every ticket the employee was handler of at any time in the statistical month; `total` equals the report’s `ticketsHandled`. ' +
      '404 for an unknown employee or a month that has not begun.',
  })
  @ApiOkResponse({ type: HandledTicketsPageView })
  @ApiErrors(400, 404)
  ticketsHandled(@Param('month') month: string, @IdParam('employeeId') employeeId: string, @Query() q: HandledTicketsQuery): Promise<HandledTicketsPage> {
    return this.reports.handledTickets(requireMonth(month), employeeId, q);
  }

  @Get('performance/:month/employees/:employeeId/tickets')
  @Roles('hr', 'manager')
  @MonthParam()
  @ApiOperation({
    summary: 'The tickets behind one of an employee’s figures of a month (`figure`), by reference, in cursor pages',
    description:
      'The list the report row’s `ticketsPath` names, in the report’s order; a closed month reads its frozen report. ' +
      '404 for an unknown employee or a month that has not begun.',
  })
  @ApiOkResponse({ type: FigureTicketsPageView })
  @ApiErrors(400, 404)
  employeeTickets(@Param('month') month: string, @IdParam('employeeId') employeeId: string, @Query() q: FigureTicketsQuery): Promise<FigureTicketsPage> {
    return this.reports.employeeTickets(requireMonth(month), employeeId, q.figure, q);
  }

  @Post('performance/:month/close')
  @Roles('hr')
  @IdempotencyHeader()
  @MonthParam()
  @ApiEndpoint('Close a month: its report is frozen; later charges and reversals land in the next open month as adjustments')
  @ApiCreatedResponse({ type: PerformanceReportView, description: 'The frozen report' })
  @ApiErrors(409, 422)
  closeMonth(@Param('month') month: string, @CurrentUser() user: Principal, @Idempotency() idem: IdempotencyScope | undefined): Promise<PerformanceReport> {
    return this.reports.close(requireMonth(month), user, idem);
  }

  @Get('summary')
  @Roles('manager', 'hr', 'admin')
  @ApiEndpoint(
    'Monthly complaint summary (第八条(四)): counts, response-clock compliance, breaches, overreaches, repeat contacts, recurring problems, follow-ups',
    { ok: ComplaintSummaryView, errors: [400] },
  )
  summary(@Query() q: SummaryQuery): Promise<ComplaintSummary> {
    return this.summaries.month(q.month);
  }
}
