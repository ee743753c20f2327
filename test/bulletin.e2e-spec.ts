import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Figures = Record<string, number | null>;
type Row = { department: { id: string; code: string; name: string }; failedTargets: string[]; sections: Record<string, Figures> };
type Bulletin = { month: string; targets: Record<string, number>; columns: Array<{ key: string; header: string; kind: string }>; rows: Row[] };

const HOUR = 3600_000;
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

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

/**
 * What the test seeded, fact by fact, with the deadlines it computed itself (24 hours from receipt, 第六条;
 * 3 days for a supervision order). The bulletin is compared with a recount of these, not with numbers alone.
 */
class Seeded {
  responses: Array<{ dept: string; due: Date; metAt: Date | null }> = [];
  resolutions = new Map<string, { dept: string; due: Date; resolvedAt: Date | null }>();
  extensions: Array<{ dept: string; status: 'approved' | 'refused'; minutes: number }> = [];
  orders: Array<{ dept: string; due: Date; acceptedAt: Date | null }> = [];
  followUps: Array<{ dept: string; verdict: 'satisfied' | 'basically_satisfied' | 'dissatisfied' }> = [];
  contacts: string[] = [];

  /** The compliance rule: on time when met by the original deadline; late when met after it, or not met and past it. */
  private static judge(items: Array<{ due: Date; done: Date | null }>, now: Date) {
    const onTime = items.filter((i) => i.done && i.done <= i.due).length;
    const late = items.filter((i) => (i.done && i.done > i.due) || (!i.done && i.due <= now)).length;
    return { due: items.length, onTime, late, rate: pct(onTime, onTime + late) };
  }

  recount(dept: string, now: Date): Record<string, Figures> {
    const ext = this.extensions.filter((e) => e.dept === dept);
    const visits = this.followUps.filter((f) => f.dept === dept);
    const n = (v: string) => visits.filter((f) => f.verdict === v).length;
    const [s, b, d] = [n('satisfied'), n('basically_satisfied'), n('dissatisfied')];
    return {
      response: Seeded.judge(
        this.responses.filter((r) => r.dept === dept).map((r) => ({ due: r.due, done: r.metAt })),
        now,
      ),
      resolution: Seeded.judge(
        [...this.resolutions.values()].filter((r) => r.dept === dept).map((r) => ({ due: r.due, done: r.resolvedAt })),
        now,
      ),
      extensions: {
        requested: ext.length,
        approved: ext.filter((e) => e.status === 'approved').length,
        refused: ext.filter((e) => e.status === 'refused').length,
        approvedMinutes: ext.filter((e) => e.status === 'approved').reduce((m, e) => m + e.minutes, 0),
      },
      supervision: Seeded.judge(
        this.orders.filter((o) => o.dept === dept).map((o) => ({ due: o.due, done: o.acceptedAt })),
        now,
      ),
      satisfaction: { satisfied: s, basicallySatisfied: b, dissatisfied: d, rate: pct(s + b, s + b + d) },
      repeatContacts: { contacts: this.contacts.filter((c) => c === dept).length },
    };
  }
}

