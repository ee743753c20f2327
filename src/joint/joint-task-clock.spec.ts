import { describe, expect, it } from '@jest/globals';
import type { EscalationStep } from '../config/policy.js';
import { jointRecipients, jointWarnAt, nextJointCheck, planJointSteps, type JointClockState } from './joint-task-clock.js';

const STEPS: EscalationStep[] = [
  { level: 1, afterBreachMinutes: 0, notify: 'department_supervisor' },
  { level: 2, afterBreachMinutes: 240, notify: 'managers' },
];
const task = (over: Partial<JointClockState> = {}): JointClockState => ({
  status: 'open',
  createdAt: new Date('2026-11-02T02:00:00Z'),
  dueAt: new Date('2026-11-03T02:00:00Z'),
  warnAt: new Date('2026-11-02T20:00:00Z'),
  warnedAt: null,
  breachedAt: null,
  escalationLevel: 0,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('the co-department task’s clock (联合办理, joint.taskMinutes)', () => {
  it('warns at the policy’s share of the span, like an SLA clock (75 % of 24 h is 18 h)', () => {
    expect(jointWarnAt(at('2026-11-02T02:00:00Z'), at('2026-11-03T02:00:00Z'), 75).toISOString()).toBe('2026-11-02T20:00:00.000Z');
  });

  it('checks at the warning, the due time, then each escalation step after it; never once signed off', () => {
    expect(nextJointCheck(task(), STEPS)?.toISOString()).toBe('2026-11-02T20:00:00.000Z');
    expect(nextJointCheck(task({ warnedAt: at('2026-11-02T20:00:00Z') }), STEPS)?.toISOString()).toBe('2026-11-03T02:00:00.000Z');
    const breached = { warnedAt: at('2026-11-02T20:00:00Z'), breachedAt: at('2026-11-03T02:00:00Z') };
    expect(nextJointCheck(task(breached), STEPS)?.toISOString()).toBe('2026-11-03T02:00:00.000Z');
    expect(nextJointCheck(task({ ...breached, escalationLevel: 1 }), STEPS)?.toISOString()).toBe('2026-11-03T06:00:00.000Z');
    expect(nextJointCheck(task({ ...breached, escalationLevel: 2 }), STEPS)).toBeNull();
    expect(nextJointCheck(task({ status: 'signed_off' }), STEPS)).toBeNull();
  });

  it('fires breach and level 1 together at the due time, level 2 four hours later, each once', () => {
    const t = task({ warnedAt: at('2026-11-02T20:00:00Z') });
    expect(planJointSteps(t, STEPS, at('2026-11-03T02:00:00Z'))).toEqual([
      { kind: 'breach', level: 0 },
      { kind: 'escalation', level: 1, notify: 'department_supervisor' },
    ]);
    expect(planJointSteps(t, STEPS, at('2026-11-03T05:59:00Z'))).toEqual([]);
    expect(planJointSteps(t, STEPS, at('2026-11-03T06:00:00Z'))).toEqual([{ kind: 'escalation', level: 2, notify: 'managers' }]);
    expect(planJointSteps(t, STEPS, at('2026-11-04T06:00:00Z'))).toEqual([]);
  });

  it('skips a warning whose due time has already passed (the breach says it all)', () => {
    expect(planJointSteps(task(), STEPS, at('2026-11-03T03:00:00Z')).map((s) => s.kind)).toEqual(['breach', 'escalation']);
  });

  it('warns the handler, escalates level 1 to the co-department’s supervisor and level 2 to company leaders', () => {
    expect(jointRecipients({ kind: 'warning', level: 0 }, 'h', 's', ['m'])).toEqual(['h']);
    expect(jointRecipients({ kind: 'breach', level: 0 }, null, 's', ['m'])).toEqual(['s']);
    expect(jointRecipients({ kind: 'escalation', level: 1, notify: 'department_supervisor' }, 'h', 's', ['m'])).toEqual(['s']);
    expect(jointRecipients({ kind: 'escalation', level: 1, notify: 'department_supervisor' }, 'h', null, ['m'])).toEqual(['m']);
    expect(jointRecipients({ kind: 'escalation', level: 2, notify: 'managers' }, 'h', 's', ['m', 'n'])).toEqual(['m', 'n']);
  });
});
