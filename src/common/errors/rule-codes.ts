/**
 * The rules a refusal can name (`details.rule`), one enum per module. Each module adds its enum by
 * augmenting this interface (`declare module '../common/errors/rule-codes.js'`), as events do with
 * DomainEventMap, so `ruleViolated` accepts only declared codes while common/ knows no domain module.
 */
export interface RuleCodeRegistry {}

/** Every declared rule code. */
export type RuleCode = RuleCodeRegistry[keyof RuleCodeRegistry];
