import { describe, it, expect } from '@jest/globals';
import { DateTime } from 'luxon';
import { BusinessCalendar, type CalendarPolicy } from './business-calendar.js';

const ZONE = 'Asia/Shanghai';
const at = (iso: string, zone = ZONE): DateTime => DateTime.fromISO(iso, { zone });
const iso = (t: DateTime): string | null => t.toISO({ suppressMilliseconds: true });

const OFFICE_SLOTS = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];
function officePolicy(overrides: Partial<Extract<CalendarPolicy, { kind: 'working_hours' }>> = {}): CalendarPolicy {
  return {
    kind: 'working_hours',
    week: { 1: OFFICE_SLOTS, 2: OFFICE_SLOTS, 3: OFFICE_SLOTS, 4: OFFICE_SLOTS, 5: OFFICE_SLOTS },
    useStatutoryHolidays: true,
    extraHolidays: [],
    extraWorkdays: [],
    ...overrides,
  };
}
const office = new BusinessCalendar(officePolicy(), ZONE);
const continuous = new BusinessCalendar({ kind: 'continuous' }, ZONE);
const dueOf = (cal: BusinessCalendar, start: string, minutes: number): string | null => iso(cal.addBusinessMinutes(at(start), minutes).due);

describe('BusinessCalendar — continuous 24h clock', () => {
  it('adds 24 elapsed hours across a month end (2026-11-30 -> 12-01)', () => {
    const { due, explanation } = continuous.addBusinessMinutes(at('2026-11-30T10:15'), 24 * 60);
    expect(iso(due)).toBe('2026-12-01T10:15:00+08:00');
    expect(explanation.calendar).toBe('continuous');
    expect(explanation.segments).toEqual([{ from: '2026-11-30T10:15:00+08:00', to: '2026-12-01T10:15:00+08:00', minutes: 1440 }]);
    expect(explanation.skippedHolidays).toEqual([]);
    expect(explanation.uncoveredYears).toEqual([]);
  });

  it('adds 24 elapsed hours across a year end (2026-12-31 -> 2027-01-01)', () => {
    expect(dueOf(continuous, '2026-12-31T18:00', 1440)).toBe('2027-01-01T18:00:00+08:00');
  });

  it('ignores holidays and weekends entirely (国庆 eve + 24h is 10-01)', () => {
    expect(dueOf(continuous, '2026-09-30T16:30', 1440)).toBe('2026-10-01T16:30:00+08:00');
  });

  it('Asia/Shanghai has no DST: 24h on US/EU DST switch dates keeps wall clock and +08:00', () => {
    expect(dueOf(continuous, '2026-03-07T12:00', 1440)).toBe('2026-03-08T12:00:00+08:00');
    expect(dueOf(continuous, '2026-03-28T12:00', 1440)).toBe('2026-03-29T12:00:00+08:00');
  });

  it('converts a start given in another zone into the business zone', () => {
    const { due, explanation } = continuous.addBusinessMinutes(DateTime.fromISO('2026-03-08T02:00:00Z'), 1440);
    expect(explanation.start).toBe('2026-03-08T10:00:00+08:00');
    expect(iso(due)).toBe('2026-03-09T10:00:00+08:00');
  });

  it('counts elapsed time, not wall clock, in a DST zone (New York spring forward)', () => {
    const ny = new BusinessCalendar({ kind: 'continuous' }, 'America/New_York');
    expect(iso(ny.addBusinessMinutes(at('2026-03-07T12:00', 'America/New_York'), 1440).due)).toBe('2026-03-08T13:00:00-04:00');
  });

  it('is always working time and measures elapsed minutes', () => {
    expect(continuous.isWorkingTime(at('2026-10-01T03:00'))).toBe(true);
    expect(continuous.businessMinutesBetween(at('2026-06-12T16:30'), at('2026-06-15T09:30'))).toBe(65 * 60);
  });

  it('defaults the business zone to Asia/Shanghai', () => {
    expect(new BusinessCalendar({ kind: 'continuous' }).zone).toBe('Asia/Shanghai');
  });
});

