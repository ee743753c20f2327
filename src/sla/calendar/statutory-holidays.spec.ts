// Statutory holidays / 调休 (chinese-days 2026 data), uncovered years and the explanation.
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
const dueOf = (cal: BusinessCalendar, start: string, minutes: number): string | null => iso(cal.addBusinessMinutes(at(start), minutes).due);

describe('BusinessCalendar — 国庆 2026 (holidays 10-01..10-07, 调休 on Sun 09-20 and Sat 10-10)', () => {
  it('a ticket on the eve of 国庆 at 16:30 with 8 working hours is due 10-08 17:00', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-09-30T16:30'), 480);
    expect(iso(due)).toBe('2026-10-08T17:00:00+08:00');
    // 10-03/10-04 are a weekend anyway, so only the would-be workdays are listed
    expect(explanation.skippedHolidays).toEqual(
      ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({ date, name: '国庆节' })),
    );
    expect(explanation.segments).toEqual([
      { from: '2026-09-30T16:30:00+08:00', to: '2026-09-30T17:30:00+08:00', minutes: 60 },
      { from: '2026-10-08T08:30:00+08:00', to: '2026-10-08T12:00:00+08:00', minutes: 210 },
      { from: '2026-10-08T13:30:00+08:00', to: '2026-10-08T17:00:00+08:00', minutes: 210 },
    ]);
    expect(explanation.uncoveredYears).toEqual([]);
    expect(explanation.text).toContain('跳过国庆节 10-01…10-07');
  });

  it("the make-up Saturday 10-10 is counted with a normal workday's slots", () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-10-09T16:30'), 480);
    expect(iso(due)).toBe('2026-10-10T17:00:00+08:00');
    expect(explanation.makeUpWorkdays).toEqual([{ date: '2026-10-10', name: '国庆节' }]);
    expect(office.isWorkingTime(at('2026-10-10T10:00'))).toBe(true);
  });

  it('the make-up Sunday 09-20 is counted', () => {
    expect(dueOf(office, '2026-09-18T16:30', 480)).toBe('2026-09-20T17:00:00+08:00');
  });

  it('24 working hours from 09-30 skip the holiday and use make-up Saturday 10-10', () => {
    // 09-30 450 + 10-08 450 + 10-09 450 + 10-10 90
    const { due, explanation } = office.addBusinessMinutes(at('2026-09-30T08:30'), 1440);
    expect(iso(due)).toBe('2026-10-10T10:00:00+08:00');
    expect(explanation.makeUpWorkdays).toEqual([{ date: '2026-10-10', name: '国庆节' }]);
    expect(explanation.segments.reduce((sum, s) => sum + s.minutes, 0)).toBe(explanation.spanMinutes);
    expect(explanation.text).toContain('跳过国庆节 10-01…10-07');
    expect(explanation.text).toContain('计入调休工作日 10-10（国庆节）');
    expect(explanation.text).toContain('截止 2026-10-10 10:00');
  });

  it('a ticket received during the holiday counts from the first working slot after it', () => {
    expect(dueOf(office, '2026-10-03T11:00', 60)).toBe('2026-10-08T09:30:00+08:00');
    expect(office.isWorkingTime(at('2026-10-05T10:00'))).toBe(false);
  });
});

describe('BusinessCalendar — 春节 2026 (holidays 02-15..02-23, 调休 on Sat 02-14 and Sat 02-28)', () => {
  it('make-up Saturday 02-14 is counted: Fri 02-13 16:30 + 8h -> 02-14 17:00', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-02-13T16:30'), 480);
    expect(iso(due)).toBe('2026-02-14T17:00:00+08:00');
    expect(explanation.makeUpWorkdays).toEqual([{ date: '2026-02-14', name: '春节' }]);
    expect(explanation.skippedHolidays).toEqual([]);
  });

  it('the whole 春节 break is skipped: 02-14 16:30 + 8h -> Tue 02-24 17:00', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-02-14T16:30'), 480);
    expect(iso(due)).toBe('2026-02-24T17:00:00+08:00');
    expect(explanation.skippedHolidays.map((h) => h.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23']);
    expect(explanation.text).toContain('跳过春节 02-16…02-23');
  });

  it('make-up Saturday 02-28 can hold a due exactly at its 17:30 slot end', () => {
    expect(dueOf(office, '2026-02-27T17:00', 480)).toBe('2026-02-28T17:30:00+08:00');
  });
});

