// SLA deadline arithmetic: continuous clock or working hours with Chinese statutory holidays / 调休.
// All arithmetic happens in the business zone; callers always pass the current time in.
import { DateTime } from 'luxon';
import { memoiseZoneOffsets } from '../../common/zone-offsets.js';
import type { CalendarPolicy, DueExplanation, DueSegment, IsoWeekday, NamedDate } from './business-calendar.types.js';
import { continuousText, workingHoursText } from './due-explanation.js';
import { WorkingSchedule, type DayPlan, type MinuteSlot } from './working-schedule.js';

export type { CalendarPolicy, DueExplanation, DueSegment, IsoWeekday, NamedDate, SlotSpec } from './business-calendar.types.js';

// Deadline arithmetic asks for the zone's offset at every step: keep the offsets (src/common/zone-offsets.ts).
memoiseZoneOffsets();

export const DEFAULT_BUSINESS_ZONE = 'Asia/Shanghai';
/** Upper bound for the day-by-day search so a policy that is (almost) always off cannot loop forever. */
export const MAX_SCAN_DAYS = 3 * 366;

const MS_PER_MINUTE = 60_000;
const ISO = { suppressMilliseconds: true } as const;

interface Span {
  from: DateTime;
  to: DateTime;
}

export class BusinessCalendar {
  private readonly schedule: WorkingSchedule | undefined;

  constructor(
    policy: CalendarPolicy,
    readonly zone: string = DEFAULT_BUSINESS_ZONE,
  ) {
    if (!DateTime.fromObject({ year: 2000 }, { zone }).isValid) {
      throw new Error(`Invalid business time zone "${zone}"`);
    }
    this.schedule = policy.kind === 'working_hours' ? new WorkingSchedule(policy) : undefined;
  }

  /** Whether the local day of `at` has working time (always, for a continuous calendar): holidays and 调休 count. */
  isWorkingDay(at: DateTime): boolean {
    if (!this.schedule) return true;
    const day = at.setZone(this.zone);
    return this.schedule.plan(day.toISODate()!, day.weekday as IsoWeekday).slots.length > 0;
  }

  /** due time after `minutes` of business time starting at `start` */
  addBusinessMinutes(start: DateTime, minutes: number): { due: DateTime; explanation: DueExplanation } {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new Error(`Business minutes must be a finite non-negative number, got ${minutes}`);
    }
    const s = this.inZone(start, 'start');
    const schedule = this.schedule;
    if (!schedule) {
      const due = s.plus({ milliseconds: Math.round(minutes * MS_PER_MINUTE) });
      const explanation = this.explain('continuous', s, due, minutes, [{ from: s, to: due }], [], [], []);
      return { due, explanation: { ...explanation, text: continuousText(s, due, minutes, this.zone) } };
    }

    let remaining = Math.round(minutes * MS_PER_MINUTE);
    let due = s;
    const spans: Span[] = [];
    const skipped: NamedDate[] = [];
    const makeUps: NamedDate[] = [];
    const uncovered = new Set<number>();

    for (const { day, plan } of this.walkDays(s, MAX_SCAN_DAYS)) {
      if (remaining <= 0) break;
      if (schedule.isUncoveredYear(day.year)) uncovered.add(day.year);
      // only report a holiday when it actually removed working time after the start
      if (plan.kind === 'holiday' && plan.wouldBeSlots.some((slot) => this.slotSpan(day, slot).to > s)) {
        skipped.push({ date: plan.date, name: plan.name ?? '' });
      }
      let counted = false;
      for (const slot of plan.slots) {
        const bounds = this.slotSpan(day, slot);
        const from = bounds.from < s ? s : bounds.from;
        const available = bounds.to.toMillis() - from.toMillis();
        if (available <= 0) continue;
        const take = Math.min(available, remaining);
        const to = from.plus({ milliseconds: take });
        pushMerged(spans, { from, to });
        counted = true;
        remaining -= take;
        if (remaining <= 0) {
          // a due landing exactly on a slot end stays there rather than rolling to the next slot
          due = to;
          break;
        }
      }
      if (counted && plan.kind === 'makeup') makeUps.push({ date: plan.date, name: plan.name ?? '' });
    }
    if (remaining > 0) {
      throw new Error(
        `No working time found to place ${minutes} business minutes within ${MAX_SCAN_DAYS} days after ${s.toISO(ISO)}; check the calendar policy`,
      );
    }

