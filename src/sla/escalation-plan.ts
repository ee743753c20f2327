import type { EscalationStep } from '../config/policy.js';
import type { SlaClock } from './sla-clock.entity.js';

export interface PlannedStep {
  clock: SlaClock;
  kind: 'warning' | 'breach' | 'escalation';
  level: number;
  notify?: EscalationStep['notify'];
}

/** The next moment the sweeper has work on a clock: its warning, its deadline, or its next escalation step. */
export function nextCheck(
  clock: Pick<SlaClock, 'status' | 'warnAt' | 'warnedAt' | 'dueAt' | 'breachedAt' | 'escalationLevel'>,
  steps: readonly EscalationStep[],
): Date | null {
  if (clock.status !== 'running') return null;
  if (!clock.warnedAt && clock.warnAt && clock.warnAt < clock.dueAt) return clock.warnAt;
  if (!clock.breachedAt) return clock.dueAt;
  const step = steps.find((s) => s.level > clock.escalationLevel);
  return step ? new Date(clock.dueAt.getTime() + step.afterBreachMinutes * 60_000) : null;
}

/**
 * What a due clock has to fire at `now`, in order, and the clock's state afterwards (mutated in place).
 * Several steps at once happen when the app was down: breach, level 1, level 2 fire in one pass.
 * A warning whose deadline has already passed is skipped: the breach says it all.
 */
export function planDueSteps(clock: SlaClock, steps: readonly EscalationStep[], now: Date): PlannedStep[] {
  const planned: PlannedStep[] = [];
  for (let at = nextCheck(clock, steps); at && at <= now; at = nextCheck(clock, steps)) {
    if (!clock.warnedAt && !clock.breachedAt && clock.warnAt && clock.warnAt < clock.dueAt) {
      clock.warnedAt = now;
      if (now < clock.dueAt) planned.push({ clock, kind: 'warning', level: 0 });
      continue;
    }
    if (!clock.breachedAt) {
      clock.breachedAt = clock.dueAt;
      planned.push({ clock, kind: 'breach', level: 0 });
      continue;
    }
    const step = steps.find((s) => s.level > clock.escalationLevel)!;
    clock.escalationLevel = step.level;
    planned.push({ clock, kind: 'escalation', level: step.level, notify: step.notify });
  }
  clock.nextCheckAt = nextCheck(clock, steps);
  return planned;
}

/** Whether the steps need the company's managers: a level that notifies them, or a department with no supervisor. */
export function needsManagers(plan: readonly PlannedStep[], supervisorOf: (departmentId: string) => string | null): boolean {
  return plan.some((p) => p.kind === 'escalation' && (p.notify === 'managers' || !supervisorOf(p.clock.departmentId)));
}

/**
 * Who a step reaches (第六条): a warning and a breach the handler; level 1 the department's
 * supervisor (company leaders when it has none); level 2 the company leaders.
 */
export function stepRecipients(p: PlannedStep, supervisorOf: (departmentId: string) => string | null, managers: readonly string[]): string[] {
  if (p.kind !== 'escalation') return [p.clock.handlerId];
  const supervisor = supervisorOf(p.clock.departmentId);
  return p.notify === 'department_supervisor' && supervisor ? [supervisor] : [...managers];
}
