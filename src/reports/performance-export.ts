import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { PERFORMANCE_COLUMNS, type PerformanceColumn, type ReportLine } from './performance-columns.js';
import type { PerformanceReport } from './performance-report.types.js';
import { departmentSubtotals } from './performance-totals.js';

export { PERFORMANCE_COLUMNS } from './performance-columns.js';

export type LineKind = 'employee' | 'subtotal' | 'total';

/** The file's names: Chinese for people, ASCII for clients that cannot read RFC 5987 `filename*`. */
export const performanceFileName = (month: string, format: 'csv' | 'xlsx') => ({
  name: `绩效扣分-${month}.${format}`,
  ascii: `performance-${month}.${format}`,
});

/**
 * The report's lines in file order: each department's employees (the report sorts them by department),
 * then that department's subtotal (员工 小计); the company's total (员工 合计) last.
 */
export function performanceLines(report: PerformanceReport): Array<{ kind: LineKind; line: ReportLine }> {
  const lines: Array<{ kind: LineKind; line: ReportLine }> = [];
  for (const group of departmentSubtotals(report.rows)) {
    for (const row of group.rows) lines.push({ kind: 'employee', line: row });
    const department = { name: group.department?.name ?? '无部门' };
    lines.push({ kind: 'subtotal', line: { ...group.figures, employee: { name: '小计', employeeNo: null }, department } });
  }
  lines.push({ kind: 'total', line: { ...report.totals, employee: { name: '合计', employeeNo: null }, department: { name: '全公司' } } });
  return lines;
}

export const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** A cell as the CSV writes it: text guarded, an empty rate as an empty field. */
function csvValue(c: PerformanceColumn, line: ReportLine): string {
  const v = c.value(line);
  if (v === null) return '';
  return c.kind === 'text' ? guard(String(v)) : String(v);
}

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM and CRLF lines, so Excel opens the Chinese headers correctly. */
export function performanceCsv(report: PerformanceReport): Buffer {
  const lines = [PERFORMANCE_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const { line } of performanceLines(report)) lines.push(PERFORMANCE_COLUMNS.map((c) => csvField(csvValue(c, line))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** A cell as the XLSX holds it: numbers as numbers (yuan and rates too), an empty rate or text as no value at all. */
function xlsxValue(c: PerformanceColumn, line: ReportLine): string | number | null {
  const v = c.value(line);
  if (v === null || v === undefined) return null;
  if (c.kind === 'text') return String(v) ? guard(String(v)) : null;
  return Number(v);
}

const NUM_FMT: Partial<Record<PerformanceColumn['kind'], string>> = { money: '0.00', percent: '0.0' };

/** Spreadsheet width of text: CJK and full-width characters take two columns. */
export const displayWidth = (s: string) =>
  [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

export interface ExportOptions {
  /** When the file is made (the injected clock); the report's own time by default. */
  generatedAt?: Date;
}

export async function performanceXlsx(report: PerformanceReport, options: ExportOptions = {}): Promise<Buffer> {
  const zone = report.timeZone;
  const generatedAt = options.generatedAt ? DateTime.fromJSDate(options.generatedAt) : DateTime.fromISO(report.generatedAt);
  const local = (t: DateTime) => (t.isValid ? t.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss') : '');
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt.toJSDate();
  const sheet = workbook.addWorksheet(`绩效扣分 ${report.month}`);
  sheet.addRow(PERFORMANCE_COLUMNS.map((c) => c.header)).font = { bold: true };
  const widths = PERFORMANCE_COLUMNS.map((c) => displayWidth(c.header));
  let lastFiltered = 1;
  for (const { kind, line } of performanceLines(report)) {
    const values = PERFORMANCE_COLUMNS.map((c) => xlsxValue(c, line));
    const row = sheet.addRow(values);
    values.forEach((v, i) => (widths[i] = Math.max(widths[i], displayWidth(v === null ? '' : String(v)))));
    if (kind !== 'employee') row.font = { bold: true };
    // The company total stays below the filter range, so it shows whatever HR filters by.
    if (kind !== 'total') lastFiltered = row.number;
  }
  PERFORMANCE_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(60, Math.max(8, widths[i] + 2));
    if (NUM_FMT[c.kind]) column.numFmt = NUM_FMT[c.kind]!;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastFiltered, column: PERFORMANCE_COLUMNS.length } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  // Times in the business time zone, the zone the month is counted in (DESIGN decision 7).
  const status = workbook.addWorksheet('说明');
  status.addRow(['月份', report.month]);
  status.addRow(['时区', zone]);
  status.addRow(['统计区间', `${local(DateTime.fromISO(report.range.start))} 至 ${local(DateTime.fromISO(report.range.end))}（不含）`]);
  status.addRow(['状态', report.closed && report.closedAt ? `已结账 ${local(DateTime.fromISO(report.closedAt))}` : '未结账']);
  status.addRow(['生成时间', local(generatedAt)]);
  status.addRow(['小计与合计', '每个部门的员工之后一行为该部门小计，最后一行为全公司合计；满意率按回访次数计算，无回访时留空']);
  status.getColumn(1).width = 12;
  status.getColumn(2).width = 60;
  status.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
