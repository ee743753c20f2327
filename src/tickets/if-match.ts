import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { invalidInput } from '../common/errors/domain-error.js';

/** The ticket version from `If-Match` ("3", W/"3" or 3); undefined when absent. */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) throw invalidInput('If-Match', 'must be the ticket version from its ETag, e.g. "3"');
  return Number(match[1]);
}

export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext) => ifMatchVersion(ctx.switchToHttp().getRequest()));

export const etag = (version: number) => `"${version}"`;
