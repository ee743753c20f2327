import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { attachment } from '../common/http/content-disposition.js';
import { performanceCsv, performanceLines, performanceXlsx, PERFORMANCE_COLUMNS } from './performance-export.js';
import type { PerformanceReport, PerformanceRow } from './performance-report.types.js';
import { sumFigures } from './performance-totals.js';

const ENG = { id: 'd1', code: 'ENG', name: '工程部' };
const CS = { id: 'd2', code: 'CS', name: '客服部' };

const row = (name: string, fen: number, yuan: string, department: PerformanceRow['department'] = ENG, percent: string | null = '50.0'): PerformanceRow => ({
  employee: { id: name, name, employeeNo: `E-${name.length}` },
  department,
  points: { 'overreach.company': 20, 'overreach.county': 0, 'overreach.city': 0, valid_complaint: 0, total: 20 },
  economicLoss: { fen, yuan },
  warnings: 0,
  disciplinaryCases: 0,
  validComplaints: 1,
  slaBreaches: 2,
  ticketsHandled: 3,
  followUps: percent
    ? { satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, satisfactionPercent: percent }
    : { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, satisfactionPercent: null },
  adjustments: 0,
  tickets: {
    points: [{ id: 't', reference: 'TS-20261102-0001', entryId: 'e', rule: 'overreach.company', points: 20 }],
    economicLoss: [],
    warnings: [],
    disciplinaryCases: [],
    validComplaints: [],
    slaBreaches: [],
    followUps: [],
    adjustments: [],
  },
});

const report = (rows: PerformanceRow[]): PerformanceReport => ({
  month: '2026-11',
  timeZone: 'Asia/Shanghai',
  range: { start: '2026-10-31T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z' },
  closed: false,
  closedAt: null,
  generatedAt: '2026-12-01T00:00:00.000Z',
  rows,
  totals: sumFigures(rows),
});

const csvLines = (r: PerformanceReport) => performanceCsv(r).subarray(3).toString('utf8').split('\r\n');

describe('performance report exports', () => {
  it('writes CSV as UTF-8 with a BOM and Chinese headers, so Excel opens it', () => {
    const csv = performanceCsv(report([row('王工', 12345, '123.45')]));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(report([row('王工', 12345, '123.45')]));
    expect(lines[0].split(',')).toEqual(PERFORMANCE_COLUMNS.map((c) => c.header));
    expect(lines[1]).toBe('E-2,王工,工程部,20,0,0,0,20,123.45,0,0,1,2,3,1,0,1,50.0,0,TS-20261102-0001');
  });

  it('follows each department with its subtotal and ends with the company total, leaving an empty rate blank', () => {
    const lines = csvLines(report([row('李四', 0, '0.00', CS, null), row('王工', 100, '1.00'), row('赵六', 250, '2.50', ENG, null)]));
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'E-2,李四,客服部',
      ',小计,客服部',
      'E-2,王工,工程部',
      'E-2,赵六,工程部',
      ',小计,工程部',
      ',合计,全公司',
    ]);
    const cells = (l: string) => l.split(',');
    expect(cells(lines[1])[17]).toBe('');
    expect(cells(lines[2])[17]).toBe('');
    expect(cells(lines[5])).toEqual([...',小计,工程部,40,0,0,0,40,3.50,0,0,2,4,6,1,0,1,50.0,0,'.split(',')]);
    expect(cells(lines[6]).slice(3, 9)).toEqual(['60', '0', '0', '0', '60', '3.50']);
    expect(lines.at(-1)).toBe('');
  });

  it('quotes commas and guards text cells against formula injection', () => {
    const lines = csvLines(report([row('=HYPERLINK("x"),1', 0, '0.00')]));
    expect(lines[1].split(',').slice(1).join(',').startsWith(`"'=HYPERLINK(""x""),1",`)).toBe(true);
  });

  it('writes XLSX whose cells read back as numbers, yuan with two decimals, empty rates as no value', async () => {
    const buffer = await performanceXlsx(report([row('王工', 12345, '123.45'), row('赵六', 0, '0.00', ENG, null)]), {
      generatedAt: new Date('2026-12-01T01:30:00Z'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('工号');
    expect(sheet.getRow(2).getCell(9).value).toBe(123.45);
    expect(sheet.getColumn(9).numFmt).toBe('0.00');
    expect(sheet.getRow(2).getCell(18).value).toBe(50);
    expect(sheet.getRow(3).getCell(18).value).toBeNull();
    expect(sheet.getRow(4).getCell(2).value).toBe('小计');
    expect(sheet.getRow(5).getCell(2).value).toBe('合计');
    expect(sheet.autoFilter).toBe('A1:T4');
    PERFORMANCE_COLUMNS.forEach((_, i) => expect(sheet.getColumn(i + 1).width).toBeGreaterThanOrEqual(8));
    expect(wb.getWorksheet('说明')!.getRow(5).values).toEqual([undefined, '生成时间', '2026-12-01 09:30:00']);
  });

  it('lists the lines in file order with their kinds', () => {
    expect(
      performanceLines(report([row('王工', 0, '0.00'), row('无部门', 0, '0.00', null)])).map((l) => [l.kind, l.line.employee.name, l.line.department?.name]),
    ).toEqual([
      ['employee', '王工', '工程部'],
      ['subtotal', '小计', '工程部'],
      ['employee', '无部门', undefined],
      ['subtotal', '小计', '无部门'],
      ['total', '合计', '全公司'],
    ]);
  });

  it('names the download in Chinese with RFC 5987 and an ASCII fallback', () => {
    expect(attachment('绩效扣分-2026-12.xlsx', 'performance-2026-12.xlsx')).toBe(
      `attachment; filename="performance-2026-12.xlsx"; filename*=UTF-8''%E7%BB%A9%E6%95%88%E6%89%A3%E5%88%86-2026-12.xlsx`,
    );
    expect(() => attachment('x', '绩效.xlsx')).toThrow();
  });
});
