/** The rules the SLA module refuses by. */
export enum SlaRuleCode {
  /** DESIGN decision 2: a clock pauses only where the category's policy allows it. */
  PauseNotAllowed = 'sla.pause_not_allowed',
  /** 第六条 and DESIGN decision 2: a clock past its deadline cannot be paused; a breach is never silently cleared. */
  PauseBeforeBreach = 'sla.pause_before_breach',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    sla: SlaRuleCode;
  }
}
