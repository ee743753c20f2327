import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Principal } from '../auth/principal.js';
import { CurrentUser, Roles } from '../auth/roles.decorator.js';
import { invalidInput } from '../common/errors/domain-error.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { CLOCK_PURPOSES, type ClockPurpose } from './sla-clock.entity.js';
import { SlaPauses } from './sla-pauses.service.js';
import { SlaQuery, type ClockView } from './sla.query.js';

export class BreachesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() handlerId?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM, in the business time zone' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'], description: 'open: not yet answered; closed: answered late' }) @IsOptional() @IsIn(['open', 'closed']) state?: 'open' | 'closed';
  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class PauseDto {
  @ApiProperty({ description: 'Why (resident unreachable, appointment agreed…); the approver is the caller' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

function purposeOf(raw: string): ClockPurpose {
  if (!(CLOCK_PURPOSES as readonly string[]).includes(raw)) throw invalidInput('purpose', `must be one of ${CLOCK_PURPOSES.join(', ')}`);
  return raw as ClockPurpose;
}

@ApiTags('sla')
@ApiBearerAuth()
@Controller()
export class SlaController {
  constructor(
    private readonly query: SlaQuery,
    private readonly pauses: SlaPauses,
  ) {}

  @Get('sla/board')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Per department: open, at risk, breached, oldest overdue (supervisors see their own)' })
  board(@CurrentUser() user: Principal) {
    return this.query.board(user);
  }

  @Get('sla/breaches')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Breaches with the handler, department and supervisor at that moment' })
  breaches(@Query() q: BreachesQuery, @CurrentUser() user: Principal) {
    return this.query.breaches(user, { ...q, limit: q.limit ?? 100 });
  }

  @Post('tickets/:id/clocks/:purpose/pause')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiParam({ name: 'purpose', enum: CLOCK_PURPOSES })
  @ApiOperation({ summary: 'Pause a clock where the policy allows it (the caller approves as supervisor)' })
  pause(
    @Param('id', UuidParam) id: string,
    @Param('purpose') purpose: string,
    @Body() dto: PauseDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ClockView> {
    return this.pauses.pause(id, purposeOf(purpose), dto.reason, user, idempotency);
  }

  @Post('tickets/:id/clocks/:purpose/resume')
  @Roles('staff', 'supervisor', 'manager', 'admin')
  @HttpCode(200)
  @IdempotencyHeader()
  @ApiParam({ name: 'purpose', enum: CLOCK_PURPOSES })
  @ApiOperation({ summary: 'Resume a paused clock: its due time moves by the pause' })
  resume(
    @Param('id', UuidParam) id: string,
    @Param('purpose') purpose: string,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ClockView> {
    return this.pauses.resume(id, purposeOf(purpose), user, idempotency);
  }
}
