import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { performanceCsv, performanceXlsx, PERFORMANCE_COLUMNS } from './performance-export.js';
import type { PerformanceReport, PerformanceRow } from './performance-report.types.js';

const row = (name: string, fen: number, yuan: string): PerformanceRow => ({
  employee: { id: name, name }, department: { id: 'd', code: 'ENG', name: '工程部' },
  points: { 'overreach.company': 20, 'overreach.county': 0, 'overreach.city': 0, valid_complaint: 0, total: 20 },
  economicLoss: { fen, yuan }, warnings: 0, disciplinaryCases: 0, validComplaints: 1, slaBreaches: 2, ticketsHandled: 3,
  followUps: { satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, satisfactionPercent: '50.0' }, adjustments: 0,
  tickets: { points: [{ id: 't', reference: 'TS-20261102-0001', entryId: 'e', rule: 'overreach.company', points: 20 }], economicLoss: [], warnings: [], disciplinaryCases: [], validComplaints: [], slaBreaches: [], followUps: [], adjustments: [] },
});

const report = (rows: PerformanceRow[]): PerformanceReport => ({
  month: '2026-11', timeZone: 'Asia/Shanghai', range: { start: '', end: '' }, closed: false, closedAt: null, generatedAt: '2026-12-01T00:00:00.000Z', rows,
  totals: { ...rows[0], employee: undefined, department: undefined, tickets: undefined } as never,
});

describe('performance report exports', () => {
  it('writes CSV as UTF-8 with a BOM and Chinese headers, so Excel opens it', () => {
    const csv = performanceCsv(report([row('王工', 12345, '123.45')]));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0].split(',')).toEqual(PERFORMANCE_COLUMNS.map((c) => c.header));
    expect(lines[1]).toBe('王工,工程部,20,0,0,0,20,123.45,0,0,1,2,3,1,0,1,50.0,0,TS-20261102-0001');
  });

  it('quotes commas and guards text cells against formula injection', () => {
    const lines = performanceCsv(report([row('=HYPERLINK("x"),1', 0, '0.00')])).subarray(3).toString('utf8').split('\r\n');
    expect(lines[1].startsWith(`"'=HYPERLINK(""x""),1",`)).toBe(true);
  });

  it('writes XLSX whose cells read back as the same figures, yuan with two decimals', async () => {
    const buffer = await performanceXlsx(report([row('王工', 12345, '123.45')]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('员工');
    expect(sheet.getRow(2).getCell(8).value).toBe(123.45);
    expect(sheet.getColumn(8).numFmt).toBe('0.00');
    expect(sheet.getRow(2).getCell(7).value).toBe(20);
  });
});
