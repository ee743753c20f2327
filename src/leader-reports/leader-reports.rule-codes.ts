/** The rules the leader-report module refuses by. */
export enum LeaderReportRuleCode {
  /** 第七条(六): a report to company leaders needs someone to receive it (`leaderReports.recipientRoles` in config/policy.yaml). */
  HasRecipients = 'leader_report.has_recipients',
  /** 第一篇 一.8: a matter that is not a major complaint is reported as important, naming why (反映较多、影响较大、涉及群众切身利益). */
  ImportantMatterNamed = 'leader_report.important_matter_named',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    leaderReports: LeaderReportRuleCode;
  }
}