/** Proves 通报 (issue 17, item 6): per department, a month of a known mix, recounted by the test. */
describe('the monthly bulletin (通报)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const seeded = new Seeded();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const sweep = () => post('/admin/sweeps', t.adminToken).expect(200);
  const download = (format: string): Promise<Response> =>
    t
      .http()
      .get(`/bulletins/2026-11?format=${format}`)
      .set(auth(org.manager.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);

  /** A ticket received now: its 24-hour response clock, and the resolution deadline that clock sets. */
  const CATEGORY = { ENG: '报修', SEC: '安全', CS: '收费' } as const;
  const receive = async (dept: keyof typeof CATEGORY, extra: Record<string, unknown> = {}) => {
    const team = { ENG: org.eng, SEC: org.sec, CS: org.cs }[dept];
    const ticket = await fileTicket(t, team.staff.token, { category: CATEGORY[dept], ...extra });
    const due = plus(t.clock.now(), 24);
    const response = { dept, due, metAt: null as Date | null };
    seeded.responses.push(response);
    seeded.resolutions.set(ticket.id, { dept, due, resolvedAt: null });
    return { ...ticket, team, dept, response };
  };
  type Received = Awaited<ReturnType<typeof receive>>;
  const reply = async (tk: Received) => {
    await post(`/tickets/${tk.id}/replies`, tk.team.staff.token, { content: '已安排师傅上门处理', via: 'phone' }).expect(200);
    tk.response.metAt = t.clock.now();
  };
  const resolve = async (tk: Received) => {
    await post(`/tickets/${tk.id}/resolve`, tk.team.staff.token, { summary: '已处理完毕' }).expect(200);
    seeded.resolutions.get(tk.id)!.resolvedAt = t.clock.now();
  };
  const followUp = async (tk: Received, verdict: 'satisfied' | 'basically_satisfied' | 'dissatisfied') => {
    await post(`/tickets/${tk.id}/follow-ups`, tk.team.supervisor.token, { contact: 'phone', verdict, note: '回访业主' }).expect(201);
    seeded.followUps.push({ dept: tk.dept, verdict });
    if (verdict === 'dissatisfied') {
      // 回访不满意 reopens the ticket as a redo: a new 24-hour round, which is also its new resolution deadline.
      const due = plus(t.clock.now(), 24);
      tk.response = { dept: tk.dept, due, metAt: null };
      seeded.responses.push(tk.response);
      seeded.resolutions.set(tk.id, { dept: tk.dept, due, resolvedAt: null });
    }
  };
  const extend = async (tk: Received, hours: number, decision: 'approve' | 'refuse') => {
    const newDueAt = plus(tk.response.due, hours).toISOString();
    const asked = (await post(`/tickets/${tk.id}/extensions`, tk.team.staff.token, { purpose: 'response', newDueAt, reason: '需厂家提供配件' }).expect(201))
      .body;
    await post(`/tickets/${tk.id}/extensions/${asked.id}/${decision}`, tk.team.supervisor.token, { note: '已审核' }).expect(200);
    seeded.extensions.push({ dept: tk.dept, status: decision === 'approve' ? 'approved' : 'refused', minutes: hours * 60 });
  };
  const repeatContact = async (tk: Received, phone: string) => {
    const body = intakeBody({
      category: CATEGORY[tk.dept],
      complainant: { name: '张先生', phone, address: { community: '阳光花园', building: '3', unit: '2', room: '501' } },
      match: { choice: 'same', reference: tk.reference },
    });
    await post('/tickets', tk.team.staff.token, body).expect(200);
    seeded.contacts.push(tk.dept);
  };
  const order = async (tk: Received) => {
    const issued = (await post('/supervision-orders', org.manager.token, { ticketId: tk.id, feedbackRequired: '书面说明整改措施' }).expect(201)).body;
    const seededOrder = { dept: tk.dept, due: plus(t.clock.now(), 72), acceptedAt: null as Date | null };
    seeded.orders.push(seededOrder);
    return { id: issued.id as string, seeded: seededOrder };
  };

  let bulletin: Bulletin;
  let now: Date;

  beforeAll(async () => {
    t = await createTestApp('bulletin', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);

    // 工程部 (ENG): late answers, one hidden by an extension, a breached 督办单 and a dissatisfied resident.
    t.clock.set('2026-11-02T02:00:00Z');
    const e1 = await receive('ENG');
    const e2 = await receive('ENG');
    const e3 = await receive('ENG', {
      complainant: { name: '李女士', phone: '13955550003', address: { community: '阳光花园', building: '1', unit: '1', room: '101' } },
    });
    const e4 = await receive('ENG');
    // 秩序部 (SEC): every answer on time, its order closed on time, residents satisfied.
    const s1 = await receive('SEC');
    const s2 = await receive('SEC', {
      complainant: { name: '王先生', phone: '13955550005', address: { community: '阳光花园', building: '2', unit: '1', room: '201' } },
    });
    // 客服部 (CS): one answer on time; its code sorts before ENG's, so ENG comes first only by failing its targets.
    const c1 = await receive('CS');
    const c2 = await receive('CS');

    t.clock.set('2026-11-02T03:00:00Z');
    await reply(e1);
    await reply(e4);
    await reply(s1);
    await reply(c1);
    // 确定回复时间: a promised reply time is C2's resolution deadline, later than its 24 hours.
    const replyBy = '2026-11-04T02:00:00.000Z';
    await post(`/tickets/${c2.id}/promise`, org.cs.staff.token, { replyBy, note: '需财务核对账目，后天上午十点前答复' }).expect(200);
    seeded.resolutions.get(c2.id)!.due = new Date(replyBy);
    t.clock.set('2026-11-02T03:30:00Z');
    await reply(c2);
    const engOrder = await order(e3);
    const secOrder = await order(s1);
    t.clock.set('2026-11-02T04:00:00Z');
    await resolve(e1);
    await resolve(e4);
    await resolve(s1);
    await resolve(c1);
    t.clock.set('2026-11-02T05:00:00Z');
    await followUp(e1, 'satisfied');
    await followUp(s1, 'basically_satisfied');
    await post(`/supervision-orders/${secOrder.id}/feedback`, org.sec.staff.token, { text: '已加强夜间巡逻' }).expect(200);
    t.clock.set('2026-11-02T06:00:00Z');
    await post(`/supervision-orders/${secOrder.id}/accept`, org.manager.token, { note: '同意' }).expect(200);
    secOrder.seeded.acceptedAt = t.clock.now();
    // 回访不满意 on E4: reopened, answered and resolved again within its new round.
    await followUp(e4, 'dissatisfied');
    t.clock.set('2026-11-02T07:00:00Z');
    await reply(e4);
    await resolve(e4);
    t.clock.set('2026-11-02T08:00:00Z');
    await followUp(e4, 'basically_satisfied');
    await repeatContact(e3, '13955550003');
    await repeatContact(s2, '13955550005');

    // 延期: E2 gets 24 more hours; its answer after the original deadline looks on time but must count late.
    t.clock.set('2026-11-02T10:00:00Z');
    await extend(e2, 24, 'approve');
    await extend(s2, 24, 'refuse');
    t.clock.set('2026-11-02T12:00:00Z');
    await reply(s2);
    t.clock.set('2026-11-02T13:00:00Z');
    await resolve(s2);
    await followUp(s2, 'satisfied');

    // E3 is never answered: it breaches at its deadline.
    t.clock.set('2026-11-03T03:00:00Z');
    await sweep();
    t.clock.set('2026-11-03T10:00:00Z');
    await reply(e2);
    t.clock.set('2026-11-03T11:00:00Z');
    await resolve(e2);
    await resolve(c2); // past its 24 hours, before the promised time: on time

    // 督办单 on E3: no written feedback by its deadline, so it breaches.
    t.clock.set('2026-11-05T03:00:00Z');
    const s3 = await receive('SEC'); // not yet due when the bulletin is read: counted, neither on time nor late
    expect(s3.response.due > t.clock.now()).toBe(true);
    t.clock.set('2026-11-05T04:00:00Z');
    await sweep();
    expect(engOrder.seeded.acceptedAt).toBeNull();

    now = t.clock.now();
    bulletin = (await t.http().get('/bulletins/2026-11').set(auth(org.manager.token)).expect(200)).body as Bulletin;
  });
  afterAll(() => t.close());

  const row = (code: string) => bulletin.rows.find((r) => r.department.code === code)!;

  it('counts every figure of each department as the test recounts it from what it seeded', () => {
    for (const code of ['ENG', 'CS', 'SEC']) expect([code, row(code).sections]).toEqual([code, seeded.recount(code, now)]);
  });

  it('延期 never hides a late answer: the extended answer counts late in response and resolution (README decision 16)', () => {
    const eng = row('ENG').sections;
    // E1 and E4's two rounds on time; E2 (answered after its original deadline, before the moved one) and E3 (breached) late.
    expect(eng.response).toEqual({ due: 5, onTime: 3, late: 2, rate: 60 });
    expect(eng.resolution).toEqual({ due: 4, onTime: 2, late: 2, rate: 50 });
    expect(eng.extensions).toEqual({ requested: 1, approved: 1, refused: 0, approvedMinutes: 1440 });
    expect(row('SEC').sections.extensions).toEqual({ requested: 1, approved: 0, refused: 1, approvedMinutes: 0 });
    // C2 resolved after its 24 hours but before the reply time it was promised: on time.
    expect(row('CS').sections.resolution).toEqual({ due: 2, onTime: 2, late: 0, rate: 100 });
    // SEC's third ticket is not yet due: counted as due this month, neither on time nor late.
    expect(row('SEC').sections.response).toEqual({ due: 3, onTime: 2, late: 0, rate: 100 });
  });

  it('督办单 on time and breached, satisfaction of each rating, repeat contacts', () => {
    expect(row('ENG').sections.supervision).toEqual({ due: 1, onTime: 0, late: 1, rate: 0 });
    expect(row('SEC').sections.supervision).toEqual({ due: 1, onTime: 1, late: 0, rate: 100 });
    expect(row('ENG').sections.satisfaction).toEqual({ satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, rate: 66.7 });
    expect(row('SEC').sections.satisfaction).toEqual({ satisfied: 1, basicallySatisfied: 1, dissatisfied: 0, rate: 100 });
    expect(row('ENG').sections.repeatContacts).toEqual({ contacts: 1 });
    expect(row('SEC').sections.repeatContacts).toEqual({ contacts: 1 });
  });

  it('lists the department below the policy targets first, naming each target it failed', () => {
    expect(bulletin.targets).toEqual({ responseOnTime: 0.95, resolutionOnTime: 0.9, satisfaction: 0.9, supervisionOnTime: 0.9 });
    // Below target first (ENG), then the others by code (CS, SEC).
    expect(bulletin.rows.map((r) => r.department.code)).toEqual(['ENG', 'CS', 'SEC']);
    const failed = (code: string) => {
      const r = seeded.recount(code, now);
      const share = (f: Figures, part: number, whole: number) => (whole ? part / whole : 1);
      return [
        share(r.response, r.response.onTime!, r.response.onTime! + r.response.late!) < bulletin.targets.responseOnTime && 'responseOnTime',
        share(r.resolution, r.resolution.onTime!, r.resolution.onTime! + r.resolution.late!) < bulletin.targets.resolutionOnTime && 'resolutionOnTime',
        share(
          r.satisfaction,
          r.satisfaction.satisfied! + r.satisfaction.basicallySatisfied!,
          r.satisfaction.satisfied! + r.satisfaction.basicallySatisfied! + r.satisfaction.dissatisfied!,
        ) < bulletin.targets.satisfaction && 'satisfaction',
        share(r.supervision, r.supervision.onTime!, r.supervision.onTime! + r.supervision.late!) < bulletin.targets.supervisionOnTime && 'supervisionOnTime',
      ].filter(Boolean);
    };
    expect(row('ENG').failedTargets).toEqual(failed('ENG'));
    expect(row('ENG').failedTargets).toEqual(['responseOnTime', 'resolutionOnTime', 'satisfaction', 'supervisionOnTime']);
    expect(row('SEC').failedTargets).toEqual([]);
    expect(row('CS').failedTargets).toEqual(failed('CS'));
    expect(row('CS').failedTargets).toEqual([]);
  });

  it('is for managers, HR and admins; a month that is not YYYY-MM is 400 naming it', async () => {
    await t.http().get('/bulletins/2026-11').set(auth(org.hr.token)).expect(200);
    await t.http().get('/bulletins/2026-11').set(auth(t.adminToken)).expect(200);
    await t.http().get('/bulletins/2026-11').set(auth(org.eng.supervisor.token)).expect(403);
    await t.http().get('/bulletins/2026-11').set(auth(org.eng.staff.token)).expect(403);
    const bad = await t.http().get('/bulletins/2026-13').set(auth(org.manager.token)).expect(400);
    expect(JSON.stringify(bad.body)).toContain('month');
    // A month with nothing in it has no rows.
    expect((await t.http().get('/bulletins/2026-10').set(auth(org.manager.token)).expect(200)).body.rows).toEqual([]);
  });

  it('CSV: Chinese headings as on the console page, one line per department in the same order, the same figures', async () => {
    const res = await download('csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('月度通报-2026-11.csv')}`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = parseCsv(body.subarray(3).toString('utf8'));
    expect(header).toEqual(bulletin.columns.map((c) => c.header));
    expect(header.slice(0, 6)).toEqual(['部门', '响应到期', '按时响应', '超时响应', '按时响应率（%）', '办结到期']);
    expect(header.at(-1)).toBe('未达标项');
    expect(lines.map((l) => l[0])).toEqual(['工程部', '客服部', '秩序部']);
    const col = (key: string) => bulletin.columns.findIndex((c) => c.key === key);
    const eng = seeded.recount('ENG', now);
    expect(lines[0][col('response.rate')]).toBe(String(eng.response.rate));
    expect(lines[0][col('satisfaction.rate')]).toBe('66.7');
    expect(lines[0][col('extensions.approvedMinutes')]).toBe('1440');
    expect(lines[0][col('failedTargets')]).toBe('按时响应率；按时办结率；回访满意率；督办按时办结率');
    expect(lines[1][col('failedTargets')]).toBe('');
    // A rate nobody was judged on (CS had no 督办单) is an empty field, not 0.
    expect(lines[1][col('supervision.rate')]).toBe('');
  });

  it('XLSX: the same headings and figures, numbers as numbers', async () => {
    const res = await download('xlsx');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('月度通报-2026-11.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.getWorksheet('月度通报 2026-11')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(bulletin.columns.map((c) => c.header));
    const col = (key: string) => bulletin.columns.findIndex((c) => c.key === key);
    const eng = values(2);
    expect(eng[0]).toBe('工程部');
    expect(eng[col('response.due')]).toBe(5);
    expect(eng[col('resolution.rate')]).toBe(seeded.recount('ENG', now).resolution.rate);
    expect(eng[col('supervision.late')]).toBe(1);
    const sec = values(4);
    expect(sec[0]).toBe('秩序部');
    expect(sec[col('satisfaction.rate')]).toBe(100);
    expect(wb.getWorksheet('说明')!.getRow(1).values).toEqual([undefined, '月份', '2026-11']);
  });

  // Last: it moves the clock to the month's end, past every other deadline.
  it('counts a deadline in the statistical month of the business time zone (Asia/Shanghai), not of UTC', async () => {
    const dueIn = async (month: string) =>
      ((await t.http().get(`/bulletins/${month}`).set(auth(org.manager.token)).expect(200)).body as Bulletin).rows.find((r) => r.department.code === 'SEC')
        ?.sections.response.due ?? 0;
    const before = { november: await dueIn('2026-11'), december: await dueIn('2026-12') };
    t.clock.set('2026-11-29T15:30:00Z'); // due 2026-11-30 23:30 in Shanghai: November
    await fileTicket(t, org.sec.staff.token, { category: '安全' });
    t.clock.set('2026-11-29T16:30:00Z'); // due 2026-11-30 16:30 UTC, which is 2026-12-01 00:30 in Shanghai: December
    await fileTicket(t, org.sec.staff.token, { category: '安全' });
    expect({ november: await dueIn('2026-11'), december: await dueIn('2026-12') }).toEqual({ november: before.november + 1, december: before.december + 1 });
  });
});
