import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { ComplianceQuery, type ComplianceView } from './compliance.query.js';

export class ComplianceMonthQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM in the business time zone; default the current month' })
  @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceQuery) {}

  @Get('compliance')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'A month’s SLA compliance by day and by department (deadlines met on time vs breached); supervisors see their own department' })
  month(@Query() q: ComplianceMonthQuery, @CurrentUser() user: Principal): Promise<ComplianceView> {
    return this.compliance.month(user, q.month ?? this.compliance.currentMonth());
  }
}
