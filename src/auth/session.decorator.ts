import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Session } from './session.js';

/** The caller's access token: its generation and expiry (a stream token records both). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): Session => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { session?: Session }>();
  if (!request.session) throw new Error('CurrentSession used on a public route');
  return request.session;
});
