import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ReportLine } from '../src/reports/performance-columns.js';
import { performanceLines, PERFORMANCE_COLUMNS } from '../src/reports/performance-export.js';
import {
  PERFORMANCE_FIGURES,
  type FigureTicket,
  type FigureTicketsPage,
  type HandledTicketsPage,
  type PerformanceFigure,
  type PerformanceReport,
  type PerformanceReportBody,
  type PerformanceRow,
} from '../src/reports/performance-report.types.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';
import { withoutIds } from './utils/without-ids.js';

const RESIDENT = { name: '欧阳业主', phone: '13912345678' };

/** The figures of a line as the exports show them, to compare JSON with CSV and XLSX (an empty rate is blank). */
const figures = (r: ReportLine) => PERFORMANCE_COLUMNS.map((c) => String(c.value(r) ?? ''));
/** Every line of the files: the JSON's employees with each department's subtotal and the company total. */
const fileLines = (r: PerformanceReport) => performanceLines(r).map((l) => figures(l.line));

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
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

async function xlsxRows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) =>
    rows.push(
      PERFORMANCE_COLUMNS.map((c, i) => {
        const v = row.getCell(i + 1).value;
        if (typeof v === 'number' && c.kind === 'money') return v.toFixed(2);
        if (typeof v === 'number' && c.kind === 'percent') return v.toFixed(1);
        return String(v ?? '');
      }),
    ),
  );
  return rows;
}

