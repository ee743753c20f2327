import type { RuleCode } from './rule-codes.js';

/** Every refusal a service can give, one code each; the exception filter maps them to HTTP in one switch. */
export enum DomainErrorCode {
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  /** Too many requests to a public page (the residents' page): 429 with Retry-After. */
  Throttled = 'THROTTLED',
  Duplicate = 'DUPLICATE',
  RequestInFlight = 'REQUEST_IN_FLIGHT',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  VersionMismatch = 'VERSION_MISMATCH',
  InvalidInput = 'INVALID_INPUT',
  RuleViolated = 'RULE_VIOLATED',
  /** A rule the moment has passed for (a deadline gone by): 409, `details.rule` names it. */
  TooLate = 'TOO_LATE',
  /** The request conflicts with the resource's state (`details.rule` says which rule, with what is still open). */
  Conflict = 'CONFLICT',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
}

/** What a 4xx body says beyond its message: the rule refused (one of the declared codes) and what is missing. */
export type ErrorDetails = { rule?: RuleCode } & Record<string, unknown>;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    /** Seconds after which the same request may succeed: sent as `Retry-After` (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id?: string) => new DomainError(DomainErrorCode.NotFound, id ? `${what} ${id} not found` : `${what} not found`);

export const ruleViolated = (rule: RuleCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(DomainErrorCode.RuleViolated, message, { rule, ...details });

export const invalidInput = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, { fields: [{ field, problems: [message] }] });
