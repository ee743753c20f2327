import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../sla/calendar/business-calendar.js';

/**
 * Quiet hours: between `start` and `end` every day (the window may cross midnight) and, with a business
 * calendar, all of its days off (weekends, statutory holidays; 调休 workdays are working days).
 */
export class QuietHours {
  private readonly start: number;
  private readonly end: number;

  constructor(
    start: string,
    end: string,
    private readonly zone: string,
    private readonly calendar?: BusinessCalendar,
  ) {
    this.start = minutes(start);
    this.end = minutes(end);
  }

  isQuiet(at: Date): boolean {
    const local = DateTime.fromJSDate(at, { zone: this.zone });
    if (this.calendar && !this.calendar.isWorkingDay(local)) return true;
    const m = local.hour * 60 + local.minute;
    if (this.start === this.end) return false;
    return this.start < this.end ? m >= this.start && m < this.end : m >= this.start || m < this.end;
  }

  /** `at` itself when it is not quiet, else the first end of quiet hours after it that is not quiet (deferred, never dropped). */
  release(at: Date): Date {
    if (!this.isQuiet(at)) return at;
    const local = DateTime.fromJSDate(at, { zone: this.zone });
    for (let day = 0; day <= 60; day++) {
      const candidate = local.plus({ days: day }).startOf('day').plus({ minutes: this.end });
      if (candidate.toMillis() > at.getTime() && !this.isQuiet(candidate.toJSDate())) return candidate.toJSDate();
    }
    return at;
  }
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
