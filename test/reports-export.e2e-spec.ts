import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { PERFORMANCE_COLUMNS } from '../src/reports/performance-columns.js';
import type { PerformanceReport, PerformanceReportBody } from '../src/reports/performance-report.types.js';
import { createCompany, createStaff } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const col = (key: string) => PERFORMANCE_COLUMNS.findIndex((c) => c.key === key);
const HEADERS = PERFORMANCE_COLUMNS.map((c) => c.header);

/** RFC 4180 lines of a CSV body after its BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

/** The file name a browser saves: RFC 5987 `filename*` first (RFC 6266), the quoted fallback otherwise. */
function savedName(disposition: string): { name: string; fallback: string } {
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const plain = /filename="([^"]+)"/.exec(disposition);
  return { name: decodeURIComponent(star![1]), fallback: plain![1] };
}

/** HR's files as HR uses them (issue 14, "HR's Excel and CSV"): 工号, subtotals, totals, filter, blank rates. */
describe('HR’s performance report files: employee numbers, subtotals and totals, read back', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let json: PerformanceReportBody;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const download = (format: string): Promise<Response> =>
    t
      .http()
      .get(`/reports/performance?month=2026-12&format=${format}`)
      .set(auth(org.hr.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
  const patchStaff = (id: string, body: Record<string, unknown>) => t.http().patch(`/staff/${id}`).set(auth(t.adminToken)).send(body);

  beforeAll(async () => {
    // Tokens live 30 days in tests: from 2 December they last past the month's end.
    t = await createTestApp('reports-export', { start: '2026-12-02T00:00:00Z' });
    org = await createCompany(t);
    for (const [person, no] of [
      [org.eng.staff, 'e1001'],
      [org.eng.supervisor, 'E1000'],
      [org.cs.staff, 'C2001'],
    ] as const)
      await patchStaff(person.id, { employeeNo: no }).expect(200);
    // December: the engineering handler breaches, is charged for a county-level overreach with a loss, and one
    // of their tickets is resolved and visited (a rate); nobody else has a follow-up (blank rates).
    t.clock.set('2026-12-03T02:00:00Z');
    const a = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-12-04T03:00:00Z');
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    await t
      .http()
      .post(`/tickets/${a.id}/overreach`)
      .set(auth(org.manager.token))
      .send({
        level: 'county',
        venueKind: 'authority',
        venueName: '禹州市住建局',
        occurredAt: '2026-12-04T02:00:00Z',
        attribution: 'slow',
        economicLossFen: 5050,
      })
      .expect(201);
    const b = await fileTicket(t, org.eng.staff.token);
    await t.http().post(`/tickets/${b.id}/replies`).set(auth(org.eng.staff.token)).send({ content: '已修好，请您查看', via: 'phone', final: true }).expect(200);
    await t.http().post(`/tickets/${b.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已修复' }).expect(200);
    await t
      .http()
      .post(`/tickets/${b.id}/follow-ups`)
      .set(auth(org.eng.supervisor.token))
      .send({ contact: 'phone', verdict: 'satisfied', note: '业主满意' })
      .expect(201);
    await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
    // Generated on 1 January 01:30 in Shanghai, still 31 December in UTC.
    t.clock.set('2026-12-31T17:30:00Z');
    json = (await t.http().get('/reports/performance?month=2026-12').set(auth(org.hr.token)).expect(200)).body;
  });
  afterAll(() => t.close());

  it('shows the employee number in the JSON report, and sends the columns the files and the console page share', () => {
    const eng = json.rows.find((r) => r.employee.id === org.eng.staff.id)!;
    expect(eng.employee).toEqual({ id: org.eng.staff.id, name: org.eng.staff.name, employeeNo: 'E1001' });
    expect(json.rows.find((r) => r.employee.id === org.manager.id)?.employee.employeeNo ?? null).toBeNull();
    expect(json.columns.map((c) => c.header)).toEqual(HEADERS);
    expect(json.columns.slice(0, 3).map((c) => c.key)).toEqual(['employeeNo', 'employee', 'department']);
  });

  it('downloads XLSX named 绩效扣分-2026-12.xlsx with 工号, department subtotals, a company total, an autofilter, column widths, blank empty rates and the time in Shanghai', async () => {
    const res = await download('xlsx');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="performance-2026-12.xlsx"; filename*=UTF-8''${encodeURIComponent('绩效扣分-2026-12.xlsx')}`,
    );
    expect(savedName(res.headers['content-disposition'])).toEqual({ name: '绩效扣分-2026-12.xlsx', fallback: 'performance-2026-12.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(PERFORMANCE_COLUMNS.map((_, i) => row.getCell(i + 1).value ?? null)));
    expect(rows[0]).toEqual(HEADERS);
    const byName = (name: string) => rows.find((r) => r[col('employee')] === name)!;
    expect(byName(org.eng.staff.name)[col('employeeNo')]).toBe('E1001');
    expect(byName(org.cs.staff.name)[col('employeeNo')]).toBe('C2001');
    // A subtotal follows each department's employees and sums them; the company total comes last.
    const subtotals = rows.filter((r) => r[col('employee')] === '小计');
    const departments = [...new Set(json.rows.map((r) => r.department?.name ?? '无部门'))];
    expect(subtotals.map((r) => r[col('department')])).toEqual(departments);
    const engSubtotal = subtotals.find((r) => r[col('department')] === '工程部')!;
    const engRows = json.rows.filter((r) => r.department?.code === 'ENG');
    expect(engSubtotal[col('points.total')]).toBe(engRows.reduce((s, r) => s + r.points.total, 0));
    expect(engSubtotal[col('points.total')]).toBe(60);
    expect(engSubtotal[col('economicLoss')]).toBe(50.5);
    expect(engSubtotal[col('slaBreaches')]).toBe(1);
    expect(rows.indexOf(engSubtotal)).toBe(rows.indexOf(byName(engRows.at(-1)!.employee.name)) + 1);
    const total = rows.at(-1)!;
    expect([total[col('employee')], total[col('department')]]).toEqual(['合计', '全公司']);
    expect(total[col('points.total')]).toBe(json.totals.points.total);
    expect(total[col('economicLoss')]).toBe(Number(json.totals.economicLoss.yuan));
    expect(total[col('followUps.satisfactionPercent')]).toBe(100);
    // Rates are numbers; no follow-up leaves the cell empty, not the text ''.
    expect(byName(org.eng.staff.name)[col('followUps.satisfactionPercent')]).toBe(100);
    expect(byName(org.cs.staff.name)[col('followUps.satisfactionPercent')]).toBeNull();
    expect(rows.flat()).not.toContain('');
    // The filter covers the header, the employees and the subtotals; the company total stays visible below it.
    expect(sheet.autoFilter).toBe(`A1:T${rows.length - 1}`);
    PERFORMANCE_COLUMNS.forEach((c, i) =>
      expect({ column: c.header, width: sheet.getColumn(i + 1).width }).toEqual({ column: c.header, width: expect.any(Number) }),
    );
    expect(sheet.getColumn(col('employee') + 1).width).toBeGreaterThanOrEqual(8);
    const notes = wb.getWorksheet('说明')!;
    const note = (label: string) => {
      let v: unknown;
      notes.eachRow((r) => {
        if (r.getCell(1).value === label) v = r.getCell(2).value;
      });
      return v;
    };
    expect(note('时区')).toBe('Asia/Shanghai');
    expect(note('生成时间')).toBe('2027-01-01 01:30:00');
    expect(note('统计区间')).toBe('2026-12-01 00:00:00 至 2027-01-01 00:00:00（不含）');
  });

  it('downloads CSV named 绩效扣分-2026-12.csv with the same columns, 工号, subtotals, the company total and blank empty rates', async () => {
    const res = await download('csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(savedName(res.headers['content-disposition'])).toEqual({ name: '绩效扣分-2026-12.csv', fallback: 'performance-2026-12.csv' });
    const [header, ...rows] = parseCsv((res.body as Buffer).subarray(3).toString('utf8'));
    expect(header).toEqual(HEADERS);
    const byName = (name: string) => rows.find((r) => r[col('employee')] === name)!;
    expect(byName(org.eng.staff.name)[col('employeeNo')]).toBe('E1001');
    expect(byName(org.eng.supervisor.name)[col('employeeNo')]).toBe('E1000');
    expect(byName(org.eng.staff.name)[col('followUps.satisfactionPercent')]).toBe('100.0');
    expect(byName(org.cs.staff.name)[col('followUps.satisfactionPercent')]).toBe('');
    const engSubtotal = rows.find((r) => r[col('employee')] === '小计' && r[col('department')] === '工程部')!;
    expect([engSubtotal[col('points.total')], engSubtotal[col('economicLoss')], engSubtotal[col('employeeNo')]]).toEqual(['60', '50.50', '']);
    expect(rows.filter((r) => r[col('employee')] === '小计')).toHaveLength(new Set(json.rows.map((r) => r.department?.id ?? null)).size);
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['', '合计', '全公司']);
    expect(rows.at(-1)![col('points.total')]).toBe(String(json.totals.points.total));
  });

  it('gives staff an employee number (工号) set by the admin on POST and PATCH /staff: upper-case, unique when set, removable', async () => {
    const created = await t
      .http()
      .post('/staff')
      .set(auth(t.adminToken))
      .send({ name: '周工', username: 'zhou.gong', password: 'zhou-gong-password', roles: ['staff'], employeeNo: 'x-77' })
      .expect(201);
    expect(created.body).toMatchObject({ employeeNo: 'X-77' });
    expect((await t.http().get(`/staff/${org.eng.staff.id}`).set(auth(org.cs.staff.token)).expect(200)).body.employeeNo).toBe('E1001');
    const taken = await t
      .http()
      .post('/staff')
      .set(auth(t.adminToken))
      .send({ name: '吴工', username: 'wu.gong', password: 'wu-gong-password-1', roles: ['staff'], employeeNo: 'E1001' })
      .expect(409);
    expect(taken.body.details).toEqual({ field: 'employeeNo' });
    expect((await patchStaff(created.body.id, { employeeNo: 'e1001' }).expect(409)).body.details).toEqual({ field: 'employeeNo' });
    expect((await patchStaff(created.body.id, { employeeNo: 'E 1' }).expect(400)).body.message).toContain('employeeNo');
    expect((await patchStaff(created.body.id, { employeeNo: 'x'.repeat(21) }).expect(400)).body.message).toContain('employeeNo');
    expect((await patchStaff(created.body.id, { employeeNo: null }).expect(200)).body.employeeNo).toBeNull();
    // Staff without a number, any number of them.
    await createStaff(t, { name: '无号员工' });
    await patchStaff(org.eng.staff.id, { name: org.eng.staff.name }).expect(200);
    expect((await t.http().get(`/staff/${org.eng.staff.id}`).set(auth(t.adminToken)).expect(200)).body.employeeNo).toBe('E1001');
    await t.http().patch(`/staff/${created.body.id}`).set(auth(org.hr.token)).send({ employeeNo: 'H1' }).expect(403);
  });

  it('reads the employee number of a frozen month from its snapshot', async () => {
    t.clock.set('2026-12-31T18:00:00Z');
    await t.http().post('/reports/performance/2026-12/close').set(auth(org.hr.token)).expect(201);
    await patchStaff(org.eng.staff.id, { employeeNo: 'E9999' }).expect(200);
    const frozen = (await t.http().get('/reports/performance?month=2026-12').set(auth(org.hr.token)).expect(200)).body as PerformanceReport;
    expect(frozen.rows.find((r) => r.employee.id === org.eng.staff.id)!.employee.employeeNo).toBe('E1001');
  });
});
