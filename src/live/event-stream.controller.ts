import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../org/principal.js';
import { CurrentSession } from '../auth/session.decorator.js';
import { AnyRole, CurrentUser, Public } from '../org/roles.decorator.js';
import type { Session } from '../auth/session.js';
import { Clock } from '../clock/clock.js';
import { ApiContentResponse, ApiEndpoint, ApiErrors } from '../common/http/api-docs.js';
import { LiveStreams } from './live-streams.js';
import { StreamTokens } from './stream-token.service.js';

export class StreamQuery {
  @ApiProperty({
    description: 'A stream token from POST /events/stream-token (opens one stream, within about a minute; never the access token)',
    example: 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJzdHJlYW0ifQ.c2lnbmF0dXJl',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  token!: string;
}

export class StreamTokenView {
  @ApiProperty({ description: 'Opens GET /events/stream?token=' }) token!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds the token may be used to open a stream' }) expiresIn!: number;
}

@ApiTags('events')
@Controller('events')
export class EventStreamController {
  constructor(
    private readonly tokens: StreamTokens,
    private readonly streams: LiveStreams,
    private readonly clock: Clock,
  ) {}

  @Post('stream-token')
  @AnyRole()
  @HttpCode(200)
  @ApiEndpoint('A short-lived token to open the live event stream (EventSource cannot send an Authorization header)', { ok: StreamTokenView })
  token(@CurrentUser() user: Principal, @CurrentSession() session: Session): Promise<StreamTokenView> {
    return this.tokens.issue(user, session);
  }

  @Get('stream')
  @Public()
  @ApiContentResponse('The event stream, open until the client leaves', { 'text/event-stream': { example: 'id: 1\nevent: ticket.received\ndata: {}\n\n' } })
  @ApiErrors(400, 401, 503)
  @ApiOperation({
    summary: 'Server-sent events: the domain events the caller may see (new tickets, handoffs, warnings, breaches, escalations, closures…)',
    description:
      'Authenticates with the stream token in the query, not the Authorization header: EventSource cannot send headers. Each event: `id` the event id, `event` its name, `data` {id, name, ticketId, reference, occurredAt, departmentIds, staffIds}. Managers and admins see all; others their department’s and tickets they received or handle. Comment heartbeats every 15 s; a client that reads too slowly is disconnected. The stream ends with an `end` event `{reason}` when the access token behind it expires (`expired`), the account is deactivated or its password, roles or department change (`revoked`), or the person opens more streams than `live.maxStreamsPerPerson` (`replaced`, the oldest goes).',
  })
  async stream(@Query() q: StreamQuery, @Res() reply: FastifyReply): Promise<void> {
    const { viewer, session } = await this.tokens.open(q.token);
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(reply.request.id),
    });
    this.streams.attach(viewer, session, reply.raw, this.clock.now().toISOString());
  }
}
