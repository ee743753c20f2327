import ExcelJS from 'exceljs';
import type { PerformanceReport, PerformanceRow } from './performance-report.types.js';

type Cell = string | number;

interface Column {
  header: string;
  value: (r: PerformanceRow) => Cell;
  /** Text columns are guarded against spreadsheet formula injection. */
  text?: boolean;
  /** Yuan with two decimals. */
  money?: boolean;
}

/** The columns of the CSV and XLSX exports, in order, with the headers HR reads (第八条(四)). */
export const PERFORMANCE_COLUMNS: Column[] = [
  { header: '员工', value: (r) => r.employee.name, text: true },
  { header: '部门', value: (r) => r.department?.name ?? '', text: true },
  { header: '越级投诉扣分（公司领导）', value: (r) => r.points['overreach.company'] },
  { header: '越级投诉扣分（县级）', value: (r) => r.points['overreach.county'] },
  { header: '越级投诉扣分（市级及以上）', value: (r) => r.points['overreach.city'] },
  { header: '有效投诉扣分', value: (r) => r.points.valid_complaint },
  { header: '合计扣分', value: (r) => r.points.total },
  { header: '经济损失（元）', value: (r) => r.economicLoss.yuan, money: true },
  { header: '告诫', value: (r) => r.warnings },
  { header: '纪律处分', value: (r) => r.disciplinaryCases },
  { header: '有效投诉（次）', value: (r) => r.validComplaints },
  { header: '超时（处理人）', value: (r) => r.slaBreaches },
  { header: '处理工单', value: (r) => r.ticketsHandled },
  { header: '回访满意', value: (r) => r.followUps.satisfied },
  { header: '回访基本满意', value: (r) => r.followUps.basicallySatisfied },
  { header: '回访不满意', value: (r) => r.followUps.dissatisfied },
  { header: '满意率（%）', value: (r) => r.followUps.satisfactionPercent ?? '' },
  { header: '调整（条）', value: (r) => r.adjustments },
  { header: '扣分工单', value: (r) => [...new Set(r.tickets.points.map((t) => t.reference))].join('；'), text: true },
];

const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvField(value: Cell): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM and CRLF lines, so Excel opens the Chinese headers correctly. */
export function performanceCsv(report: PerformanceReport): Buffer {
  const lines = [PERFORMANCE_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const row of report.rows) {
    lines.push(PERFORMANCE_COLUMNS.map((c) => { const v = c.value(row); return csvField(c.text ? guard(String(v)) : v); }).join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function performanceXlsx(report: PerformanceReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet(`绩效扣分 ${report.month}`);
  sheet.addRow(PERFORMANCE_COLUMNS.map((c) => c.header)).font = { bold: true };
  for (const row of report.rows) {
    sheet.addRow(PERFORMANCE_COLUMNS.map((c) => {
      const v = c.value(row);
      // The yuan figure is exact in its string; the cell holds its number with a two-decimal format.
      return c.money ? Number(v) : c.text ? guard(String(v)) : v;
    }));
  }
  PERFORMANCE_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(8, c.header.length * 2 + 2);
    if (c.money) column.numFmt = '0.00';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const status = workbook.addWorksheet('说明');
  status.addRow(['月份', report.month]);
  status.addRow(['时区', report.timeZone]);
  status.addRow(['状态', report.closed ? `已结账 ${report.closedAt}` : '未结账']);
  status.addRow(['生成时间', report.generatedAt]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
