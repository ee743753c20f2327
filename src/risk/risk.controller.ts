import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { RiskQuery, type RiskBoardView } from './risk.query.js';

export class RiskListQuery {
  @ApiPropertyOptional({ default: 20, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
}

@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla')
export class RiskController {
  constructor(private readonly risk: RiskQuery) {}

  @Get('risk')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Tickets not yet closed ranked by overreach risk (0–100) with the reasons; supervisors see their own department',
    description: 'Reasons: breached or nearly breached clocks, repeat contacts, major severity, age, a dissatisfied follow-up, reopenings, words naming an outside venue. Weights and words are in config/policy.yaml under risk.',
  })
  list(@Query() q: RiskListQuery, @CurrentUser() user: Principal): Promise<RiskBoardView> {
    return this.risk.board(user, { limit: q.limit ?? 20, departmentId: q.departmentId });
  }
}
