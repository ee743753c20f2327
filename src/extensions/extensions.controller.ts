import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { invalidInput } from '../common/errors/domain-error.js';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import { DecideExtensionDto, ExtensionSummaryQuery, ExtensionSummaryView, ExtensionView, RequestExtensionDto } from './extension.view.js';
import { Extensions } from './extensions.service.js';

/** A supervisor's two answers to an extension request (延期), at `…/extensions/:eid/approve` and `…/refuse`. */
const VERDICTS = ['approve', 'refuse'] as const;

@ApiTags('extensions')
@Controller('tickets/:id/extensions')
export class TicketExtensionsController {
  constructor(private readonly extensions: Extensions) {}

  @Post()
  @Roles(...TICKET_ACTORS)
  @IdempotencyHeader()
  @ApiEndpoint('延期: the handler asks, before the deadline, for a later deadline of one clock (caps: extensions.maxPerTicket, extensions.maxTotalMinutes)', {
    created: ExtensionView,
    errors: [403, 404, 409, 422],
  })
  request(
    @IdParam() id: string,
    @Body() dto: RequestExtensionDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ExtensionView> {
    return this.extensions.request(id, dto, user, idempotency);
  }

  @Get()
  @Roles(...TICKET_ACTORS, 'hr')
  @ApiEndpoint('The ticket’s extensions and their decisions, oldest first', { ok: [ExtensionView], errors: [404] })
  list(@IdParam() id: string, @CurrentUser() user: Principal): Promise<ExtensionView[]> {
    return this.extensions.ofTicket(id, user);
  }

  @Post(':eid/:verdict')
  @HttpCode(200)
  @Roles('supervisor', 'manager')
  @IdempotencyHeader()
  @ApiParam({
    name: 'verdict',
    enum: [...VERDICTS],
    enumName: 'ExtensionVerdict',
    description: 'approve: the deadline moves and the original stays; refuse: the deadline stays',
  })
  @ApiEndpoint('The supervisor of the clock’s department decides, before the deadline: approve moves the deadline (the original stays), refuse keeps it', {
    ok: ExtensionView,
    errors: [400, 403, 404, 409],
  })
  decide(
    @IdParam() id: string,
    @IdParam('eid') eid: string,
    @Param('verdict') verdict: string,
    @Body() dto: DecideExtensionDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ExtensionView> {
    if (!(VERDICTS as readonly string[]).includes(verdict)) throw invalidInput('verdict', 'must be approve or refuse');
    return this.extensions.decide(id, eid, verdict === 'approve', dto.note, user, idempotency);
  }
}

@ApiTags('extensions')
@Controller('extensions')
export class ExtensionsController {
  constructor(private readonly extensions: Extensions) {}

  @Get('summary')
  @Roles('manager', 'hr', 'admin')
  @ApiEndpoint('延期 counted for a month: per person who asked and per department, asked, approved, refused and approved minutes', {
    ok: ExtensionSummaryView,
    errors: [400],
  })
  summary(@Query() q: ExtensionSummaryQuery): Promise<ExtensionSummaryView> {
    return this.extensions.summary(q.month);
  }
}
