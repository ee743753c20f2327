import { describe, expect, it } from '@jest/globals';
import { nextSupervisionCheck, reminderPoints } from './supervision.service.js';

const order = (over: Partial<Parameters<typeof nextSupervisionCheck>[0]> = {}) => ({
  issuedAt: new Date('2026-11-02T02:00:00Z'),
  dueAt: new Date('2026-11-05T02:00:00Z'),
  remindersPassed: 0,
  breachedAt: null as Date | null,
  status: 'open' as const,
  ...over,
});

describe('the supervision order’s own clock (督办单 催办)', () => {
  it('places reminders at the policy’s shares of the span, in order', () => {
    expect(reminderPoints(order(), [90, 50]).map((p) => [p.percent, p.at.toISOString()])).toEqual([
      [50, '2026-11-03T14:00:00.000Z'],
      [90, '2026-11-04T18:48:00.000Z'],
    ]);
  });

  it('checks at the next reminder, then the deadline, then never once breached or closed', () => {
    expect(nextSupervisionCheck(order(), [50, 90])?.toISOString()).toBe('2026-11-03T14:00:00.000Z');
    expect(nextSupervisionCheck(order({ remindersPassed: 1 }), [50, 90])?.toISOString()).toBe('2026-11-04T18:48:00.000Z');
    expect(nextSupervisionCheck(order({ remindersPassed: 2 }), [50, 90])?.toISOString()).toBe('2026-11-05T02:00:00.000Z');
    expect(nextSupervisionCheck(order({ remindersPassed: 2, breachedAt: new Date('2026-11-05T02:00:00Z') }), [50, 90])).toBeNull();
    expect(nextSupervisionCheck(order({ status: 'closed' as never }), [50, 90])).toBeNull();
  });
});
