import { describe, expect, it } from '@jest/globals';
import type { EscalationStep } from '../config/policy.js';
import { needsManagers, planDueSteps, stepRecipients } from './escalation-plan.js';
import type { SlaClock } from './sla-clock.entity.js';

const steps: EscalationStep[] = [
  { level: 1, afterBreachMinutes: 0, notify: 'department_supervisor' },
  { level: 2, afterBreachMinutes: 240, notify: 'managers' },
];

function clock(): SlaClock {
  return {
    status: 'running',
    startedAt: new Date('2026-11-02T02:00:00Z'),
    warnAt: new Date('2026-11-02T20:00:00Z'),
    dueAt: new Date('2026-11-03T02:00:00Z'),
    warnedAt: null,
    breachedAt: null,
    escalationLevel: 0,
  } as SlaClock;
}

describe('escalation plan (第六条: warn at 75 %, breach at the deadline, level 1 to the supervisor, level 2 to managers)', () => {
  it('warns only at the warning point', () => {
    const c = clock();
    expect(planDueSteps(c, steps, new Date('2026-11-02T19:59:00Z'))).toEqual([]);
    expect(planDueSteps(c, steps, new Date('2026-11-02T20:00:00Z')).map((p) => p.kind)).toEqual(['warning']);
    expect(c.nextCheckAt).toEqual(c.dueAt);
  });

  it('breaches and escalates to level 1 at the deadline, and to level 2 after its span', () => {
    const c = clock();
    planDueSteps(c, steps, new Date('2026-11-02T20:00:00Z'));
    expect(planDueSteps(c, steps, new Date('2026-11-03T02:00:00Z')).map((p) => [p.kind, p.level])).toEqual([
      ['breach', 0],
      ['escalation', 1],
    ]);
    expect(c.breachedAt).toEqual(c.dueAt);
    expect(c.nextCheckAt).toEqual(new Date('2026-11-03T06:00:00Z'));
    expect(planDueSteps(c, steps, new Date('2026-11-03T06:00:00Z')).map((p) => [p.kind, p.level, p.notify])).toEqual([['escalation', 2, 'managers']]);
    expect(c.nextCheckAt).toBeNull();
  });

  it('catches up after downtime: breach, level 1 and level 2 at once, without a late warning', () => {
    const c = clock();
    expect(planDueSteps(c, steps, new Date('2026-11-04T00:00:00Z')).map((p) => p.kind)).toEqual(['breach', 'escalation', 'escalation']);
    expect(c.warnedAt).not.toBeNull();
  });

  it('plans nothing for a clock that is not running', () => {
    const c = { ...clock(), status: 'paused' } as SlaClock;
    expect(planDueSteps(c, steps, new Date('2026-11-04T00:00:00Z'))).toEqual([]);
  });
});

describe('who a step reaches (第六条)', () => {
  const at = new Date('2026-11-03T02:00:00Z');
  const withDept = (departmentId: string) => ({ ...clock(), handlerId: 'handler', departmentId }) as SlaClock;
  const supervisorOf = (d: string) => (d === 'eng' ? 'eng-supervisor' : null);

  it('sends warnings and breaches to the handler, level 1 to the department supervisor and level 2 to company leaders', () => {
    const steps_ = planDueSteps(withDept('eng'), steps, new Date(at.getTime() + 240 * 60_000));
    expect(steps_.map((p) => [p.kind, p.level, stepRecipients(p, supervisorOf, ['boss'])])).toEqual([
      ['breach', 0, ['handler']],
      ['escalation', 1, ['eng-supervisor']],
      ['escalation', 2, ['boss']],
    ]);
    expect(needsManagers(steps_, supervisorOf)).toBe(true);
  });

  it('sends level 1 to company leaders when the department has no supervisor, and asks for them only then', () => {
    const [breach, level1] = planDueSteps(withDept('env'), steps, at);
    expect(stepRecipients(level1, supervisorOf, ['boss'])).toEqual(['boss']);
    expect(needsManagers([breach, level1], supervisorOf)).toBe(true);
    expect(needsManagers(planDueSteps(withDept('eng'), steps, at), supervisorOf)).toBe(false);
  });
});
