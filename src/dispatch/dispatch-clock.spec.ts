import { describe, expect, it } from '@jest/globals';
import { nextDispatchCheck } from './dispatch-clock.js';

const dispatch = (over: Partial<Parameters<typeof nextDispatchCheck>[0]> = {}) => ({
  status: 'open' as const,
  warnAt: new Date('2026-11-02T02:45:00Z') as Date | null,
  warnedAt: null as Date | null,
  signDueAt: new Date('2026-11-02T03:00:00Z'),
  breachedAt: null as Date | null,
  escalationLevel: 0,
  ...over,
});

describe('the unsigned dispatch’s own clock (派单 签收时限: dispatch.signForMinutes, warnAtPercent, leadersAfterBreachMinutes)', () => {
  it('checks at the warning, then at the sign-for deadline, then at the leaders’ escalation, then never', () => {
    expect(nextDispatchCheck(dispatch(), 240)?.toISOString()).toBe('2026-11-02T02:45:00.000Z');
    expect(nextDispatchCheck(dispatch({ warnedAt: new Date('2026-11-02T02:46:00Z') }), 240)?.toISOString()).toBe('2026-11-02T03:00:00.000Z');
    expect(nextDispatchCheck(dispatch({ warnAt: null }), 240)?.toISOString()).toBe('2026-11-02T03:00:00.000Z');
    const breached = { breachedAt: new Date('2026-11-02T03:00:00Z'), escalationLevel: 1 };
    expect(nextDispatchCheck(dispatch(breached), 240)?.toISOString()).toBe('2026-11-02T07:00:00.000Z');
    expect(nextDispatchCheck(dispatch({ ...breached, escalationLevel: 2 }), 240)).toBeNull();
  });

  it('stops once the dispatch is signed, returned or ended', () => {
    for (const status of ['signed', 'returned', 'closed'] as const) expect(nextDispatchCheck(dispatch({ status: status as never }), 240)).toBeNull();
  });
});
