import type { Dispatch } from './dispatch.entity.js';

export interface DispatchSweepReport {
  warned: number;
  breached: number;
  /** Unsigned dispatches escalated to company leaders (level 2). */
  escalatedToLeaders: number;
}

type DispatchClock = Pick<Dispatch, 'status' | 'warnAt' | 'warnedAt' | 'signDueAt' | 'breachedAt' | 'escalationLevel'>;

/** When an unsigned, breached dispatch goes to company leaders (dispatch.leadersAfterBreachMinutes after its breach). */
export function leadersDue(d: Pick<Dispatch, 'breachedAt'>, leadersAfterBreachMinutes: number): Date | null {
  return d.breachedAt ? new Date(d.breachedAt.getTime() + leadersAfterBreachMinutes * 60_000) : null;
}

/** The next moment the sweep has work on an unsigned dispatch: its warning, its deadline, then the leaders' escalation; none once ended. */
export function nextDispatchCheck(d: DispatchClock, leadersAfterBreachMinutes: number): Date | null {
  if (d.status !== 'open') return null;
  if (d.breachedAt) return d.escalationLevel < 2 ? leadersDue(d, leadersAfterBreachMinutes) : null;
  if (d.warnAt && !d.warnedAt && d.warnAt < d.signDueAt) return d.warnAt;
  return d.signDueAt;
}
