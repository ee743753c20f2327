import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { invalidInput } from '../common/errors/domain-error.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import {
  CreateDispatchDto,
  DecideReturnDto,
  DispatchSummaryQuery,
  DispatchSummaryView,
  DispatchView,
  ReturnDispatchDto,
  SignDispatchDto,
} from './dispatch.view.js';
import { DispatchSummary } from './dispatch-summary.js';
import { Dispatches } from './dispatch.service.js';

/** The dispatcher's two answers to a return (退单), at `…/returns/:rid/accept` and `…/reject`. */
const VERDICTS = ['accept', 'reject'] as const;

@ApiTags('dispatch')
@Controller('tickets/:id/dispatches')
export class TicketDispatchesController {
  constructor(private readonly dispatches: Dispatches) {}

  @Post()
  @Roles('staff', 'supervisor', 'manager')
  @IdempotencyHeader()
  @ApiEndpoint(
    '派单: the ticket’s handler, its department’s supervisor or a company leader hands it to another department, which signs for it within dispatch.signForMinutes',
    {
      created: DispatchView,
      errors: [400, 403, 404, 409, 422],
    },
  )
  create(
    @IdParam() id: string,
    @Body() dto: CreateDispatchDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<DispatchView> {
    return this.dispatches.create(id, dto, user, idempotency);
  }

  @Get()
  @Roles(...TICKET_ACTORS, 'hr')
  @ApiEndpoint('The ticket’s dispatches with their returns, oldest first', { ok: [DispatchView], errors: [404] })
  list(@IdParam() id: string, @CurrentUser() user: Principal): Promise<DispatchView[]> {
    return this.dispatches.ofTicket(id, user);
  }

  @Post(':did/sign')
  @HttpCode(200)
  @Roles('staff', 'supervisor')
  @IdempotencyHeader()
  @ApiEndpoint('签收: someone of the receiving department signs for the dispatch and names the handler (themself or a member), who becomes responsible', {
    ok: DispatchView,
    errors: [400, 403, 404, 409, 422],
  })
  sign(
    @IdParam() id: string,
    @IdParam('did') did: string,
    @Body() dto: SignDispatchDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<DispatchView> {
    return this.dispatches.sign(id, did, dto, user, idempotency);
  }

  @Post(':did/return')
  @HttpCode(200)
  @Roles('staff', 'supervisor')
  @IdempotencyHeader()
  @ApiEndpoint(
    '退单: within the sign-for span the receiving department returns the dispatch to the dispatcher, with a reason of dispatch.returnReasons and a note',
    {
      ok: DispatchView,
      errors: [400, 403, 404, 409, 422],
    },
  )
  giveBack(
    @IdParam() id: string,
    @IdParam('did') did: string,
    @Body() dto: ReturnDispatchDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<DispatchView> {
    return this.dispatches.giveBack(id, did, dto, user, idempotency);
  }

  @Post(':did/returns/:rid/:verdict')
  @HttpCode(200)
  @Roles('staff', 'supervisor', 'manager')
  @IdempotencyHeader()
  @ApiParam({
    name: 'verdict',
    enum: [...VERDICTS],
    enumName: 'ReturnDecision',
    description: 'accept: the dispatch ends as returned and the ticket comes back to the dispatcher; reject: the department must sign',
  })
  @ApiEndpoint('The dispatcher (or the dispatching department’s supervisor, or a company leader) decides a return: accept or reject', {
    ok: DispatchView,
    errors: [400, 403, 404, 409],
  })
  decide(
    @IdParam() id: string,
    @IdParam('did') did: string,
    @IdParam('rid') rid: string,
    @Param('verdict') verdict: string,
    @Body() dto: DecideReturnDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<DispatchView> {
    if (!(VERDICTS as readonly string[]).includes(verdict)) throw invalidInput('verdict', 'must be accept or reject');
    return this.dispatches.decide(id, did, rid, verdict === 'accept', dto.note, user, idempotency);
  }
}

@ApiTags('dispatch')
@Controller('dispatches')
export class DispatchesController {
  constructor(private readonly dispatches: DispatchSummary) {}

  @Get('summary')
  @Roles('manager', 'hr', 'admin')
  @ApiEndpoint('退单 counted for a month: per department pair (returning → returned to) and per reason, with the month’s dispatches', {
    ok: DispatchSummaryView,
    errors: [400],
  })
  summary(@Query() q: DispatchSummaryQuery): Promise<DispatchSummaryView> {
    return this.dispatches.summary(q.month);
  }
}
