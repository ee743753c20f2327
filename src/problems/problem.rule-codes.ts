/** The rules the recurring-problems module refuses by. */
export enum ProblemRuleCode {
  /** 第九条 分析总结: a closed problem's analysis is final. */
  Closed = 'problem.closed',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    problems: ProblemRuleCode;
  }
}
