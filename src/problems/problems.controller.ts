import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { ProblemsQuery, ProblemView } from './problem.view.js';
import { ProblemsService } from './problems.service.js';

export class AnalysisDto {
  @ApiProperty({ description: 'Why it keeps happening (分析总结)', example: '3号楼楼道灯线路老化，多次短路' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  analysis!: string;
  @ApiProperty({ description: 'The preventive measure (解决办法，防止重复发生)', example: '更换3号楼全部楼道照明线路，每月巡检' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  measure!: string;
  @ApiPropertyOptional({ description: 'Close the problem with this analysis', default: false, example: true }) @IsOptional() @IsBoolean() close?: boolean;
}

@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @ApiEndpoint('Recurring problems (第九条) with their tickets and analysis, newest first (the latest 200); supervisors see their department’s', {
    ok: [ProblemView],
    errors: [400],
  })
  list(@CurrentUser() user: Principal, @Query() q: ProblemsQuery): Promise<ProblemView[]> {
    return this.problems.list(user, q.status);
  }

  @Post(':id/analysis')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiEndpoint('Record the analysis and preventive measure; optionally close the problem', { ok: ProblemView, errors: [404, 409, 422] })
  analyse(
    @IdParam() id: string,
    @Body() dto: AnalysisDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ProblemView> {
    return this.problems.analyse(id, { analysis: dto.analysis, measure: dto.measure, close: dto.close ?? false }, user, idempotency);
  }
}
