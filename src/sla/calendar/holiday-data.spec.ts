import { describe, it, expect } from '@jest/globals';
import { coveredYears, isYearCovered, statutoryHolidayName, statutoryWorkdayName } from './holiday-data.js';

describe('holiday-data (chinese-days)', () => {
  it('covers a year only if the data has holiday entries in it', () => {
    expect(isYearCovered(2026)).toBe(true);
    expect(isYearCovered(2027)).toBe(false);
    expect(coveredYears()[0]).toBe(2004);
  });

  it('maps dates to Chinese holiday names and 调休 workdays', () => {
    expect(statutoryHolidayName('2026-10-01')).toBe('国庆节');
    expect(statutoryHolidayName('2026-02-17')).toBe('春节');
    expect(statutoryHolidayName('2026-10-08')).toBeUndefined();
    expect(statutoryWorkdayName('2026-10-10')).toBe('国庆节');
    expect(statutoryWorkdayName('2026-02-28')).toBe('春节');
  });
});
