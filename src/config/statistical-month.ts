import { DateTime } from 'luxon';
import type { CompanyPolicy } from './policy.js';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A statistical month label, YYYY-MM. */
export type Month = string;

export interface MonthRule {
  timeZone: string;
  /** DESIGN decision 7: the day the statistical month starts (1 = the calendar month). */
  startDay: number;
}

/** The company's statistical month (DESIGN decision 7): every monthly figure (ledger, reports, compliance) uses it. */
export const monthRuleOf = (company: CompanyPolicy): MonthRule => ({ timeZone: company.timeZone, startDay: company.statisticalMonthStartDay });

/**
 * The statistical month an instant belongs to, in the business time zone. With a start day after the 1st
 * (some companies count from the 21st), the period 21 Oct – 20 Nov is labelled November: a period is named
 * for the calendar month it ends in.
 */
export function monthOf(at: Date, rule: MonthRule): Month {
  const local = DateTime.fromJSDate(at, { zone: rule.timeZone });
  const label = rule.startDay > 1 && local.day >= rule.startDay ? local.plus({ months: 1 }) : local;
  return label.toFormat('yyyy-MM');
}

/** The half-open span [start, end) of a statistical month, as instants. */
export function monthRange(month: Month, rule: MonthRule): { start: Date; end: Date } {
  if (!MONTH_PATTERN.test(month)) throw new Error(`not a month: ${month}`);
  const first = DateTime.fromISO(`${month}-01`, { zone: rule.timeZone });
  const start = rule.startDay > 1 ? first.minus({ months: 1 }).set({ day: rule.startDay }) : first;
  const end = start.plus({ months: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

export function nextMonth(month: Month): Month {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).plus({ months: 1 }).toFormat('yyyy-MM');
}

/** The business day (YYYY-MM-DD) of an instant: one overreach per ticket, level and day. */
export function businessDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}
