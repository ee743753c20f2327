import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { invalidInput } from '../common/errors/domain-error.js';
import { ApiEndpoint, ApiErrors, EnumQuery, LimitField, MonthField } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import { CLOCK_PURPOSES, type ClockPurpose } from './sla-clock.entity.js';
import { SlaPauses } from './sla-pauses.service.js';
import { SlaQuery } from './sla.query.js';
import { BoardView, BreachView, ClockView } from './sla.view.js';

export class BreachesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() handlerId?: string;
  @MonthField({ required: false, description: 'YYYY-MM, in the business time zone' }) month?: string;
  @EnumQuery('BreachState', ['open', 'closed'], 'open: not yet answered; closed: answered late') state?: 'open' | 'closed';
  @LimitField(100, 500) limit?: number;
}

export class PauseDto {
  @ApiProperty({ description: 'Why (resident unreachable, appointment agreed…); the approver is the caller', example: '业主出差，约定下周一上门' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

function purposeOf(raw: string): ClockPurpose {
  if (!(CLOCK_PURPOSES as readonly string[]).includes(raw)) throw invalidInput('purpose', `must be one of ${CLOCK_PURPOSES.join(', ')}`);
  return raw as ClockPurpose;
}

/** A command on one clock of a ticket: retry-safe, 404 for a ticket the caller may not see or a clock not running. */
const ClockCommand = () =>
  applyDecorators(
    HttpCode(200),
    IdempotencyHeader(),
    ApiParam({ name: 'purpose', enum: [...CLOCK_PURPOSES], enumName: 'ClockPurpose' }),
    ApiOkResponse({ type: ClockView, description: 'The clock after the command' }),
    ApiErrors(404, 409, 422),
  );

@ApiTags('sla')
@Controller()
export class SlaController {
  constructor(
    private readonly query: SlaQuery,
    private readonly pauses: SlaPauses,
  ) {}

  @Get('sla/board')
  @Roles('supervisor', 'manager', 'admin')
  @ApiEndpoint('Per department: open, at risk, breached, oldest overdue (supervisors see their own)', { ok: BoardView })
  board(@CurrentUser() user: Principal): Promise<BoardView> {
    return this.query.board(user);
  }

  @Get('sla/breaches')
  @Roles('supervisor', 'manager', 'admin')
  @ApiEndpoint('Breaches with the handler, department and supervisor at that moment, newest first', { ok: [BreachView], errors: [400] })
  breaches(@Query() q: BreachesQuery, @CurrentUser() user: Principal): Promise<BreachView[]> {
    return this.query.breaches(user, { ...q, limit: q.limit ?? 100 });
  }

  @Post('tickets/:id/clocks/:purpose/pause')
  @Roles('supervisor', 'manager', 'admin')
  @ClockCommand()
  @ApiEndpoint('Pause a clock where the policy allows it (the caller approves as supervisor)')
  pause(
    @IdParam() id: string,
    @Param('purpose') purpose: string,
    @Body() dto: PauseDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ClockView> {
    return this.pauses.pause(id, purposeOf(purpose), dto.reason, user, idempotency);
  }

  @Post('tickets/:id/clocks/:purpose/resume')
  @Roles(...TICKET_ACTORS)
  @ClockCommand()
  @ApiEndpoint('Resume a paused clock: its due time moves by the pause')
  resume(
    @IdParam() id: string,
    @Param('purpose') purpose: string,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ClockView> {
    return this.pauses.resume(id, purposeOf(purpose), user, idempotency);
  }
}
