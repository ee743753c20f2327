import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  Injectable,
  Post,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { Roles } from '../org/roles.decorator.js';
import { ApiErrors } from '../common/http/api-docs.js';
import { idempotencyScope, IdempotencyHeader, routeStatus } from '../idempotency/idempotency.js';
import { TicketView } from './dto/ticket.view.js';
import { etag, ifMatchVersion } from './if-match.js';
import type { CommandOptions } from './tickets.service.js';

/** The roles that handle tickets: everyone but HR. */
export const TICKET_ACTORS = ['staff', 'supervisor', 'manager', 'admin'] as const;

export const ETAG_HEADER = {
  ETag: { description: 'The ticket version; send it back in If-Match', required: true, schema: { type: 'string', maxLength: 12, example: '"3"' } },
};

/** Sends the ticket's version as its ETag, so the next command can send it back in If-Match. */
@Injectable()
export class TicketEtag implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<{ version: number }>): Observable<{ version: number }> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((view) => {
        reply.header('ETag', etag(view.version));
        return view;
      }),
    );
  }
}

/** What every ticket command reads from the request besides its body: Idempotency-Key and If-Match. */
export const CommandScope = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandOptions => {
  const request = ctx.switchToHttp().getRequest();
  return { idempotency: idempotencyScope(request, routeStatus(ctx)), expectedVersion: ifMatchVersion(request) };
});

/**
 * A command on one ticket (`POST /tickets/:id/<action>`): the handling roles, 200 with the ticket and its
 * ETag, retry-safe with Idempotency-Key, guarded by If-Match; 404 for a ticket the caller may not see,
 * 412 for a stale version, 422 when a rule refuses, 409 while a retry with the same key is in flight.
 */
export const TicketCommand = (action: string, summary: string) =>
  applyDecorators(
    Post(`:id/${action}`),
    Roles(...TICKET_ACTORS),
    HttpCode(200),
    IdempotencyHeader(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ticket version from its ETag; 412 when it has changed',
      schema: { type: 'string', pattern: '^\\s*(W/)?"?\\d{1,9}"?\\s*$', maxLength: 20, example: '"3"' },
    }),
    ApiOperation({ summary }),
    ApiOkResponse({ type: TicketView, description: 'The ticket after the command', headers: ETAG_HEADER }),
    ApiErrors(404, 409, 412, 422),
    UseInterceptors(TicketEtag),
  );
