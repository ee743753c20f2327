// Parses a working-hours policy and classifies each calendar day (regular / 调休 / holiday / off).
import type { CalendarPolicy, IsoWeekday, SlotSpec } from './business-calendar.types.js';
import { isYearCovered, statutoryHolidayName, statutoryWorkdayName } from './holiday-data.js';

export type WorkingHoursPolicy = Extract<CalendarPolicy, { kind: 'working_hours' }>;

/** Slot as minutes since local midnight, [start, end). */
export interface MinuteSlot {
  start: number;
  end: number;
}

export type DayKind = 'regular' | 'makeup' | 'holiday' | 'off';

export interface DayPlan {
  date: string;
  kind: DayKind;
  slots: readonly MinuteSlot[];
  /** holiday or 调休 name, for the explanation */
  name?: string;
  /** for holidays: the slots the day would have had, so a skip is only reported when it cost time */
  wouldBeSlots: readonly MinuteSlot[];
}

const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function parseTime(value: string, where: string): number {
  const m = TIME_RE.exec(value);
  if (!m) throw new Error(`Invalid slot time "${value}" for ${where}: expected 'HH:mm'`);
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

function parseDaySlots(specs: SlotSpec[], where: string): MinuteSlot[] {
  const slots = specs.map((s) => ({ start: parseTime(s.start, where), end: parseTime(s.end, where) })).sort((a, b) => a.start - b.start);
  slots.forEach((slot, i) => {
    if (slot.end <= slot.start) throw new Error(`Slot end must be after start for ${where}`);
    const prev = slots[i - 1];
    if (prev && slot.start < prev.end) throw new Error(`Overlapping slots for ${where}`);
  });
  return slots;
}

function parseDates(dates: string[], field: string): Set<string> {
  for (const d of dates) {
    if (!DATE_RE.test(d)) throw new Error(`Invalid date "${d}" in ${field}: expected 'YYYY-MM-DD'`);
  }
  return new Set(dates);
}

export class WorkingSchedule {
  private readonly week = new Map<IsoWeekday, MinuteSlot[]>();
  /** slots used for 调休 make-up days: Monday's, or the first weekday that has slots */
  private readonly normalSlots: MinuteSlot[];
  private readonly extraHolidays: Set<string>;
  private readonly extraWorkdays: Set<string>;
  private readonly extraHolidayYears: Set<number>;
  readonly useStatutoryHolidays: boolean;

  constructor(policy: WorkingHoursPolicy) {
    for (const wd of WEEKDAYS) {
      this.week.set(wd, parseDaySlots(policy.week[wd] ?? [], `weekday ${wd}`));
    }
    const firstWithSlots = WEEKDAYS.find((wd) => (this.week.get(wd) ?? []).length > 0);
    // Without any slot no deadline can ever be reached; fail at configuration time instead of looping.
    if (firstWithSlots === undefined) {
      throw new Error('Working-hours calendar policy has no working slots on any weekday; cannot compute deadlines');
    }
    this.normalSlots = this.week.get(firstWithSlots) ?? [];
    this.useStatutoryHolidays = policy.useStatutoryHolidays;
    this.extraHolidays = parseDates(policy.extraHolidays, 'extraHolidays');
    this.extraWorkdays = parseDates(policy.extraWorkdays, 'extraWorkdays');
    for (const d of this.extraHolidays) {
      if (this.extraWorkdays.has(d)) throw new Error(`Date ${d} is listed in both extraHolidays and extraWorkdays`);
    }
    this.extraHolidayYears = new Set([...this.extraHolidays].map((d) => Number(d.slice(0, 4))));
  }

  /** Precedence: extraWorkdays > extraHolidays > statutory 调休 > statutory holiday > week slots. */
  plan(date: string, weekday: IsoWeekday): DayPlan {
    const weekly = this.week.get(weekday) ?? [];
    const statHoliday = this.useStatutoryHolidays ? statutoryHolidayName(date) : undefined;
    const statWork = this.useStatutoryHolidays ? statutoryWorkdayName(date) : undefined;

    if (this.extraWorkdays.has(date)) {
      if (weekly.length > 0 && statHoliday === undefined) return this.day(date, 'regular', weekly);
      const name = statWork ?? (statHoliday !== undefined ? `${statHoliday}（照常上班）` : '自定义工作日');
      return this.day(date, 'makeup', weekly.length > 0 ? weekly : this.normalSlots, name);
    }
    if (this.extraHolidays.has(date)) {
      // a company day off on a statutory 调休 day still costs the make-up day's slots
      const would = weekly.length > 0 ? weekly : statWork !== undefined ? this.normalSlots : [];
      return { date, kind: 'holiday', slots: [], name: statHoliday ?? '自定义假日', wouldBeSlots: would };
    }
    if (statWork !== undefined) {
      if (weekly.length > 0) return this.day(date, 'regular', weekly);
      return this.day(date, 'makeup', this.normalSlots, statWork);
    }
    if (statHoliday !== undefined) {
      return { date, kind: 'holiday', slots: [], name: statHoliday, wouldBeSlots: weekly };
    }
    return this.day(date, weekly.length > 0 ? 'regular' : 'off', weekly);
  }

  private day(date: string, kind: DayKind, slots: readonly MinuteSlot[], name?: string): DayPlan {
    return name === undefined ? { date, kind, slots, wouldBeSlots: slots } : { date, kind, slots, name, wouldBeSlots: slots };
  }

  /** A year is flagged when statutory data is wanted but neither the data nor the admin covers it. */
  isUncoveredYear(year: number): boolean {
    return this.useStatutoryHolidays && !isYearCovered(year) && !this.extraHolidayYears.has(year);
  }
}
