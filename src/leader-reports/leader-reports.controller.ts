import { Body, Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import type { Principal } from '../org/principal.js';
import { AnyRole, CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiEndpoint, ApiErrors } from '../common/http/api-docs.js';
import { attachment } from '../common/http/content-disposition.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import { leaderReportsCsv } from './leader-report-export.js';
import { LeaderReportPageView, LeaderReportsQuery, LeaderReportView, ReportToLeadersDto } from './leader-report.view.js';
import { LeaderReports } from './leader-reports.service.js';

@ApiTags('leader-reports')
@Controller('tickets/:id/leader-reports')
export class TicketLeaderReportsController {
  constructor(private readonly reports: LeaderReports) {}

  @Post()
  @Roles(...TICKET_ACTORS)
  @IdempotencyHeader()
  @ApiEndpoint('Report the matter to company leaders in writing (第七条(六) 重大投诉; 第一篇 一.8 反映较多、影响较大、涉及群众切身利益)', {
    created: LeaderReportView,
    errors: [404, 422],
  })
  report(
    @IdParam() id: string,
    @Body() dto: ReportToLeadersDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<LeaderReportView> {
    return this.reports.report(id, dto, user, idempotency);
  }
}

@ApiTags('leader-reports')
@Controller('leader-reports')
export class LeaderReportsController {
  constructor(
    private readonly reports: LeaderReports,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'The written reports to company leaders the caller may see (scoped like tickets), newest first: JSON in cursor pages, or CSV',
    description: 'Phone numbers in a report are masked for viewers who may not see the resident (HR).',
  })
  @ApiExtraModels(LeaderReportPageView)
  @ApiResponse({
    status: 200,
    description: 'The reports as `format` asks: JSON, or a CSV file to download (`Content-Disposition: attachment`)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LeaderReportPageView) } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
    },
    headers: { 'Content-Disposition': { description: 'With CSV: the file name', required: false, schema: { type: 'string', maxLength: 300 } } },
  })
  @ApiErrors(400)
  async list(
    @CurrentUser() user: Principal,
    @Query() q: LeaderReportsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeaderReportPageView | Buffer> {
    if (q.format === 'csv') {
      const zone = this.policy.company.timeZone;
      const suffix = q.month ?? 'all';
      reply.header('Content-Type', 'text/csv; charset=utf-8');
      reply.header('Content-Disposition', attachment(`领导报告-${suffix}.csv`, `leader-reports-${suffix}.csv`));
      return leaderReportsCsv(await this.reports.all({ month: q.month }, user), (iso) => DateTime.fromISO(iso).setZone(zone).toFormat('yyyy-MM-dd HH:mm'));
    }
    return this.reports.list({ month: q.month, cursor: q.cursor, limit: q.limit ?? 50 }, user);
  }
}
