import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiEndpoint, MonthField } from '../common/http/api-docs.js';
import { ComplianceQuery } from './compliance.query.js';
import { ComplianceView } from './compliance.view.js';

export class ComplianceMonthQuery {
  @MonthField({ required: false, description: 'YYYY-MM in the business time zone; default the current month' }) month?: string;
}

@ApiTags('sla')
@Controller('sla')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceQuery) {}

  @Get('compliance')
  @Roles('supervisor', 'manager', 'admin')
  @ApiEndpoint('A month’s SLA compliance by day and by department (deadlines met on time vs breached); supervisors see their own department', {
    ok: ComplianceView,
    errors: [400],
  })
  month(@Query() q: ComplianceMonthQuery, @CurrentUser() user: Principal): Promise<ComplianceView> {
    return this.compliance.month(user, q.month ?? this.compliance.currentMonth());
  }
}
