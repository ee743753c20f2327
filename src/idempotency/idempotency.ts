import { createParamDecorator, HttpStatus, type ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { invalidInput } from '../common/errors/domain-error.js';
import type { Principal } from '../org/principal.js';

/** What a command needs to be idempotent: who, which key, a fingerprint of the request, and the status it answers. */
export interface IdempotencyScope {
  userId: string;
  key: string;
  requestHash: string;
  /** The HTTP status the route sends with this answer, stored with it (the edge knows it; the services do not). */
  status: (answer: unknown) => number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The `Idempotency-Key` header as a scope (undefined when absent); the hash covers method, path and body. */
export function idempotencyScope(request: FastifyRequest & { principal?: Principal }, status: number): IdempotencyScope | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!/^[\x21-\x7e]{1,100}$/.test(key)) throw invalidInput('Idempotency-Key', 'must be 1–100 visible ASCII characters');
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(canonical(request.body ?? null))}`)
    .digest('hex');
  return { userId: request.principal!.id, key, requestHash, status: () => status };
}

/** The status a route answers: its @HttpCode, else Nest's default (201 for POST, 200 otherwise). */
export function routeStatus(ctx: ExecutionContext): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined;
  return declared ?? (ctx.switchToHttp().getRequest<FastifyRequest>().method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
}

export const Idempotency = createParamDecorator((_: unknown, ctx: ExecutionContext) => idempotencyScope(ctx.switchToHttp().getRequest(), routeStatus(ctx)));

export const IdempotencyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe key (per user, kept 24 h): the same key and body replays the first response',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,100}$', maxLength: 100, example: 'intake-7f3a9c' },
  });
