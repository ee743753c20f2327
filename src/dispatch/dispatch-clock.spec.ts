import { describe, expect, it } from '@jest/globals';
import { nextDispatchCheck } from './dispatch.service.js';

const dispatch = (over: Partial<Parameters<typeof nextDispatchCheck>[0]> = {}) => ({
  status: 'open' as const,
  warnAt: new Date('2026-11-02T02:45:00Z') as Date | null,
  warnedAt: null as Date | null,
  signDueAt: new Date('2026-11-02T03:00:00Z'),
  breachedAt: null as Date | null,
  ...over,
});

describe('the unsigned dispatch’s own clock (派单 签收时限, dispatch.signForMinutes / warnAtPercent)', () => {
  it('checks at the warning, then at the sign-for deadline, then never once breached', () => {
    expect(nextDispatchCheck(dispatch())?.toISOString()).toBe('2026-11-02T02:45:00.000Z');
    expect(nextDispatchCheck(dispatch({ warnedAt: new Date('2026-11-02T02:46:00Z') }))?.toISOString()).toBe('2026-11-02T03:00:00.000Z');
    expect(nextDispatchCheck(dispatch({ warnAt: null }))?.toISOString()).toBe('2026-11-02T03:00:00.000Z');
    expect(nextDispatchCheck(dispatch({ breachedAt: new Date('2026-11-02T03:00:00Z') }))).toBeNull();
  });

  it('stops once the dispatch is signed or returned', () => {
    expect(nextDispatchCheck(dispatch({ status: 'signed' as never }))).toBeNull();
    expect(nextDispatchCheck(dispatch({ status: 'returned' as never }))).toBeNull();
  });
});
