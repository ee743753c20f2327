import { describe, expect, it } from '@jest/globals';
import { businessDay, monthOf, monthRange, nextMonth } from './statistical-month.js';

const SHANGHAI = { timeZone: 'Asia/Shanghai', startDay: 1 };

describe('statistical month (DESIGN decision 7)', () => {
  it('puts 2026-11-30T17:00Z in December: it is 1 December 01:00 in Shanghai', () => {
    expect(monthOf(new Date('2026-11-30T17:00:00Z'), SHANGHAI)).toBe('2026-12');
    expect(monthOf(new Date('2026-11-30T15:59:59Z'), SHANGHAI)).toBe('2026-11');
  });

  it('spans a calendar month from local midnight to local midnight', () => {
    expect(monthRange('2026-11', SHANGHAI)).toEqual({ start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T16:00:00Z') });
    expect(monthRange('2026-12', SHANGHAI).end).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  it('names a period starting on the 21st for the month it ends in', () => {
    const rule = { timeZone: 'Asia/Shanghai', startDay: 21 };
    expect(monthOf(new Date('2026-11-20T15:00:00Z'), rule)).toBe('2026-11');
    expect(monthOf(new Date('2026-11-20T16:00:00Z'), rule)).toBe('2026-12');
    expect(monthRange('2026-12', rule)).toEqual({ start: new Date('2026-11-20T16:00:00Z'), end: new Date('2026-12-20T16:00:00Z') });
    expect(monthRange('2027-01', rule).start).toEqual(new Date('2026-12-20T16:00:00Z'));
  });

  it('steps to the next month across a year end', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-01')).toBe('2026-02');
  });

  it('dates an overreach by its business day', () => {
    expect(businessDay(new Date('2026-11-30T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
  });
});
