// Statutory holiday / 调休 lookup backed by the raw chinese-days data set.
// The JSON is read instead of the library API because only the raw data tells us which years are covered.
import { createRequire } from 'node:module';

interface RawChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface HolidayData {
  /** 'YYYY-MM-DD' -> Chinese holiday name (e.g. 国庆节) */
  holidays: ReadonlyMap<string, string>;
  /** 'YYYY-MM-DD' -> name of the holiday a 调休 make-up workday belongs to */
  workdays: ReadonlyMap<string, string>;
  /** years with at least one holiday entry; other years are unknown, not holiday-free */
  coveredYears: ReadonlySet<number>;
}

let cache: HolidayData | undefined;

// Values look like "National Day,国庆节,3"; keep the Chinese name, fall back to the raw value.
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts[1] ?? parts[0] ?? value).trim();
}

function toMap(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries).map(([date, value]) => [date, chineseName(value)]));
}

function loadRaw(): RawChineseDays {
  // createRequire works for this CJS package's JSON under both plain node ESM and jest's ESM mode.
  const require = createRequire(import.meta.url);
  const raw: unknown = require('chinese-days/dist/chinese-days.json');
  if (typeof raw !== 'object' || raw === null || typeof (raw as RawChineseDays).holidays !== 'object' || typeof (raw as RawChineseDays).workdays !== 'object') {
    throw new Error('chinese-days data has an unexpected shape (expected { holidays, workdays })');
  }
  return raw as RawChineseDays;
}

/** Loads the data once per process (module-level cache). */
export function getHolidayData(): HolidayData {
  if (!cache) {
    const raw = loadRaw();
    const holidays = toMap(raw.holidays);
    const coveredYears = new Set<number>();
    for (const date of holidays.keys()) coveredYears.add(Number(date.slice(0, 4)));
    cache = { holidays, workdays: toMap(raw.workdays), coveredYears };
  }
  return cache;
}

export function statutoryHolidayName(date: string): string | undefined {
  return getHolidayData().holidays.get(date);
}

export function statutoryWorkdayName(date: string): string | undefined {
  return getHolidayData().workdays.get(date);
}

export function isYearCovered(year: number): boolean {
  return getHolidayData().coveredYears.has(year);
}

/** Sorted list of years the statutory data covers. */
export function coveredYears(): number[] {
  return [...getHolidayData().coveredYears].sort((a, b) => a - b);
}
