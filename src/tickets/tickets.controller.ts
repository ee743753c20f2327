import { Body, Controller, Get, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../org/principal.js';
import { AnyRole, CurrentUser, Roles } from '../org/roles.decorator.js';
import { ApiEndpoint, ApiErrors } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { CreateTicketDto } from './dto/create-ticket.dto.js';
import { ListTicketsQuery } from './dto/list-tickets.query.js';
import { AppointmentDto, CloseDto, HandoffDto, PromiseDto, ReasonDto, ReplyDto, ResolveDto } from './dto/ticket-actions.dto.js';
import { IntakeResultView, TicketDetailView, TicketPageView, TicketView } from './dto/ticket.view.js';
import { etag } from './if-match.js';
import { CommandScope, ETAG_HEADER, TICKET_ACTORS, TicketCommand, TicketEtag } from './ticket-command.decorator.js';
import { TicketIntake } from './ticket-intake.service.js';
import { TicketsQuery } from './tickets.query.js';
import { TicketsService, type CommandOptions } from './tickets.service.js';

const LOCATION_HEADER = {
  Location: {
    description: 'The ticket’s path',
    required: true,
    schema: { type: 'string', maxLength: 60, example: '/tickets/3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a' },
  },
};

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly intake: TicketIntake,
    private readonly tickets: TicketsService,
    private readonly query: TicketsQuery,
  ) {}

  @Post()
  @Roles(...TICKET_ACTORS)
  @IdempotencyHeader()
  @ApiEndpoint('Intake: record a complaint; the caller becomes its first responder (首问负责制)', {
    description:
      '第六条, 第九条 (DESIGN decision 9): when the caller has open tickets of the category (same phone) and the body carries no `match`, ' +
      'nothing is recorded and the answer is 409 with `details.rule` `intake.match_choice_required` and `details.matches`: the open tickets as ' +
      '`IntakeMatchView` (GET /intake/matches gives the same list while the phone is typed). Send again with `match: {choice: "same", reference}` ' +
      'to log the call on that matter (200, `repeat_contact`), or `match: {choice: "new"}` for a ticket and clock of its own (201).',
  })
  @ApiCreatedResponse({ type: IntakeResultView, description: 'A new ticket', headers: { ...ETAG_HEADER, ...LOCATION_HEADER } })
  @ApiOkResponse({
    type: IntakeResultView,
    description: 'A repeat contact linked to the open ticket about the same matter; ETag and Location only when the caller may see that ticket',
    headers: { ETag: { ...ETAG_HEADER.ETag, required: false }, Location: { ...LOCATION_HEADER.Location, required: false } },
  })
  @ApiErrors(404, 409, 422)
  async create(
    @Body() dto: CreateTicketDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeResultView> {
    // A new ticket is 201, a repeat contact 200: the stored answer keeps the status it was sent with.
    const status = (answer: unknown) => ((answer as IntakeResultView).outcome === 'created' ? 201 : 200);
    const result = await this.intake.receive(dto, user, { idempotency: idempotency && { ...idempotency, status } });
    reply.status(status(result));
    if (result.ticket) reply.header('ETag', etag(result.ticket.version)).header('Location', `/tickets/${result.ticket.id}`);
    return result;
  }

  @Get()
  @AnyRole()
  @ApiEndpoint('Tickets the caller may see, newest first, in cursor pages', { ok: TicketPageView, errors: [400] })
  list(@Query() query: ListTicketsQuery, @CurrentUser() user: Principal): Promise<TicketPageView> {
    return this.query.list(query, user);
  }

  @Get(':id')
  @AnyRole()
  @ApiEndpoint('A ticket with its history, ownership trail, replies, repeat contacts and module sections')
  @ApiOkResponse({ type: TicketDetailView, headers: ETAG_HEADER })
  @ApiErrors(400, 404)
  @UseInterceptors(TicketEtag)
  detail(@IdParam() id: string, @CurrentUser() user: Principal): Promise<TicketDetailView> {
    return this.query.detail(id, user);
  }

  @TicketCommand('handoff', 'Hand to the responsible person, or to a department (its supervisor when no person is named)')
  handOff(@IdParam() id: string, @Body() dto: HandoffDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.handOff(id, dto, user, options);
  }

  @TicketCommand('replies', 'Record an answer to the resident (meets the 24-hour clock)')
  reply(@IdParam() id: string, @Body() dto: ReplyDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.reply(id, dto, user, options);
  }

  @TicketCommand('promise', 'Promise the resident a reply time (starts its own clock)')
  promise(@IdParam() id: string, @Body() dto: PromiseDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.promise(id, dto.replyBy, dto.note, user, options);
  }

  @TicketCommand('escalate', 'Raise to a major complaint: to the department supervisor; a report and a promised reply time become due')
  escalate(@IdParam() id: string, @Body() dto: ReasonDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.escalate(id, dto.reason, user, options);
  }

  @TicketCommand('appointment', 'Record what became of the appointment (约谈): held, no-show, or rescheduled with a reason')
  appointment(
    @IdParam() id: string,
    @Body() dto: AppointmentDto,
    @CurrentUser() user: Principal,
    @CommandScope() options: CommandOptions,
  ): Promise<TicketView> {
    return this.tickets.appointment(id, dto, user, options);
  }

  @TicketCommand('resolve', 'Mark the matter resolved (a follow-up visit becomes due)')
  resolve(@IdParam() id: string, @Body() dto: ResolveDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.resolve(id, dto.summary, user, options);
  }

  @TicketCommand('close', 'Close the ticket; refused (422, `details.missing`) while its closing conditions are open')
  close(@IdParam() id: string, @Body() dto: CloseDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.close(id, dto, user, options);
  }

  @TicketCommand('reopen', 'Reopen a resolved or closed ticket')
  reopen(@IdParam() id: string, @Body() dto: ReasonDto, @CurrentUser() user: Principal, @CommandScope() options: CommandOptions): Promise<TicketView> {
    return this.tickets.reopen(id, dto.reason, user, options);
  }
}
