/** The rules the org module refuses by. */
export enum OrgRuleCode {
  /** 第二条 部门主管: a department's supervisor is an active member of it with the supervisor role. */
  SupervisorMustBeMember = 'department.supervisor_must_be_member',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    org: OrgRuleCode;
  }
}
