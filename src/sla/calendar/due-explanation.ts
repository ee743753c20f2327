// Builds the one-line Chinese explanation attached to each computed due time.
import { DateTime } from 'luxon';
import type { NamedDate } from './business-calendar.types.js';

export function formatSpan(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

function shortDate(date: string, refYear: number): string {
  return Number(date.slice(0, 4)) === refYear ? date.slice(5) : date;
}

// Same-named dates no more than a week apart form one holiday period, printed as "10-01…10-07".
export function groupByName(dates: NamedDate[], refYear: number): string[] {
  const groups: Array<{ name: string; first: string; last: string }> = [];
  for (const d of dates) {
    const g = groups[groups.length - 1];
    const gapDays = g
      ? DateTime.fromISO(d.date, { zone: 'utc' })
          .diff(DateTime.fromISO(g.last, { zone: 'utc' }))
          .as('days')
      : Infinity;
    if (g && g.name === d.name && gapDays <= 7) g.last = d.date;
    else groups.push({ name: d.name, first: d.date, last: d.date });
  }
  return groups.map((g) =>
    g.first === g.last ? `${g.name} ${shortDate(g.first, refYear)}` : `${g.name} ${shortDate(g.first, refYear)}…${shortDate(g.last, refYear)}`,
  );
}

/** The zone as a user reads it: 北京时间 for China's one zone, else the IANA name (a deployment abroad). */
export const zoneName = (zone: string): string => (zone === 'Asia/Shanghai' || zone === 'Asia/Chongqing' ? '北京时间' : zone);

export function continuousText(start: DateTime, due: DateTime, minutes: number, zone: string): string {
  const fmt = 'yyyy-MM-dd HH:mm';
  return `按连续自然时间计算（${zoneName(zone)}）：自 ${start.toFormat(fmt)} 起连续 ${formatSpan(minutes)}，截止 ${due.toFormat(fmt)}`;
}

export interface WorkingTextInput {
  start: DateTime;
  due: DateTime;
  minutes: number;
  zone: string;
  skippedHolidays: NamedDate[];
  makeUpWorkdays: NamedDate[];
  uncoveredYears: number[];
}

export function workingHoursText(i: WorkingTextInput): string {
  const fmt = 'yyyy-MM-dd HH:mm';
  const refYear = i.start.year;
  const parts = [`自 ${i.start.toFormat(fmt)} 起计 ${formatSpan(i.minutes)}工作时间，截止 ${i.due.toFormat(fmt)}`];
  if (i.skippedHolidays.length > 0) parts.push(`跳过${groupByName(i.skippedHolidays, refYear).join('、')}`);
  if (i.makeUpWorkdays.length > 0) {
    const days = i.makeUpWorkdays.map((d) => `${shortDate(d.date, refYear)}（${d.name}）`);
    parts.push(`计入调休工作日 ${days.join('、')}`);
  }
  if (i.uncoveredYears.length > 0) {
    parts.push(`${i.uncoveredYears.join('、')} 年无法定节假日数据，按每周工作时段计算，请核对`);
  }
  return `按工作时间计算（${zoneName(i.zone)}）：${parts.join('；')}`;
}
