import type { Policy } from '../config/policy.js';

/** The Chinese label of a return reason code from policy (the code itself when policy no longer lists it). */
export function reasonLabel(policy: Pick<Policy, 'dispatch'>, code: string): string {
  return policy.dispatch.returnReasons.find((r) => r.code === code)?.label ?? code;
}

/** A time as the company's staff read it, in the business time zone. */
export function localTime(policy: Pick<Policy, 'company'>, at: Date): string {
  return at.toLocaleString('zh-CN', { timeZone: policy.company.timeZone, hour12: false });
}
