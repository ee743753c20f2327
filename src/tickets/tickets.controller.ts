import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { AnyRole, CurrentUser, Roles } from '../auth/roles.decorator.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { Idempotency, IdempotencyHeader, type IdempotencyScope } from '../idempotency/idempotency.js';
import { CreateTicketDto } from './dto/create-ticket.dto.js';
import { ListTicketsQuery } from './dto/list-tickets.query.js';
import { CloseDto, HandoffDto, PromiseDto, ReasonDto, ReplyDto, ResolveDto } from './dto/ticket-actions.dto.js';
import { IntakeResultView, TicketDetailView, TicketPageView, TicketView } from './dto/ticket.view.js';
import { etag, IfMatchVersion } from './if-match.js';
import { TicketIntake } from './ticket-intake.service.js';
import { TicketsQuery } from './tickets.query.js';
import { TicketsService } from './tickets.service.js';

const ACTORS = ['staff', 'supervisor', 'manager', 'admin'] as const;
const IfMatchHeader = () => ApiHeader({ name: 'If-Match', required: false, description: 'The ticket version from its ETag; 412 when it has changed' });

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly intake: TicketIntake,
    private readonly tickets: TicketsService,
    private readonly query: TicketsQuery,
  ) {}

  @Post()
  @Roles(...ACTORS)
  @IdempotencyHeader()
  @ApiOperation({ summary: 'Intake: record a complaint; the caller becomes its first responder (首问负责制)' })
  @ApiCreatedResponse({ type: IntakeResultView, description: 'A new ticket' })
  @ApiOkResponse({ type: IntakeResultView, description: 'A repeat contact linked to the open ticket about the same matter' })
  async create(
    @Body() dto: CreateTicketDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeResultView> {
    const result = await this.intake.receive(dto, user, { idempotency });
    reply.status(result.outcome === 'created' ? 201 : 200);
    if (result.ticket) reply.header('ETag', etag(result.ticket.version)).header('Location', `/tickets/${result.ticket.id}`);
    return result;
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Tickets the caller may see, newest first, in cursor pages' })
  @ApiOkResponse({ type: TicketPageView })
  list(@Query() query: ListTicketsQuery, @CurrentUser() user: Principal): Promise<TicketPageView> {
    return this.query.list(query, user);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A ticket with its history, ownership trail, replies, repeat contacts and module sections' })
  @ApiOkResponse({ type: TicketDetailView })
  async detail(@Param('id', UuidParam) id: string, @CurrentUser() user: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketDetailView> {
    const view = await this.query.detail(id, user);
    reply.header('ETag', etag(view.version));
    return view;
  }

  @Post(':id/handoff')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Hand to the responsible person, or to a department (its supervisor when no person is named)' })
  @ApiOkResponse({ type: TicketView })
  handOff(
    @Param('id', UuidParam) id: string,
    @Body() dto: HandoffDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.handOff(id, dto, user, { idempotency, expectedVersion }));
  }

  @Post(':id/replies')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Record an answer to the resident (meets the 24-hour clock)' })
  @ApiOkResponse({ type: TicketView })
  reply(
    @Param('id', UuidParam) id: string,
    @Body() dto: ReplyDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.reply(id, dto, user, { idempotency, expectedVersion }));
  }

  @Post(':id/promise')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Promise the resident a reply time (starts its own clock)' })
  @ApiOkResponse({ type: TicketView })
  promise(
    @Param('id', UuidParam) id: string,
    @Body() dto: PromiseDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.promise(id, dto.replyBy, dto.note, user, { idempotency, expectedVersion }));
  }

  @Post(':id/escalate')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Raise to a major complaint: to the department supervisor; a report and a promised reply time become due' })
  @ApiOkResponse({ type: TicketView })
  escalate(
    @Param('id', UuidParam) id: string,
    @Body() dto: ReasonDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.escalate(id, dto.reason, user, { idempotency, expectedVersion }));
  }

  @Post(':id/resolve')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Mark the matter resolved (a follow-up visit becomes due)' })
  @ApiOkResponse({ type: TicketView })
  resolve(
    @Param('id', UuidParam) id: string,
    @Body() dto: ResolveDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.resolve(id, dto.summary, user, { idempotency, expectedVersion }));
  }

  @Post(':id/close')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Close the ticket' })
  @ApiOkResponse({ type: TicketView })
  close(
    @Param('id', UuidParam) id: string,
    @Body() dto: CloseDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.close(id, dto, user, { idempotency, expectedVersion }));
  }

  @Post(':id/reopen')
  @Roles(...ACTORS)
  @HttpCode(200)
  @IdempotencyHeader()
  @IfMatchHeader()
  @ApiOperation({ summary: 'Reopen a resolved or closed ticket' })
  @ApiOkResponse({ type: TicketView })
  reopen(
    @Param('id', UuidParam) id: string,
    @Body() dto: ReasonDto,
    @CurrentUser() user: Principal,
    @Idempotency() idempotency: IdempotencyScope | undefined,
    @IfMatchVersion() expectedVersion: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    return this.withEtag(reply, this.tickets.reopen(id, dto.reason, user, { idempotency, expectedVersion }));
  }

  private async withEtag(reply: FastifyReply, result: Promise<TicketView>): Promise<TicketView> {
    const view = await result;
    reply.header('ETag', etag(view.version));
    return view;
  }
}