    const uncoveredYears = [...uncovered].sort((a, b) => a - b);
    const explanation = this.explain('working_hours', s, due, minutes, spans, skipped, makeUps, uncoveredYears);
    const text = workingHoursText({
      start: s,
      due,
      minutes,
      zone: this.zone,
      skippedHolidays: skipped,
      makeUpWorkdays: makeUps,
      uncoveredYears,
    });
    return { due, explanation: { ...explanation, text } };
  }

  /** business minutes elapsed between a and b (0 if b <= a); used for pauses and remaining time */
  businessMinutesBetween(a: DateTime, b: DateTime): number {
    const from = this.inZone(a, 'a');
    const to = this.inZone(b, 'b');
    if (to <= from) return 0;
    if (!this.schedule) return (to.toMillis() - from.toMillis()) / MS_PER_MINUTE;

    let ms = 0;
    // bounded by the range itself, so no scan cap is needed here
    for (const { day, plan } of this.walkDays(from, Number.POSITIVE_INFINITY)) {
      if (day > to) break;
      for (const slot of plan.slots) {
        const bounds = this.slotSpan(day, slot);
        const start = bounds.from < from ? from : bounds.from;
        const end = bounds.to > to ? to : bounds.to;
        if (end > start) ms += end.toMillis() - start.toMillis();
      }
    }
    return ms / MS_PER_MINUTE;
  }

  isWorkingTime(t: DateTime): boolean {
    if (!this.schedule) return true;
    const local = this.inZone(t, 't');
    const day = local.startOf('day');
    const plan = this.planFor(day);
    return plan.slots.some((slot) => {
      const { from, to } = this.slotSpan(day, slot);
      return local >= from && local < to;
    });
  }

  private inZone(t: DateTime, name: string): DateTime {
    if (!t.isValid) throw new Error(`Invalid DateTime for ${name}: ${t.invalidExplanation ?? t.invalidReason ?? ''}`);
    return t.setZone(this.zone);
  }

  private planFor(day: DateTime): DayPlan {
    if (!this.schedule) throw new Error('planFor is only meaningful for working-hours calendars');
    return this.schedule.plan(day.toISODate() ?? '', day.weekday as IsoWeekday);
  }

  private *walkDays(from: DateTime, maxDays: number): Generator<{ day: DateTime; plan: DayPlan }> {
    let day = from.startOf('day');
    for (let i = 0; i < maxDays; i++) {
      yield { day, plan: this.planFor(day) };
      day = day.plus({ days: 1 }).startOf('day');
    }
  }

  // wall-clock slot bounds built per day so they stay correct on DST-changing days in other zones
  private slotSpan(day: DateTime, slot: MinuteSlot): Span {
    return { from: this.atMinute(day, slot.start), to: this.atMinute(day, slot.end) };
  }

  private atMinute(day: DateTime, minuteOfDay: number): DateTime {
    if (minuteOfDay >= 24 * 60) return day.plus({ days: 1 }).startOf('day');
    const { year, month, day: d } = day;
    return DateTime.fromObject({ year, month, day: d, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }, { zone: this.zone });
  }

  private explain(
    calendar: DueExplanation['calendar'],
    start: DateTime,
    due: DateTime,
    minutes: number,
    spans: Span[],
    skippedHolidays: NamedDate[],
    makeUpWorkdays: NamedDate[],
    uncoveredYears: number[],
  ): Omit<DueExplanation, 'text'> {
    const segments: DueSegment[] = spans.map(({ from, to }) => ({
      from: iso(from),
      to: iso(to),
      minutes: (to.toMillis() - from.toMillis()) / MS_PER_MINUTE,
    }));
    return {
      calendar,
      zone: this.zone,
      start: iso(start),
      spanMinutes: minutes,
      due: iso(due),
      segments,
      skippedHolidays,
      makeUpWorkdays,
      uncoveredYears,
    };
  }
}

function iso(t: DateTime): string {
  return t.toISO(ISO) ?? '';
}

// Adjacent slots (e.g. 12:00-12:00 or across midnight) form one contiguous segment.
function pushMerged(spans: Span[], next: Span): void {
  const last = spans[spans.length - 1];
  if (last && last.to.toMillis() === next.from.toMillis()) last.to = next.to;
  else spans.push(next);
}
