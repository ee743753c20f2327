import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { invalidInput } from '../common/errors/domain-error.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { ProblemsService, type ProblemView } from './problems.service.js';

export class AnalysisDto {
  @ApiProperty({ description: 'Why it keeps happening (分析总结)' }) @IsString() @IsNotEmpty() @MaxLength(4000) analysis!: string;
  @ApiProperty({ description: 'The preventive measure (解决办法，防止重复发生)' }) @IsString() @IsNotEmpty() @MaxLength(4000) measure!: string;
  @ApiPropertyOptional({ description: 'Close the problem with this analysis', default: false }) @IsOptional() @IsBoolean() close?: boolean;
}

@ApiTags('problems')
@ApiBearerAuth()
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'closed'] })
  @ApiOperation({ summary: 'Recurring problems (第九条) with their tickets and analysis; supervisors see their department’s' })
  list(@CurrentUser() user: Principal, @Query('status') status?: string): Promise<ProblemView[]> {
    if (status !== undefined && status !== 'open' && status !== 'closed') throw invalidInput('status', 'must be open or closed');
    return this.problems.list(user, status as 'open' | 'closed' | undefined);
  }

  @Post(':id/analysis')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Record the analysis and preventive measure; optionally close the problem' })
  analyse(
    @Param('id', UuidParam) id: string,
    @Body() dto: AnalysisDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ProblemView> {
    return this.problems.analyse(id, { analysis: dto.analysis, measure: dto.measure, close: dto.close ?? false }, user, idempotency);
  }
}
