/** The rules the idempotency layer refuses by. */
export enum IdempotencyRuleCode {
  /** README "API documentation": an `Idempotency-Key` replays its first request only; another body under it is refused (422). */
  SameKeySameRequest = 'idempotency.same_key_same_request',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    idempotency: IdempotencyRuleCode;
  }
}
