import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors, ApiPublic } from '../common/http/api-docs.js';
import { ROLES, type Role } from './roles.js';
import type { Principal } from './principal.js';

export const ROLES_KEY = 'auth:roles';
export const PUBLIC_KEY = 'auth:public';

// The decorators that admit callers also document it: the bearer requirement, 401 without a token,
// 403 for a role not listed, 503 when the guard cannot read the caller's account.

/** The roles allowed on a route. A route that declares nothing is denied (deny by default). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiErrors(401, 403, 503));
/** Any signed-in account. */
export const AnyRole = () => applyDecorators(SetMetadata(ROLES_KEY, [...ROLES]), ApiBearerAuth(), ApiErrors(401, 503));
/** No token needed (login, health, docs). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiPublic());

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentUser used on a public route');
  return request.principal;
});
