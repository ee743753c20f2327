import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { POLICY } from '../config/config.module.js';
import type { CalendarDefinition, Policy, SlaSpans } from '../config/policy.js';
import { BusinessCalendar, type CalendarPolicy, type DueExplanation } from './calendar/business-calendar.js';
import type { TicketKind } from '../tickets/ticket.types.js';
import type { ClockPurpose } from './sla-clock.entity.js';

export interface ComputedDeadline {
  calendar: string;
  spanMinutes: number;
  warnAt: Date | null;
  dueAt: Date;
  explanation: DueExplanation;
}

function toCalendarPolicy(def: CalendarDefinition): CalendarPolicy {
  if (def.kind === 'continuous') return { kind: 'continuous' };
  return {
    kind: 'working_hours',
    week: Object.fromEntries(Object.entries(def.week ?? {}).filter(([, slots]) => Array.isArray(slots))) as never,
    useStatutoryHolidays: def.useStatutoryHolidays,
    extraHolidays: def.extraHolidays,
    extraWorkdays: def.extraWorkdays,
  };
}

/** The SLA policy of config/: spans per category and the business calendars, computed in the business zone. */
@Injectable()
export class SlaPolicy {
  private readonly calendars = new Map<string, BusinessCalendar>();
  /** Promised reply times run on plain elapsed time. */
  private readonly elapsed: BusinessCalendar;

  constructor(@Inject(POLICY) private readonly policy: Policy) {
    this.elapsed = new BusinessCalendar({ kind: 'continuous' }, policy.company.timeZone);
    for (const [name, def] of Object.entries(policy.calendars)) {
      this.calendars.set(name, new BusinessCalendar(toCalendarPolicy(def), policy.company.timeZone));
    }
  }

  get zone(): string {
    return this.policy.company.timeZone;
  }

  /** The category's spans; 第三条: a suggestion or an enquiry answers on its kind's span (policy kinds.<kind>). */
  spans(category: string, kind: TicketKind = 'complaint'): SlaSpans {
    const spans = this.policy.categories[category]?.sla ?? this.policy.slaDefault;
    if (kind === 'complaint') return spans;
    const own = this.policy.kinds[kind];
    return { ...spans, responseMinutes: own.responseMinutes, warnAtPercent: own.warnAtPercent ?? spans.warnAtPercent };
  }

  calendar(name: string): BusinessCalendar {
    if (name === 'promised') return this.elapsed;
    const calendar = this.calendars.get(name);
    if (!calendar) throw new Error(`unknown calendar ${name}`);
    return calendar;
  }

  /** Whether `at` falls on a working day of the named calendar (a day with working time). */
  isWorkingDay(calendarName: string, at: Date): boolean {
    return this.calendar(calendarName).isWorkingDay(DateTime.fromJSDate(at));
  }

  spanFor(spans: SlaSpans, purpose: ClockPurpose): number {
    switch (purpose) {
      case 'response':
        return spans.responseMinutes;
      case 'written_reply':
        return spans.writtenReplyMinutes;
      case 'follow_up':
        return spans.followUpMinutes;
      case 'report':
        return spans.reportMinutes;
      case 'activity':
        return spans.staleMinutes;
      case 'promised_reply':
        throw new Error('a promised reply has an explicit due time');
      case 'appointment':
        throw new Error('an appointment is due at its agreed time');
    }
  }

  /** Due and warning times for `minutes` of the calendar's time from `start`. */
  deadline(calendarName: string, start: Date, minutes: number, warnAtPercent: number): ComputedDeadline {
    const calendar = this.calendar(calendarName);
    const from = DateTime.fromJSDate(start, { zone: this.zone });
    const { due, explanation } = calendar.addBusinessMinutes(from, minutes);
    const warn = calendar.addBusinessMinutes(from, Math.floor((minutes * warnAtPercent) / 100)).due;
    return { calendar: calendarName, spanMinutes: minutes, warnAt: warn.toJSDate(), dueAt: due.toJSDate(), explanation };
  }

  /** A deadline fixed by a person (a promised reply time): warned at the same share of the time given. */
  explicitDeadline(start: Date, dueAt: Date, warnAtPercent: number): ComputedDeadline {
    const minutes = Math.max(0, Math.round((dueAt.getTime() - start.getTime()) / 60_000));
    const warnAt = new Date(start.getTime() + Math.floor((minutes * warnAtPercent) / 100) * 60_000);
    const z = (d: Date) => DateTime.fromJSDate(d, { zone: this.zone }).toISO()!;
    return {
      calendar: 'promised',
      spanMinutes: minutes,
      warnAt,
      dueAt,
      explanation: {
        calendar: 'continuous',
        zone: this.zone,
        start: z(start),
        spanMinutes: minutes,
        due: z(dueAt),
        segments: [{ from: z(start), to: z(dueAt), minutes }],
        skippedHolidays: [],
        makeUpWorkdays: [],
        uncoveredYears: [],
        text: `按承诺的回复时间 ${z(dueAt)} 计时`,
      },
    };
  }

  /**
   * 第一篇 二.4(5) 约谈 (DESIGN decision 10): the meeting is recorded (held or no-show) by the appointment time plus
   * the policy's grace; the handler is reminded the policy's span before it.
   */
  appointmentDeadline(now: Date, appointmentAt: Date): ComputedDeadline {
    const { graceMinutes, reminderMinutes } = this.policy.appointments;
    const dueAt = new Date(appointmentAt.getTime() + graceMinutes * 60_000);
    const deadline = this.explicitDeadline(now, dueAt, 0);
    const remindAt = new Date(Math.max(now.getTime(), appointmentAt.getTime() - reminderMinutes * 60_000));
    const z = (d: Date) => DateTime.fromJSDate(d, { zone: this.zone }).toFormat('yyyy-LL-dd HH:mm');
    return {
      ...deadline,
      calendar: 'promised',
      warnAt: reminderMinutes > 0 ? remindAt : null,
      explanation: { ...deadline.explanation, text: `约谈时间 ${z(appointmentAt)}，须在 ${z(dueAt)} 前记录约谈结果（到场或未到）` },
    };
  }

  /** DESIGN decision 10 (`appointments.responseClock: paused`): the 24 hours count on from the appointment, less what ran before it was agreed. */
  pausedResponseDeadline(category: string, receivedAt: Date, bookedAt: Date, appointmentAt: Date): ComputedDeadline {
    const spans = this.spans(category);
    const before = Math.max(0, this.remaining(spans.calendar, receivedAt, bookedAt));
    return this.deadline(spans.calendar, appointmentAt, Math.max(0, spans.responseMinutes - before), spans.warnAtPercent);
  }

  get appointments() {
    return this.policy.appointments;
  }

  remaining(calendarName: string, from: Date, to: Date): number {
    return Math.round(
      this.calendar(calendarName).businessMinutesBetween(DateTime.fromJSDate(from, { zone: this.zone }), DateTime.fromJSDate(to, { zone: this.zone })),
    );
  }

  resume(calendarName: string, at: Date, minutesLeft: number): { dueAt: Date; explanation: DueExplanation } {
    const calendar = this.calendar(calendarName);
    const { due, explanation } = calendar.addBusinessMinutes(DateTime.fromJSDate(at, { zone: this.zone }), minutesLeft);
    return { dueAt: due.toJSDate(), explanation };
  }

  get escalation() {
    return this.policy.escalation;
  }
}
