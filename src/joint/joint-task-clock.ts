import type { EscalationStep } from '../config/policy.js';
import type { JointTask } from './joint-task.entity.js';

export type JointClockState = Pick<JointTask, 'status' | 'createdAt' | 'dueAt' | 'warnAt' | 'warnedAt' | 'breachedAt' | 'escalationLevel'>;

export interface JointStep {
  kind: 'warning' | 'breach' | 'escalation';
  level: number;
  notify?: EscalationStep['notify'];
}

/** The warning point of a task: the policy's share of its span (joint.warnAtPercent), like an SLA clock's. */
export function jointWarnAt(createdAt: Date, dueAt: Date, warnAtPercent: number): Date {
  return new Date(createdAt.getTime() + Math.round(((dueAt.getTime() - createdAt.getTime()) * warnAtPercent) / 100));
}

/**
 * The next moment the sweep has work on an open task: its warning, its due time, then each step of the
 * company's escalation plan (`escalation`, the SLA clocks' steps) counted from the due time; none once signed off.
 */
export function nextJointCheck(task: JointClockState, steps: readonly EscalationStep[]): Date | null {
  if (task.status !== 'open') return null;
  if (!task.warnedAt && !task.breachedAt && task.warnAt && task.warnAt < task.dueAt) return task.warnAt;
  if (!task.breachedAt) return task.dueAt;
  const step = steps.find((s) => s.level > task.escalationLevel);
  return step ? new Date(task.dueAt.getTime() + step.afterBreachMinutes * 60_000) : null;
}

/**
 * What a due task fires at `now`, in order, with the task's state moved on (mutated in place). After a pause of
 * the scheduler several fire at once (breach, level 1, level 2); a warning whose due time has passed is skipped.
 */
export function planJointSteps(task: JointClockState, steps: readonly EscalationStep[], now: Date): JointStep[] {
  const planned: JointStep[] = [];
  for (let at = nextJointCheck(task, steps); at && at <= now; at = nextJointCheck(task, steps)) {
    if (!task.warnedAt && !task.breachedAt && task.warnAt && task.warnAt < task.dueAt) {
      task.warnedAt = now;
      if (now < task.dueAt) planned.push({ kind: 'warning', level: 0 });
      continue;
    }
    if (!task.breachedAt) {
      task.breachedAt = task.dueAt;
      planned.push({ kind: 'breach', level: 0 });
      continue;
    }
    const step = steps.find((s) => s.level > task.escalationLevel)!;
    task.escalationLevel = step.level;
    planned.push({ kind: 'escalation', level: step.level, notify: step.notify });
  }
  return planned;
}

/**
 * Who a step reaches: a warning and a breach the task's handler (its department's supervisor while nobody is
 * assigned); an escalation to `department_supervisor` the co-department's supervisor — not the lead's — and to
 * `managers` the company leaders; company leaders too when the co-department has no supervisor.
 */
export function jointRecipients(step: JointStep, handlerId: string | null, supervisorId: string | null, managers: readonly string[]): string[] {
  if (step.kind !== 'escalation') return handlerId ? [handlerId] : supervisorId ? [supervisorId] : [...managers];
  if (step.notify === 'managers' || !supervisorId) return [...managers];
  return [supervisorId];
}
