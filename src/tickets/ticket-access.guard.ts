import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { Principal } from '../org/principal.js';
import { notFound } from '../common/errors/domain-error.js';
import { TicketVisibility } from './ticket-visibility.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one door for routes that name a ticket (`/tickets/:id…`, whichever module serves them): a ticket
 * the caller may not see is 404 before body validation, version checks, rule checks or anything else
 * that could tell it exists. Runs after the AuthGuard (AuthModule is imported first), so the caller is
 * known. Services check again when they load the ticket.
 */
@Injectable()
export class TicketAccessGuard implements CanActivate {
  constructor(
    private readonly db: DataSource,
    private readonly visibility: TicketVisibility,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const route = request.routeOptions?.url ?? '';
    if (!/^\/tickets\/:id(\/|$)/.test(route) || !request.principal) return true;
    const id = (request.params as { id?: string }).id ?? '';
    // A malformed id names no ticket: the parameter pipe answers 400 for it.
    if (!UUID.test(id)) return true;
    const [row]: { first_responder_id: string; handler_id: string; department_id: string }[] = await this.db.query(
      'SELECT first_responder_id, handler_id, department_id FROM ticket WHERE id = $1',
      [id],
    );
    const ticket = row && { id, firstResponderId: row.first_responder_id, handlerId: row.handler_id, departmentId: row.department_id };
    if (!ticket || !(await this.visibility.access(this.db.manager, request.principal, ticket))) {
      throw notFound('ticket', id);
    }
    return true;
  }
}
