// Public types of the SLA business calendar; re-exported from business-calendar.ts.

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface SlotSpec {
  /** 'HH:mm', inclusive */
  start: string;
  /** 'HH:mm' (or '24:00'), exclusive */
  end: string;
}

export type CalendarPolicy =
  | { kind: 'continuous' }
  | {
      kind: 'working_hours';
      /** ISO weekday 1 (Mon) .. 7 (Sun) -> slots; several per day allowed (e.g. 08:30-12:00 and 13:30-17:30) */
      week: Partial<Record<IsoWeekday, SlotSpec[]>>;
      /** use chinese-days data: holidays off, 调休 make-up workdays on with a normal workday's slots */
      useStatutoryHolidays: boolean;
      /** 'YYYY-MM-DD' admin-added days off (years the data does not cover, or company days) */
      extraHolidays: string[];
      /** 'YYYY-MM-DD' admin-added make-up workdays */
      extraWorkdays: string[];
    };

export interface DueSegment {
  from: string;
  to: string;
  minutes: number;
}

export interface NamedDate {
  date: string;
  name: string;
}

export interface DueExplanation {
  calendar: 'continuous' | 'working_hours';
  zone: string;
  /** ISO with offset, in zone */
  start: string;
  spanMinutes: number;
  /** ISO with offset, in zone */
  due: string;
  /** business time counted, merged per contiguous slot; one segment for continuous */
  segments: DueSegment[];
  /** statutory/extra holidays that fell on a would-be working day and were skipped */
  skippedHolidays: NamedDate[];
  /** 调休 days (normally off) counted as workdays */
  makeUpWorkdays: NamedDate[];
  /** touched years with no statutory data and no extraHolidays: computed from the week slots only */
  uncoveredYears: number[];
  /** one-line explanation in Chinese */
  text: string;
}
