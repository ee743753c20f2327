import type { LeaderReportView } from './leader-report.view.js';
import { MATTER_ZH, REASON_ZH } from './leader-reports.service.js';

const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const COLUMNS: Array<[string, (r: LeaderReportView, time: (d: string) => string) => string]> = [
  ['报告时间', (r, time) => time(r.reportedAt)],
  ['工单编号', (r) => r.ticket.reference],
  ['类型', (r) => REASON_ZH[r.reason]],
  ['重要事项', (r) => r.matters.map((m) => MATTER_ZH[m]).join('、')],
  ['接收领导', (r) => r.recipients.map((p) => p.name).join('、')],
  ['报告人', (r) => r.reporter?.name ?? ''],
  ['报告内容', (r) => r.content],
];

/** The written reports as a file (第一篇 一.8): UTF-8 with a BOM and CRLF lines for Excel; text guarded against formulas. */
export function leaderReportsCsv(reports: LeaderReportView[], time: (iso: string) => string): Buffer {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const r of reports) lines.push(COLUMNS.map(([, value]) => field(guard(value(r, time)))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
