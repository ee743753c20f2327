import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { safeUrl } from '../log-scrub.js';
import { DomainError, DomainErrorCode } from './domain-error.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case DomainErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case DomainErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case DomainErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case DomainErrorCode.LoginThrottled:
    case DomainErrorCode.Throttled:
      return HttpStatus.TOO_MANY_REQUESTS;
    case DomainErrorCode.Duplicate:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.RequestInFlight:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.TooLate:
    case DomainErrorCode.Conflict:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainErrorCode.VersionMismatch:
      return HttpStatus.PRECONDITION_FAILED;
    case DomainErrorCode.InvalidInput:
      return HttpStatus.BAD_REQUEST;
    case DomainErrorCode.RuleViolated:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainErrorCode.DatabaseUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped domain error code ${String(unreachable)}`);
    }
  }
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003', '53300']);

function isConnectionError(error: unknown): boolean {
  // TypeORM releases a transaction's runner when its connection reports an error (the server went away), so the
  // transaction's next statement meets a released runner rather than the connection's own error.
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  const message = e?.message ?? '';
  // pg's own wording when a query meets a client whose connection already died (e.g. the ROLLBACK after it).
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down)|is not queryable/i.test(
    message,
  );
}

/** Maps every error to the API's error body: domain codes, validation, database and transport errors. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    const statusCode = statusOf(error.code);
    return { statusCode, error: STATUS_TEXT[statusCode], message: error.message, code: error.code, details: error.details };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? error.message);
    return { statusCode, error: STATUS_TEXT[statusCode] ?? String(body.error ?? 'Error'), message, details: body.details };
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string } | undefined)?.code;
    if (pgCode === '23505') return { statusCode: 409, error: 'Conflict', message: 'already exists', code: DomainErrorCode.Duplicate };
    if (['22P02', '22003', '22007', '22008', '22001', '22021', '22P05'].includes(pgCode ?? '')) {
      return { statusCode: 400, error: 'Bad Request', message: 'a value is not valid for its field', code: DomainErrorCode.InvalidInput };
    }
  }
  if (isConnectionError(error)) {
    return { statusCode: 503, error: STATUS_TEXT[503], message: 'the database is unavailable; try again shortly', code: DomainErrorCode.DatabaseUnavailable };
  }
  // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx statusCode.
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: (error as Error).message };
  }
  return { statusCode: 500, error: STATUS_TEXT[500], message: 'internal error' };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = toErrorBody(error);
    if (body.statusCode === 415) {
      // Fastify only says "Unsupported Media Type"; say what the API speaks.
      const given = request?.headers?.['content-type'];
      body.message = `the request body must be JSON (Content-Type: application/json)${given ? `, not ${String(given).split(';')[0]}` : ''}`;
    }
    if (body.statusCode >= 500) {
      // The logger's err serializer keeps the statement but never its parameters; the URL loses its query values.
      this.logger.error(
        { err: error, reqId: request?.id, method: request?.method, url: safeUrl(request?.url) },
        body.statusCode === 503 ? 'database unavailable' : 'unhandled error',
      );
    }
    if (body.statusCode === 503) reply.header('Retry-After', '5');
    if (error instanceof DomainError && error.retryAfterSeconds) reply.header('Retry-After', String(Math.ceil(error.retryAfterSeconds)));
    void reply.status(body.statusCode).send(body);
  }
}