describe('HR’s monthly performance report, month close and the complaint summary (第八条(四))', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let ticketA: { id: string; reference: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Every page of the tickets behind one figure of a row (`ticketsPath?figure=…`), two at a time so that paging is exercised. */
  const figureList = async (ticketsPath: string, figure: PerformanceFigure, token = org.hr.token): Promise<FigureTicket[]> => {
    const items: FigureTicket[] = [];
    let cursor: string | null = null;
    do {
      const page: FigureTicketsPage = (
        await t
          .http()
          .get(ticketsPath)
          .query({ figure, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(auth(token))
          .expect(200)
      ).body;
      expect(page.figure).toBe(figure);
      items.push(...page.items);
      if (!page.nextCursor) expect(items).toHaveLength(page.total);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  /** The JSON report (figures and `ticketsPath` per row) with each row's lists read back through the paged endpoint. */
  const report = async (month: string, token = org.hr.token): Promise<PerformanceReport> => {
    const body = (await t.http().get(`/reports/performance?month=${month}`).set(auth(token)).expect(200)).body as PerformanceReportBody;
    const rows = [];
    for (const { ticketsPath, ...row } of body.rows) {
      expect(row).not.toHaveProperty('tickets');
      expect(ticketsPath).toBe(`/reports/performance/${month}/employees/${row.employee.id}/tickets`);
      const tickets: Record<string, FigureTicket[]> = {};
      for (const figure of PERFORMANCE_FIGURES) tickets[figure] = await figureList(ticketsPath, figure, token);
      rows.push({ ...row, tickets: tickets as unknown as PerformanceRow['tickets'] });
    }
    const { columns: _columns, subtotals: _subtotals, ...rest } = body;
    return { ...rest, rows };
  };
  const rowOf = (r: PerformanceReport, id: string) => r.rows.find((x) => x.employee.id === id)!;
  const handledUrl = (month: string, employeeId: string) => `/reports/performance/${month}/employees/${employeeId}/tickets-handled`;
  const handled = async (month: string, employeeId: string, query: Record<string, string | number> = {}, token = org.hr.token) =>
    (await t.http().get(handledUrl(month, employeeId)).query(query).set(auth(token)).expect(200)).body as HandledTicketsPage;
  const binary = (month: string, format: string) =>
    t
      .http()
      .get(`/reports/performance?month=${month}&format=${format}`)
      .set(auth(org.hr.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp('reports', { start: '2026-11-01T00:00:00Z' });
    org = await createCompany(t);
    // November: a breach and a county-level overreach with a loss on A, a valid complaint and a reply on B, C untouched.
    t.clock.set('2026-11-03T02:00:00Z');
    ticketA = await fileTicket(t, org.eng.staff.token, { complainant: { ...RESIDENT, address: { community: '阳光花园', building: '1' } } });
    t.clock.set('2026-11-04T03:00:00Z');
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    t.clock.set('2026-11-05T03:00:00Z');
    await t
      .http()
      .post(`/tickets/${ticketA.id}/overreach`)
      .set(auth(org.manager.token))
      .send({
        level: 'county',
        venueKind: 'authority',
        venueName: '禹州市住建局',
        occurredAt: '2026-11-05T02:00:00Z',
        attribution: 'slow',
        economicLossFen: 12345,
      })
      .expect(201);
    t.clock.set('2026-11-06T02:00:00Z');
    const b = await fileTicket(t, org.cs.staff.token, { category: '服务态度', channel: 'visit' });
    t.clock.set('2026-11-06T02:30:00Z');
    await t.http().post(`/tickets/${b.id}/replies`).set(auth(org.cs.staff.token)).send({ content: '已向您道歉并整改', via: 'phone' }).expect(200);
    await t
      .http()
      .post(`/tickets/${b.id}/valid-complaint`)
      .set(auth(org.cs.supervisor.token))
      .send({ employeeId: org.cs.staff.id, withinDuties: true, assignedBySupervisor: false, couldBeDoneAtOnce: true, verdict: 'valid', reason: '态度生硬' })
      .expect(201);
    t.clock.set('2026-11-20T02:00:00Z');
    await fileTicket(t, org.env.staff.token, { category: '卫生' });
  });
  afterAll(() => t.close());

  it('gives one row per employee with points by rule, losses in yuan, warnings, valid complaints and breaches, naming the tickets behind each figure', async () => {
    const r = await report('2026-11');
    const handler = rowOf(r, org.eng.staff.id);
    expect(handler).toMatchObject({ points: { 'overreach.county': 30, total: 30 }, economicLoss: { fen: 12345, yuan: '123.45' }, slaBreaches: 1, warnings: 0 });
    expect(handler.tickets.points.map((x) => x.reference)).toEqual([ticketA.reference]);
    expect(handler.tickets.slaBreaches.map((x) => x.id)).toEqual([ticketA.id]);
    expect(handler.tickets.economicLoss).toEqual([expect.objectContaining({ id: ticketA.id, amountFen: 12345 })]);
    // Tickets handled is a count; the tickets behind it are paged per employee (GET …/tickets-handled).
    expect(handler.ticketsHandled).toBe(1);
    expect(handler.tickets).not.toHaveProperty('ticketsHandled');
    expect(await handled('2026-11', org.eng.staff.id)).toMatchObject({ total: 1, items: [{ id: ticketA.id, reference: ticketA.reference }], nextCursor: null });
    const supervisor = rowOf(r, org.eng.supervisor.id);
    expect(supervisor).toMatchObject({ points: { 'overreach.county': 30, total: 30 }, warnings: 1, economicLoss: { fen: 0 } });
    expect(supervisor.tickets.warnings.map((x) => x.id)).toEqual([ticketA.id]);
    expect(rowOf(r, org.cs.staff.id)).toMatchObject({ validComplaints: 1, slaBreaches: 0 });
    expect(r.totals).toMatchObject({ points: { total: 60 }, economicLoss: { yuan: '123.45' }, warnings: 1, validComplaints: 1 });
  });

  it('sends each department’s subtotal with the rows, the 小计 the files carry, and they add up to the total', async () => {
    const r = (await t.http().get('/reports/performance?month=2026-11').set('Authorization', `Bearer ${org.hr.token}`).expect(200)).body as {
      rows: Array<{ department: { id: string } | null; points: { total: number } }>;
      subtotals: Array<{ department: { id: string; code: string } | null; figures: { points: { total: number }; economicLoss: { fen: number } } }>;
      totals: { points: { total: number }; economicLoss: { fen: number } };
    };
    const eng = r.subtotals.find((s) => s.department?.code === 'ENG');
    expect(eng?.figures).toMatchObject({ points: { total: 60 }, economicLoss: { fen: 12345 } });
    const departmentsInRowOrder = [...new Set(r.rows.map((row) => row.department?.id ?? null))];
    expect(r.subtotals.map((s) => s.department?.id ?? null)).toEqual(departmentsInRowOrder);
    expect(r.subtotals.reduce((sum, s) => sum + s.figures.points.total, 0)).toBe(r.totals.points.total);
    expect(r.subtotals.reduce((sum, s) => sum + s.figures.economicLoss.fen, 0)).toBe(r.totals.economicLoss.fen);
  });

  it('exports CSV (UTF-8 with BOM, Chinese headers) and XLSX that parse back to the same figures as the JSON', async () => {
    const json = await report('2026-11');
    const csv = (await binary('2026-11', 'csv')).body as Buffer;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(csv.subarray(3).toString('utf8'));
    expect(header).toEqual(PERFORMANCE_COLUMNS.map((c) => c.header));
    expect(rows).toEqual(fileLines(json));
    const xlsx = await xlsxRows((await binary('2026-11', 'xlsx')).body as Buffer);
    expect(xlsx[0]).toEqual(PERFORMANCE_COLUMNS.map((c) => c.header));
    expect(xlsx.slice(1)).toEqual(fileLines(json));
  });

  it('shows HR no resident name or phone in the report, in any format (DESIGN decision 8)', async () => {
    const text = withoutIds(
      [
        JSON.stringify(await report('2026-11')),
        (await binary('2026-11', 'csv')).body.toString('utf8'),
        JSON.stringify(await xlsxRows((await binary('2026-11', 'xlsx')).body as Buffer)),
      ].join('\n'),
    );
    expect(text).not.toContain(RESIDENT.name);
    expect(text).not.toContain(RESIDENT.phone);
    expect(text).not.toContain(RESIDENT.phone.slice(-4));
  });

  it('lets HR and managers read the report; staff and supervisors cannot', async () => {
    await report('2026-11', org.manager.token);
    await t.http().get('/reports/performance?month=2026-11').set(auth(org.eng.staff.token)).expect(403);
    await t.http().get('/reports/performance?month=2026-11').set(auth(org.eng.supervisor.token)).expect(403);
    expect((await t.http().get('/reports/performance?month=2026-13').set(auth(org.hr.token)).expect(400)).body.message).toContain('month');
  });

  it('summarises the month: counts by channel, category, department and severity, compliance, median first answer, breaches, overreaches by level', async () => {
    const s = (await t.http().get('/reports/summary?month=2026-11').set(auth(org.manager.token)).expect(200)).body;
    expect(s.received).toMatchObject({
      total: 3,
      byChannel: { phone: 2, visit: 1 },
      byCategory: { 报修: 1, 服务态度: 1, 卫生: 1 },
      bySeverity: { general: 3 },
    });
    expect(s.received.byDepartment.map((d: { code: string; count: number }) => [d.code, d.count])).toEqual([
      ['CS', 1],
      ['ENG', 1],
      ['ENV', 1],
    ]);
    expect(s.firstAnswer).toEqual({ answered: 1, medianMinutes: 30 });
    expect(s.breaches.byPurpose.response).toBe(1);
    expect(s.overreaches).toMatchObject({ total: 1, attributed: 1, byLevel: { company: 0, county: 1, city: 0 } });
    // A's answer clock breached, B's met in 30 minutes, C's still running and not yet due.
    expect(s.responseClock).toEqual({ due: 3, onTime: 1, breached: 1, compliancePercent: '33.3' });
    expect(s.followUps).toMatchObject({ resolved: 0, visited: 0, coveragePercent: null });
    expect(JSON.stringify(s)).not.toContain(RESIDENT.phone);
    await t.http().get('/reports/summary?month=2026-11').set(auth(org.eng.staff.token)).expect(403);
  });

  it('refuses to close a month before it has ended, and lets only HR close', async () => {
    t.clock.set('2026-11-30T15:00:00Z');
    const res = await t.http().post('/reports/performance/2026-11/close').set(auth(org.hr.token)).expect(422);
    expect(res.body.details.rule).toBe('report.close_after_month_end');
    await t.http().post('/reports/performance/2026-11/close').set(auth(org.manager.token)).expect(403);
    expect((await t.http().post('/reports/performance/november/close').set(auth(org.hr.token)).expect(400)).body.message).toContain('month');
  });

  it('freezes a closed month: a later charge dated in it lands in the next month as an adjustment naming its original month', async () => {
    t.clock.set('2026-11-30T17:00:00Z'); // 1 December 01:00 in Shanghai
    const closed = (await t.http().post('/reports/performance/2026-11/close').set(auth(org.hr.token)).expect(201)).body as PerformanceReport;
    expect(closed.closed).toBe(true);
    await t.http().post('/reports/performance/2026-11/close').set(auth(org.hr.token)).expect(409);
    const c = (await t.http().get('/tickets?category=卫生').set(auth(org.manager.token)).expect(200)).body.items[0];
    t.clock.set('2026-11-30T18:00:00Z');
    await t
      .http()
      .post(`/tickets/${c.id}/overreach`)
      .set(auth(org.manager.token))
      .send({ level: 'company', venueKind: 'company_leader', venueName: '总经理', occurredAt: '2026-11-20T05:00:00Z', attribution: 'not_accepted' })
      .expect(201);
    const november = await report('2026-11');
    expect(november.rows).toEqual(closed.rows);
    expect(rowOf(november, org.env.staff.id).points.total).toBe(0);
    const december = rowOf(await report('2026-12'), org.env.staff.id);
    expect(december).toMatchObject({ points: { 'overreach.company': 20, total: 20 }, adjustments: 1 });
    expect(december.tickets.adjustments).toEqual([expect.objectContaining({ id: c.id, originalMonth: '2026-11', points: 20 })]);
  });

  it('writes the same report to a file from the command line (npm run report -- performance --month … --format xlsx --out …)', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'november.xlsx');
    await promisify(execFile)(process.execPath, ['dist/src/cli/report.js', 'performance', '--month', '2026-11', '--format', 'xlsx', '--out', out], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, JWT_SECRET: 'cli-secret-cli-secret-cli-secret-0123' },
    });
    const json = await report('2026-11');
    expect((await xlsxRows(readFileSync(out))).slice(1)).toEqual(fileLines(json));
  });

  describe('the tickets behind each employee’s tickets-handled figure, paged', () => {
    let december: Array<{ id: string; reference: string }>;

    beforeAll(async () => {
      // December: three new tickets for the engineering handler; A, still open, is handled in December too.
      t.clock.set('2026-11-30T19:00:00Z'); // 1 December 03:00 in Shanghai, while the tokens are valid
      december = [];
      for (let i = 0; i < 3; i++) december.push(await fileTicket(t, org.eng.staff.token));
      t.clock.set('2026-11-30T19:20:00Z');
      await t
        .http()
        .post(`/tickets/${december[0].id}/replies`)
        .set(auth(org.eng.staff.token))
        .send({ content: '已修好，请您查看', via: 'phone', final: true })
        .expect(200);
      await t.http().post(`/tickets/${december[0].id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已修复' }).expect(200);
      t.clock.set('2026-11-30T20:00:00Z');
      await t
        .http()
        .post(`/tickets/${december[0].id}/follow-ups`)
        .set(auth(org.eng.supervisor.token))
        .send({ contact: 'phone', verdict: 'satisfied', note: '业主满意' })
        .expect(201);
    });

    it('lists every ticket the employee handled in the month, by reference, in cursor pages whose total is the report’s figure', async () => {
      const row = rowOf(await report('2026-12'), org.eng.staff.id);
      expect(row.ticketsHandled).toBe(4);
      const first = await handled('2026-12', org.eng.staff.id, { limit: 3 });
      expect(first).toMatchObject({ month: '2026-12', employee: { id: org.eng.staff.id, name: org.eng.staff.name }, total: 4 });
      expect(first.items).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await handled('2026-12', org.eng.staff.id, { limit: 3, cursor: first.nextCursor! });
      expect(second).toMatchObject({ total: 4, nextCursor: null });
      const all = [...first.items, ...second.items];
      const expected = [ticketA, ...december].map((x) => ({ id: x.id, reference: x.reference })).sort((a, b) => a.reference.localeCompare(b.reference));
      expect(all).toEqual(expected);
      // A closed month reads the same list as its frozen figure.
      expect((await handled('2026-11', org.eng.staff.id)).items.map((x) => x.id)).toEqual([ticketA.id]);
      expect(rowOf(await report('2026-11'), org.eng.staff.id).ticketsHandled).toBe(1);
      expect(await handled('2026-12', org.hr.id)).toEqual({
        month: '2026-12',
        employee: { id: org.hr.id, name: expect.any(String) },
        total: 0,
        items: [],
        nextCursor: null,
      });
    });

    it('lets HR and managers page the handled tickets; staff and supervisors cannot; 404 for an unknown employee or a month not begun, 400 for bad input', async () => {
      await handled('2026-12', org.eng.staff.id, {}, org.manager.token);
      await t.http().get(handledUrl('2026-12', org.eng.staff.id)).set(auth(org.eng.staff.token)).expect(403);
      await t.http().get(handledUrl('2026-12', org.eng.staff.id)).set(auth(org.eng.supervisor.token)).expect(403);
      await t.http().get(handledUrl('2026-12', org.eng.staff.id)).expect(401);
      const unknown = await t.http().get(handledUrl('2026-12', '00000000-0000-4000-8000-000000000000')).set(auth(org.hr.token)).expect(404);
      expect(unknown.body.message).toContain('employee');
      expect((await t.http().get(handledUrl('2027-01', org.eng.staff.id)).set(auth(org.hr.token)).expect(404)).body.message).toContain('2027-01');
      expect((await t.http().get(handledUrl('2026-13', org.eng.staff.id)).set(auth(org.hr.token)).expect(400)).body.message).toContain('month');
      expect((await t.http().get(handledUrl('december', org.eng.staff.id)).set(auth(org.hr.token)).expect(400)).body.message).toContain('month');
      expect((await t.http().get(handledUrl('2026-12', 'not-a-uuid')).set(auth(org.hr.token)).expect(400)).body.message).toContain('employeeId');
      expect((await t.http().get(handledUrl('2026-12', org.eng.staff.id)).query({ limit: 0 }).set(auth(org.hr.token)).expect(400)).body.message).toContain(
        'limit',
      );
      expect(
        (await t.http().get(handledUrl('2026-12', org.eng.staff.id)).query({ cursor: 'JSc7' }).set(auth(org.hr.token)).expect(400)).body.message,
      ).toContain('cursor');
    });

    it('lists the tickets behind a figure a page at a time; a figure it does not know, a bad cursor or an unknown employee is refused', async () => {
      const path = `/reports/performance/2026-11/employees/${org.eng.staff.id}/tickets`;
      const first = (await t.http().get(path).query({ figure: 'points', limit: 1 }).set(auth(org.hr.token)).expect(200)).body as FigureTicketsPage;
      expect(first).toMatchObject({ month: '2026-11', employee: { id: org.eng.staff.id }, figure: 'points', total: 1, nextCursor: null });
      expect(first.items).toEqual([expect.objectContaining({ id: ticketA.id, reference: ticketA.reference, points: 30, rule: 'overreach.county' })]);
      expect((await t.http().get(path).query({ figure: 'tickets' }).set(auth(org.hr.token)).expect(400)).body.message).toContain('figure');
      expect((await t.http().get(path).set(auth(org.hr.token)).expect(400)).body.message).toContain('figure');
      expect((await t.http().get(path).query({ figure: 'points', cursor: 'JSc7' }).set(auth(org.hr.token)).expect(400)).body.message).toContain('cursor');
      await t
        .http()
        .get(`/reports/performance/2026-11/employees/00000000-0000-4000-8000-000000000000/tickets`)
        .query({ figure: 'points' })
        .set(auth(org.hr.token))
        .expect(404);
      await t.http().get(path).query({ figure: 'points' }).set(auth(org.eng.staff.token)).expect(403);
    });

    it('says in the API description that tickets handled is a count, paged per employee', async () => {
      const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, { get?: { description?: string } }> };
      expect(doc.paths['/reports/performance'].get!.description).toContain('/reports/performance/{month}/employees/{employeeId}/tickets-handled');
      expect(doc.paths['/reports/performance/{month}/employees/{employeeId}/tickets-handled'].get).toBeDefined();
    });

    it('summarises follow-up coverage over the tickets resolved in the month', async () => {
      const s = (await t.http().get('/reports/summary?month=2026-12').set(auth(org.manager.token)).expect(200)).body;
      expect(s.followUps).toMatchObject({ resolved: 1, visited: 1, coveragePercent: '100.0', satisfied: 1 });
      expect(s.received).toMatchObject({ total: 3, byCategory: { 报修: 3 } });
      expect(s.received.byDepartment.map((d: { code: string; count: number }) => [d.code, d.count])).toEqual([['ENG', 3]]);
      expect(s.responseClock).toMatchObject({ due: 3, onTime: 1, breached: 0 });
    });

    it('reads a month closed before the list was paged: the stored list of handled tickets gives way to its count, in every format', async () => {
      const stored = await report('2026-11');
      // Closed before the list was paged, and before employee numbers (工号) were recorded.
      const legacyRows = stored.rows.map((r) => ({
        ...r,
        employee: { id: r.employee.id, name: r.employee.name },
        tickets: { ...r.tickets, ticketsHandled: r.employee.id === org.eng.staff.id ? [{ id: ticketA.id, reference: ticketA.reference }] : [] },
      }));
      await t.db.query(`INSERT INTO report_performance_snapshot (month, report, closed_by_id, closed_at) VALUES ('2026-10', $1, $2, '2026-11-01T00:00:00Z')`, [
        JSON.stringify({ ...stored, month: '2026-10', rows: legacyRows }),
        org.hr.id,
      ]);
      const october = await report('2026-10');
      expect(october.rows.map((r) => r.tickets)).toEqual(stored.rows.map((r) => r.tickets));
      expect(rowOf(october, org.eng.staff.id).ticketsHandled).toBe(1);
      expect(october.rows.map((r) => r.employee.employeeNo)).toEqual(stored.rows.map(() => null));
      const csv = (await binary('2026-10', 'csv')).body as Buffer;
      expect(parseCsv(csv.subarray(3).toString('utf8')).slice(1)).toEqual(fileLines(october));
      expect((await xlsxRows((await binary('2026-10', 'xlsx')).body as Buffer)).slice(1)).toEqual(fileLines(october));
    });
  });
});
