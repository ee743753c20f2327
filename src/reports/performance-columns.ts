import type { PerformanceFigures, PerformanceRow } from './performance-report.types.js';

/**
 * A line of HR's report as the files and the console page show it: an employee's row, a department's
 * subtotal (员工 小计) or the company's total (员工 合计), whose text cells are labels.
 */
export type ReportLine = PerformanceFigures & {
  employee: { name: string; employeeNo: string | null };
  department: { name: string } | null;
  tickets?: PerformanceRow['tickets'];
};

/** text: guarded against formula injection; count: integer; money: yuan, two decimals; percent: one decimal, blank when none. */
export type ColumnKind = 'text' | 'count' | 'money' | 'percent';

export interface PerformanceColumn {
  /** Stable name of the figure, which the console page reads its value by. */
  key: string;
  header: string;
  kind: ColumnKind;
  value: (line: ReportLine) => string | number | null;
}

/**
 * The columns of HR's report (第八条(四)), in order, with the one set of headings that the CSV, the XLSX
 * and the console page (GET /reports/performance answers them as `columns`) all show. The seed's words:
 * 越级投诉 and 告诫 from 第十条, 行政处分 from 第十条(三).
 */
export const PERFORMANCE_COLUMNS: readonly PerformanceColumn[] = [
  { key: 'employeeNo', header: '工号', kind: 'text', value: (r) => r.employee.employeeNo ?? '' },
  { key: 'employee', header: '员工', kind: 'text', value: (r) => r.employee.name },
  { key: 'department', header: '部门', kind: 'text', value: (r) => r.department?.name ?? '' },
  { key: 'points.overreach.company', header: '越级投诉扣分（公司领导）', kind: 'count', value: (r) => r.points['overreach.company'] },
  { key: 'points.overreach.county', header: '越级投诉扣分（县级）', kind: 'count', value: (r) => r.points['overreach.county'] },
  { key: 'points.overreach.city', header: '越级投诉扣分（市级及以上）', kind: 'count', value: (r) => r.points['overreach.city'] },
  { key: 'points.valid_complaint', header: '有效投诉扣分', kind: 'count', value: (r) => r.points.valid_complaint },
  { key: 'points.total', header: '合计扣分', kind: 'count', value: (r) => r.points.total },
  { key: 'economicLoss', header: '经济损失（元）', kind: 'money', value: (r) => r.economicLoss.yuan },
  { key: 'warnings', header: '告诫（次）', kind: 'count', value: (r) => r.warnings },
  { key: 'disciplinaryCases', header: '行政处分（件）', kind: 'count', value: (r) => r.disciplinaryCases },
  { key: 'validComplaints', header: '有效投诉（次）', kind: 'count', value: (r) => r.validComplaints },
  { key: 'slaBreaches', header: '超时（处理人）', kind: 'count', value: (r) => r.slaBreaches },
  { key: 'ticketsHandled', header: '经办工单', kind: 'count', value: (r) => r.ticketsHandled },
  { key: 'followUps.satisfied', header: '回访满意', kind: 'count', value: (r) => r.followUps.satisfied },
  { key: 'followUps.basicallySatisfied', header: '回访基本满意', kind: 'count', value: (r) => r.followUps.basicallySatisfied },
  { key: 'followUps.dissatisfied', header: '回访不满意', kind: 'count', value: (r) => r.followUps.dissatisfied },
  { key: 'followUps.satisfactionPercent', header: '满意率（%）', kind: 'percent', value: (r) => r.followUps.satisfactionPercent },
  { key: 'adjustments', header: '调整（条）', kind: 'count', value: (r) => r.adjustments },
  { key: 'pointTickets', header: '扣分工单', kind: 'text', value: (r) => [...new Set((r.tickets?.points ?? []).map((t) => t.reference))].join('；') },
];

/** What GET /reports/performance sends as `columns`: the key, heading and kind of each column, in order. */
export const PERFORMANCE_HEADINGS = PERFORMANCE_COLUMNS.map(({ key, header, kind }) => ({ key, header, kind }));