describe('BusinessCalendar — years without statutory data (2027+)', () => {
  it('a year the data does not cover is computed Mon-Fri and flagged', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2027-09-30T16:30'), 480);
    // 2027-10-01 (Fri) is treated as a normal workday because no data exists yet
    expect(iso(due)).toBe('2027-10-01T17:00:00+08:00');
    expect(explanation.uncoveredYears).toEqual([2027]);
    expect(explanation.text).toContain('2027 年无法定节假日数据');
  });

  it('a span that crosses into an uncovered year flags that year only', () => {
    const { due, explanation } = office.addBusinessMinutes(at('2026-12-31T16:30'), 480);
    expect(iso(due)).toBe('2027-01-01T17:00:00+08:00');
    expect(explanation.uncoveredYears).toEqual([2027]);
  });

  it('extraHolidays configured for that year are honoured and the year is no longer flagged', () => {
    const cal = new BusinessCalendar(
      officePolicy({
        extraHolidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
        extraWorkdays: ['2027-10-09'],
      }),
      ZONE,
    );
    const { due, explanation } = cal.addBusinessMinutes(at('2027-09-30T16:30'), 480);
    expect(iso(due)).toBe('2027-10-08T17:00:00+08:00');
    expect(explanation.uncoveredYears).toEqual([]);
    expect(explanation.skippedHolidays.map((h) => h.date)).toEqual(['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']);
    const makeUp = cal.addBusinessMinutes(at('2027-10-08T16:30'), 480);
    expect(iso(makeUp.due)).toBe('2027-10-09T17:00:00+08:00');
    expect(makeUp.explanation.makeUpWorkdays).toEqual([{ date: '2027-10-09', name: '自定义工作日' }]);
  });

  it('without useStatutoryHolidays 国庆 is a normal workday and nothing is flagged', () => {
    const cal = new BusinessCalendar(officePolicy({ useStatutoryHolidays: false }), ZONE);
    const { due, explanation } = cal.addBusinessMinutes(at('2026-09-30T16:30'), 480);
    expect(iso(due)).toBe('2026-10-01T17:00:00+08:00');
    expect(explanation.skippedHolidays).toEqual([]);
    expect(cal.addBusinessMinutes(at('2027-09-30T16:30'), 480).explanation.uncoveredYears).toEqual([]);
  });

  it('extraHolidays also apply on top of statutory data (company day off)', () => {
    const cal = new BusinessCalendar(officePolicy({ extraHolidays: ['2026-06-10'] }), ZONE);
    const { due, explanation } = cal.addBusinessMinutes(at('2026-06-09T16:30'), 120);
    expect(iso(due)).toBe('2026-06-11T09:30:00+08:00');
    expect(explanation.skippedHolidays).toEqual([{ date: '2026-06-10', name: '自定义假日' }]);
  });
});

describe('BusinessCalendar — businessMinutesBetween', () => {
  it('excludes the weekend (Fri 16:30 -> Mon 09:30 = 2h)', () => {
    expect(office.businessMinutesBetween(at('2026-06-12T16:30'), at('2026-06-15T09:30'))).toBe(120);
  });

  it('excludes statutory holidays (国庆 eve 16:30 -> 10-08 17:00 = 8h)', () => {
    expect(office.businessMinutesBetween(at('2026-09-30T16:30'), at('2026-10-08T17:00'))).toBe(480);
  });

  it('excludes lunch breaks, and is 0 when b <= a', () => {
    expect(office.businessMinutesBetween(at('2026-06-12T12:00'), at('2026-06-12T13:30'))).toBe(0);
    expect(office.businessMinutesBetween(at('2026-06-12T11:00'), at('2026-06-12T14:00'))).toBe(90);
    expect(office.businessMinutesBetween(at('2026-06-12T14:00'), at('2026-06-12T11:00'))).toBe(0);
  });

  it('is the inverse of addBusinessMinutes', () => {
    const start = at('2026-02-13T10:17');
    const { due } = office.addBusinessMinutes(start, 1440);
    expect(office.businessMinutesBetween(start, due)).toBe(1440);
  });
});

describe('BusinessCalendar — explanation', () => {
  it('segments sum to the span and the text names holiday, make-up day and due', () => {
    const { explanation } = office.addBusinessMinutes(at('2026-02-13T16:30'), 1440);
    expect(explanation.calendar).toBe('working_hours');
    expect(explanation.zone).toBe(ZONE);
    expect(explanation.start).toBe('2026-02-13T16:30:00+08:00');
    expect(explanation.segments.reduce((sum, s) => sum + s.minutes, 0)).toBe(1440);
    expect(explanation.skippedHolidays.length).toBeGreaterThan(0);
    expect(explanation.makeUpWorkdays).toEqual([{ date: '2026-02-14', name: '春节' }]);
    expect(explanation.text).toMatch(/^按工作时间计算/);
    expect(explanation.text).toContain('计入调休工作日 02-14（春节）');
    expect(explanation.text).toContain(`截止 ${DateTime.fromISO(explanation.due, { setZone: true }).toFormat('yyyy-MM-dd HH:mm')}`);
  });
});
