import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Report = {
  id: string;
  ticket: { id: string; reference: string };
  reason: string;
  matters: string[];
  recipients: Array<{ id: string; name: string }>;
  reporter: { id: string } | null;
  reportedAt: string;
  content: string;
};

/** Proves: 第七条(六) 重大投诉必须马上报公司领导 and 第一篇 一.8 重要事项书面报告 — a written record, exported. */
describe('reports to company leaders (第七条(六), 第一篇 一.8)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const detail = async (id: string, token = org.manager.token) => (await t.http().get(`/tickets/${id}`).set(auth(token)).expect(200)).body;
  const sweep = () => post('/admin/sweeps', t.adminToken).expect(200);
  const notices = async (token: string) =>
    (await t.http().get('/notifications').set(auth(token)).expect(200)).body.items as Array<{ kind: string; ticketId: string; title: string }>;
  const list = async (token: string, query: Record<string, string> = {}) =>
    (await t.http().get('/leader-reports').query(query).set(auth(token)).expect(200)).body as { items: Report[]; nextCursor: string | null };

  beforeAll(async () => {
    t = await createTestApp('leader_reports', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('第七条(六): raising a complaint to major reports it to company leaders at once, not back to the supervisor who holds it', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-02T02:10:00Z');
    await post(`/tickets/${ticket.id}/escalate`, org.eng.staff.token, { reason: '涉及整栋楼停水' }).expect(200);
    const page = await detail(ticket.id);
    const [report] = page.sections.leaderReports as Report[];
    expect(report).toMatchObject({
      reason: 'major',
      matters: [],
      recipients: [{ id: org.manager.id, name: '总经理' }],
      reporter: { id: org.eng.staff.id },
      reportedAt: '2026-11-02T02:10:00.000Z',
      ticket: { id: ticket.id, reference: ticket.reference },
    });
    expect(report.content).toContain('涉及整栋楼停水');
    expect(report.recipients.map((r) => r.id)).not.toContain(org.eng.supervisor.id);
    // The 报告 checklist item is met by the record, and so is the report clock.
    const item = page.sections.checklist.items.find((i: { item: string }) => i.item === 'report');
    expect(item.ticked).toMatchObject({ source: 'leader_report', at: '2026-11-02T02:10:00.000Z' });
    expect(item.ticked.note).toContain(report.id);
    expect(page.sections.clocks.find((c: { purpose: string }) => c.purpose === 'report')).toMatchObject({ status: 'met', breached: false });
    expect(page.history.find((h: { action: string }) => h.action === 'reported_to_leaders')).toMatchObject({ after: { reportId: report.id } });
    // The notifications module tells each recipient after commit.
    await sweep();
    expect((await notices(org.manager.token)).filter((n) => n.kind === 'leader_report.recorded' && n.ticketId === ticket.id)).toHaveLength(1);
    expect((await notices(org.eng.supervisor.token)).some((n) => n.kind === 'leader_report.recorded')).toBe(false);
  });

  it('第七条(六): a complaint recorded as major at intake is reported to company leaders at once', async () => {
    t.clock.set('2026-11-03T02:00:00Z');
    const ticket = await fileTicket(t, org.cs.staff.token, { severity: 'major', category: '安全' });
    const [report] = (await detail(ticket.id)).sections.leaderReports as Report[];
    expect(report).toMatchObject({
      reason: 'major',
      recipients: [{ id: org.manager.id }],
      reporter: { id: org.cs.staff.id },
      reportedAt: '2026-11-03T02:00:00.000Z',
    });
    // The report is written after the day's number is taken, and names it.
    expect(ticket.reference).toMatch(/^TS-20261103-\d{4}$/);
    expect(report.content).toContain(`工单 ${ticket.reference}（安全）`);
  });

  it('第一篇 一.8: reports an important matter to leaders in writing on request, naming why it is important', async () => {
    t.clock.set('2026-11-04T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    const refused = await post(`/tickets/${ticket.id}/leader-reports`, org.eng.staff.token, { content: '多户反映' }).expect(422);
    expect(refused.body.details).toMatchObject({ rule: 'leader_report.important_matter_named', field: 'matters' });
    const res = await post(`/tickets/${ticket.id}/leader-reports`, org.eng.staff.token, {
      matters: ['many_reports', 'vital_interests'],
      content: '3号楼电梯本周三次困人，业主反映强烈',
    }).expect(201);
    expect(res.body).toMatchObject({ reason: 'important', matters: ['many_reports', 'vital_interests'], reporter: { id: org.eng.staff.id } });
    const page = await detail(ticket.id);
    expect(page.sections.leaderReports.map((r: Report) => r.id)).toEqual([res.body.id]);
    expect(page.history.some((h: { action: string; note: string }) => h.action === 'reported_to_leaders' && h.note.includes('反映较多'))).toBe(true);
    const bad = await post(`/tickets/${ticket.id}/leader-reports`, org.eng.staff.token, { matters: ['gossip'], content: 'x' }).expect(400);
    expect(bad.body.message).toContain('matters');
  });

  it('lists the reports scoped like tickets, exports them as CSV, and masks phone numbers for HR', async () => {
    t.clock.set('2026-11-05T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    await post(`/tickets/${ticket.id}/leader-reports`, org.eng.staff.token, { matters: ['wide_impact'], content: '业主13912345678称将找媒体' }).expect(201);
    const mine = await list(org.eng.staff.token, { month: '2026-11' });
    expect(mine.items[0]).toMatchObject({ ticket: { id: ticket.id }, content: '业主13912345678称将找媒体' });
    expect((await list(org.sec.staff.token)).items.map((r) => r.ticket.id)).not.toContain(ticket.id);
    const hr = await list(org.hr.token);
    expect(hr.items.find((r) => r.ticket.id === ticket.id)!.content).toBe('业主139****5678称将找媒体');
    expect((await list(org.manager.token, { month: '2026-10' })).items).toEqual([]);
    const paged = await list(org.manager.token, { limit: '2' });
    expect(paged.items).toHaveLength(2);
    expect((await list(org.manager.token, { limit: '2', cursor: paged.nextCursor! })).items.map((r) => r.id)).not.toContain(paged.items[0].id);

    const csv = await t
      .http()
      .get('/leader-reports')
      .query({ format: 'csv', month: '2026-11' })
      .set(auth(org.hr.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('leader-reports-2026-11.csv');
    const text = Buffer.from(csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeff报告时间,工单编号,类型,重要事项,接收领导,报告人,报告内容')).toBe(true);
    expect(text).toContain('2026-11-05 10:00');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
  });

  it('第七条(六): with no company leader to receive it no report is recorded, the 报告 item stays open and the report clock breaches when late', async () => {
    t.clock.set('2026-11-06T02:00:00Z');
    await t.http().patch(`/staff/${org.manager.id}`).set(auth(t.adminToken)).send({ active: false }).expect(200);
    const ticket = await fileTicket(t, org.eng.staff.token, { severity: 'major' });
    const page = await detail(ticket.id, t.adminToken);
    expect(page.sections.leaderReports).toEqual([]);
    expect(page.sections.checklist.missing).toContain('checklist.report');
    const refused = await post(`/tickets/${ticket.id}/leader-reports`, org.eng.supervisor.token, { content: '请领导关注' }).expect(422);
    expect(refused.body.details.rule).toBe('leader_report.has_recipients');
    t.clock.set('2026-11-06T03:01:00Z');
    await sweep();
    const [breach] = await t.db.query(`SELECT handler_id FROM sla_breach WHERE ticket_id = $1 AND purpose = 'report'`, [ticket.id]);
    expect(breach.handler_id).toBe(org.eng.supervisor.id);
  });
});
