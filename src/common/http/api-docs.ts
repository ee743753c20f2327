import type { Type as ClassRef } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DECORATORS,
  type ApiPropertyOptions,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MONTH_PATTERN } from '../../config/statistical-month.js';

/**
 * The shared pieces of the API document: error responses with the one error body, enums as named
 * schemas, and the paging and month fields every list uses. Controllers and DTOs compose these, so a
 * fact (what a 404 looks like, what a cursor is) is written once.
 */

export const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/** The error statuses a route can declare, and what each means in this API. */
export const ERROR_RESPONSES = {
  400: 'Bad input: `details.fields` names each field and what is wrong with it',
  401: 'Not signed in, or the token is invalid or expired',
  403: 'The caller’s role may not do this',
  404: 'Not found, or not visible to the caller (the same answer either way)',
  409: 'A duplicate (`details.rule` names what may happen once), a deadline the step had to come before has passed (`TOO_LATE`, `details.rule` names it), or a request with this Idempotency-Key is still in flight',
  412: '`If-Match` names a version that is no longer current',
  413: 'The body is larger than BODY_LIMIT_BYTES',
  414: 'A path parameter is longer than the server reads (100 characters)',
  415: 'The body is not JSON (`Content-Type: application/json`)',
  431: 'The request line and headers are larger than the server reads (16 KB): refused before any route runs',
  422: 'A rule refused the request: `details.rule` names it, other `details` say what is missing',
  429: 'Too many requests: retry after `Retry-After` seconds',
  500: 'Internal error (the body never carries internals)',
  503: 'The database is unavailable: retry after `Retry-After` seconds',
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

const retryAfter = (required: boolean, description: string) => ({
  'Retry-After': { description, required, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86400 } },
});
const HEADERS: Partial<Record<ErrorStatus, ReturnType<typeof retryAfter>>> = {
  429: retryAfter(true, 'Seconds until the request may succeed'),
  // Fastify answers requests that arrive while the server shuts down with a bare 503 of its own.
  503: retryAfter(false, 'Seconds to wait before retrying; absent when the server is shutting down'),
};

/** Error responses with the shared error body (`{statusCode, error, message, code?, details?}`). */
export const ApiErrors = (...statuses: ErrorStatus[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_RESPONSES[status], schema: { $ref: ERROR_BODY_REF }, ...(HEADERS[status] ? { headers: HEADERS[status] } : {}) }),
    ),
  );

/**
 * A route that needs no token: the document says so with an explicit empty security requirement.
 * Merged into the operation's metadata whichever order it stands in with `@ApiOperation`.
 */
export const ApiPublic = (): MethodDecorator => (_target, _key, descriptor) => {
  const operation = (Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object) ?? {}) as Record<string, unknown>;
  Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security: [] }, descriptor.value as object);
};

type EnumOptions = Omit<ApiPropertyOptions, 'enum' | 'enumName'> & { required?: boolean };

/** A property whose values are one of a named enum (a schema of its own, shared by every use). */
export const EnumProperty = (enumName: string, values: readonly string[], options: EnumOptions = {}) =>
  ApiProperty({ ...options, enum: [...values], enumName } as ApiPropertyOptions);

/** The same, optional. */
export const EnumPropertyOptional = (enumName: string, values: readonly string[], options: EnumOptions = {}) =>
  EnumProperty(enumName, values, { ...options, required: false });

/** An optional query value from a named enum, validated. */
export const EnumQuery = (enumName: string, values: readonly string[], description?: string) =>
  applyDecorators(EnumPropertyOptional(enumName, values, { description }), IsOptional(), IsIn(values));

/** A statistical month, YYYY-MM in the business time zone (DESIGN decision 7). */
export const MonthField = (options: { required: boolean; description?: string }) =>
  applyDecorators(
    ApiProperty({
      required: options.required,
      description: options.description ?? 'Statistical month YYYY-MM in the business time zone',
      pattern: MONTH_PATTERN.source,
      maxLength: 7,
      example: '2026-11',
    }),
    ...(options.required ? [] : [IsOptional()]),
    Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' }),
  );

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** The cursor of a page: `nextCursor` of the previous page. */
export const CursorField = () =>
  applyDecorators(
    ApiPropertyOptional({
      description: 'From the previous page (`nextCursor`)',
      pattern: CURSOR.source,
      maxLength: 200,
      example: 'WyIyMDI2LTExLTI4VDAyOjAwOjAwLjAwMFoiLCJpZCJd',
    }),
    IsOptional(),
    Matches(CURSOR, { message: 'cursor must be a cursor from a previous page' }),
  );

/** The size of a page. */
export const LimitField = (defaultSize: number, max: number) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: max, default: defaultSize, description: 'Items per page' }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

/** `nextCursor` of a page: null on the last one. */
export const NextCursorProperty = () =>
  ApiProperty({ type: String, nullable: true, maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page' });

/** An id in a response. */
export const IdProperty = (options: Omit<ApiPropertyOptions, 'type' | 'format'> = {}) =>
  ApiProperty({ ...options, type: String, format: 'uuid' } as ApiPropertyOptions);

/** An instant in a response: ISO-8601 in UTC. */
export const TimeProperty = (options: Omit<ApiPropertyOptions, 'type' | 'format'> = {}) =>
  ApiProperty({ ...options, type: String, format: 'date-time' } as ApiPropertyOptions);

/** A 200 answer that is not JSON: text (`text/plain`, `text/event-stream`) or a file (`format: binary`). */
export const ApiContentResponse = (
  description: string,
  content: Record<string, { binary?: boolean; maxLength?: number; example?: string }>,
  headers?: Record<string, unknown>,
) =>
  ApiResponse({
    status: 200,
    description,
    content: Object.fromEntries(
      Object.entries(content).map(([type, c]) => [
        type,
        {
          schema: {
            type: 'string',
            ...(c.binary ? { format: 'binary' } : {}),
            ...(c.maxLength ? { maxLength: c.maxLength } : {}),
            ...(c.example ? { example: c.example } : {}),
          },
        },
      ]),
    ),
    ...(headers ? { headers } : {}),
  } as never);

interface EndpointOptions {
  description?: string;
  /** The 200 body: a class, or `[Class]` for an array of it. */
  ok?: ClassRef | [ClassRef];
  /** The 201 body. */
  created?: ClassRef;
  errors?: ErrorStatus[];
}

/** An operation's summary, its success body and the errors it declares, in one decorator. */
export const ApiEndpoint = (summary: string, options: EndpointOptions = {}) => {
  const { ok, created, errors = [], description } = options;
  return applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ...(ok ? [ApiOkResponse({ type: Array.isArray(ok) ? ok[0] : ok, isArray: Array.isArray(ok) })] : []),
    ...(created ? [ApiCreatedResponse({ type: created })] : []),
    ApiErrors(...errors),
  );
};
