import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../org/roles.js';
import type { Principal } from './principal.js';
import type { Session } from './session.js';

export const ROLES_KEY = 'auth:roles';
export const PUBLIC_KEY = 'auth:public';

/** The roles allowed on a route. A route that declares nothing is denied (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Any signed-in account. */
export const AnyRole = () => SetMetadata(ROLES_KEY, [...ROLES]);
/** No token needed (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentUser used on a public route');
  return request.principal;
});

/** The caller's access token: its generation and expiry (a stream token records both). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): Session => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { session?: Session }>();
  if (!request.session) throw new Error('CurrentSession used on a public route');
  return request.session;
});
