import type { EscalationStep } from '../config/policy.js';
import type { SlaClock } from './sla-clock.entity.js';
import { nextCheck } from './sla-clocks.service.js';

export interface PlannedStep {
  clock: SlaClock;
  kind: 'warning' | 'breach' | 'escalation';
  level: number;
  notify?: EscalationStep['notify'];
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
