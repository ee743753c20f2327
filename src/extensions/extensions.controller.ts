import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiEndpoint } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import type { Principal } from '../org/principal.js';
import { CurrentUser, Roles } from '../org/roles.decorator.js';
import { TICKET_ACTORS } from '../tickets/ticket-command.decorator.js';
import { DecideExtensionDto, ExtensionSummaryQuery, ExtensionSummaryView, ExtensionView, RequestExtensionDto } from './extension.view.js';
import { Extensions } from './extensions.service.js';

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

  @Post(':eid/approve')
  @HttpCode(200)
  @Roles('supervisor', 'manager')
  @IdempotencyHeader()
  @ApiEndpoint('The supervisor of the clock’s department approves, before the deadline: the deadline moves, the original stays', {
    ok: ExtensionView,
    errors: [403, 404, 409],
  })
  approve(
    @IdParam() id: string,
    @IdParam('eid') eid: string,
    @Body() dto: DecideExtensionDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ExtensionView> {
    return this.extensions.decide(id, eid, true, dto.note, user, idempotency);
  }

  @Post(':eid/refuse')
  @HttpCode(200)
  @Roles('supervisor', 'manager')
  @IdempotencyHeader()
  @ApiEndpoint('The supervisor of the clock’s department refuses, before the deadline: the deadline stays', { ok: ExtensionView, errors: [403, 404, 409] })
  refuse(
    @IdParam() id: string,
    @IdParam('eid') eid: string,
    @Body() dto: DecideExtensionDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
  ): Promise<ExtensionView> {
    return this.extensions.decide(id, eid, false, dto.note, user, idempotency);
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