describe('BusinessCalendar — working hours with a lunch break (08:30-12:00, 13:30-17:30)', () => {
  it('a ticket at 11:00 with 2h is due at 14:30 (lunch is not counted)', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-06-09T11:00'), 120);
    expect(iso(due)).toBe('2026-06-09T14:30:00+08:00');
    expect(explanation.segments).toEqual([
      { from: '2026-06-09T11:00:00+08:00', to: '2026-06-09T12:00:00+08:00', minutes: 60 },
      { from: '2026-06-09T13:30:00+08:00', to: '2026-06-09T14:30:00+08:00', minutes: 60 },
    ]);
  });

  it('a start during lunch begins counting at 13:30', () => {
    expect(dueOf(office, '2026-06-09T12:45', 120)).toBe('2026-06-09T15:30:00+08:00');
  });

  it('a start before hours begins counting at 08:30', () => {
    expect(dueOf(office, '2026-06-09T07:00', 120)).toBe('2026-06-09T10:30:00+08:00');
  });

  it('a start after hours begins counting at the next morning 08:30', () => {
    expect(dueOf(office, '2026-06-09T19:00', 120)).toBe('2026-06-10T10:30:00+08:00');
  });

  it('a due landing exactly on a slot end stays there (17:30, not next morning)', () => {
    expect(dueOf(office, '2026-06-09T15:30', 120)).toBe('2026-06-09T17:30:00+08:00');
    expect(dueOf(office, '2026-06-09T10:00', 120)).toBe('2026-06-09T12:00:00+08:00');
  });

  it('24h of working time spans several 7.5h days', () => {
    // Mon 450 + Tue 450 + Wed 450 + Thu 90 minutes
    expect(dueOf(office, '2026-06-08T08:30', 1440)).toBe('2026-06-11T10:00:00+08:00');
  });

  it('zero minutes is due at the start itself', () => {
    expect(dueOf(office, '2026-06-09T19:00', 0)).toBe('2026-06-09T19:00:00+08:00');
  });

  it('isWorkingTime: inside a slot yes; lunch, after hours and the slot end itself no', () => {
    expect(office.isWorkingTime(at('2026-06-09T08:30'))).toBe(true);
    expect(office.isWorkingTime(at('2026-06-09T12:00'))).toBe(false);
    expect(office.isWorkingTime(at('2026-06-09T13:00'))).toBe(false);
    expect(office.isWorkingTime(at('2026-06-09T17:30'))).toBe(false);
    expect(office.isWorkingTime(at('2026-06-13T10:00'))).toBe(false);
  });

  it('merges adjacent slots into one contiguous segment', () => {
    const split = [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '18:00' },
    ];
    const cal = new BusinessCalendar(officePolicy({ week: { 1: split, 2: split, 3: split, 4: split, 5: split } }), ZONE);
    const { explanation } = cal.addBusinessMinutes(at('2026-06-09T10:00'), 180);
    expect(explanation.segments).toEqual([{ from: '2026-06-09T10:00:00+08:00', to: '2026-06-09T13:00:00+08:00', minutes: 180 }]);
  });
});

describe('BusinessCalendar — weekends', () => {
  it('skips Saturday and Sunday (Fri 16:30 + 2h -> Mon 09:30)', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-06-12T16:30'), 120);
    expect(iso(due)).toBe('2026-06-15T09:30:00+08:00');
    // ordinary weekends are not holidays and not worth listing
    expect(explanation.skippedHolidays).toEqual([]);
  });

  it('a ticket received on Saturday counts from Monday 08:30', () => {
    expect(dueOf(office, '2026-06-13T10:00', 60)).toBe('2026-06-15T09:30:00+08:00');
  });
});

describe('BusinessCalendar — configuration guards', () => {
  it('throws a clear error for a policy with no slots at all', () => {
    expect(() => new BusinessCalendar(officePolicy({ week: {} }), ZONE)).toThrow(/no working slots/);
  });

  it('rejects malformed or overlapping slots and invalid zones', () => {
    expect(() => new BusinessCalendar(officePolicy({ week: { 1: [{ start: '8:30', end: '12:00' }] } }), ZONE)).toThrow(/Invalid slot time/);
    expect(
      () =>
        new BusinessCalendar(
          officePolicy({
            week: {
              1: [
                { start: '08:00', end: '12:00' },
                { start: '11:00', end: '13:00' },
              ],
            },
          }),
          ZONE,
        ),
    ).toThrow(/Overlapping/);
    expect(() => new BusinessCalendar({ kind: 'continuous' }, 'Mars/Olympus')).toThrow(/Invalid business time zone/);
  });

  it('stops searching after ~3 years instead of looping forever', () => {
    const days: string[] = [];
    for (let d = at('2030-01-01'); d.year < 2034; d = d.plus({ days: 1 })) days.push(d.toISODate() ?? '');
    const cal = new BusinessCalendar(officePolicy({ extraHolidays: days }), ZONE);
    expect(() => cal.addBusinessMinutes(at('2030-01-01T09:00'), 60)).toThrow(/No working time found/);
  });

  it('rejects negative minutes', () => {
    expect(() => office.addBusinessMinutes(at('2026-06-09T09:00'), -1)).toThrow(/non-negative/);
  });
});

describe('BusinessCalendar — working days (the first responder’s daily digest)', () => {
  it('counts a weekday, not a weekend, a statutory holiday (国庆) or the day before in UTC', () => {
    expect(office.isWorkingDay(at('2026-11-04T08:30'))).toBe(true);
    expect(office.isWorkingDay(at('2026-11-07T08:30'))).toBe(false);
    expect(office.isWorkingDay(at('2026-10-01T08:30'))).toBe(false);
    // 00:30 on Saturday in Shanghai is Friday in UTC: the business day decides.
    expect(office.isWorkingDay(DateTime.fromISO('2026-11-06T16:30:00Z'))).toBe(false);
  });

  it('counts a 调休 make-up Saturday as a working day, and every day on a continuous calendar', () => {
    expect(office.isWorkingDay(at('2026-10-10T09:00'))).toBe(true);
    expect(continuous.isWorkingDay(at('2026-11-07T09:00'))).toBe(true);
  });
});
