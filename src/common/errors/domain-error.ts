/** Every refusal a service can give, one code each; the exception filter maps them to HTTP in one switch. */
export enum DomainErrorCode {
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  Duplicate = 'DUPLICATE',
  RequestInFlight = 'REQUEST_IN_FLIGHT',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  VersionMismatch = 'VERSION_MISMATCH',
  InvalidInput = 'INVALID_INPUT',
  RuleViolated = 'RULE_VIOLATED',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The rule refused (e.g. `first_responder.fixed`) and what is missing, for 4xx bodies. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError(DomainErrorCode.NotFound, id ? `${what} ${id} not found` : `${what} not found`);

export const ruleViolated = (rule: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(DomainErrorCode.RuleViolated, message, { rule, ...details });

export const invalidInput = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, { fields: [{ field, problems: [message] }] });
