/** The rules the follow-up module refuses by. */
export enum FollowUpRuleCode {
  /** 第二条 回访 and 第八条: a follow-up visit comes after the matter is resolved. */
  AfterResolution = 'follow_up.after_resolution',
  /** 第二条 回访: a resident is recorded unreachable only after the policy's number of failed attempts (`followUp` in config/policy.yaml). */
  UnreachableAfterAttempts = 'follow_up.unreachable_after_attempts',
}

declare module '../common/errors/rule-codes.js' {
  interface RuleCodeRegistry {
    followUps: FollowUpRuleCode;
  }
}
