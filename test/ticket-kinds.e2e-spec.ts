import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

/** Proves: 第三条 — intake records suggestions (建议) and enquiries (咨询) besides complaints, each on its own clock. */
describe('suggestions and enquiries (第三条)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const responseClock = async (id: string) =>
    (await t.http().get(`/tickets/${id}`).set(auth(org.manager.token)).expect(200)).body.sections.clocks.find(
      (c: { purpose: string }) => c.purpose === 'response',
    );

  beforeAll(async () => {
    t = await createTestApp('ticket_kinds', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('第三条: records a suggestion and an enquiry besides complaints; a ticket without a kind is a complaint', async () => {
    const complaint = await fileTicket(t, org.eng.staff.token);
    const suggestion = await fileTicket(t, org.eng.staff.token, { kind: 'suggestion', summary: '建议小区增设电动车充电桩' });
    const enquiry = await fileTicket(t, org.eng.staff.token, { kind: 'enquiry', summary: '咨询物业费缴纳方式' });
    expect([complaint.kind, suggestion.kind, enquiry.kind]).toEqual(['complaint', 'suggestion', 'enquiry']);
    const d = (await t.http().get(`/tickets/${suggestion.id}`).set(auth(org.eng.staff.token)).expect(200)).body;
    expect(d.kind).toBe('suggestion');
    expect(d.history[0]).toMatchObject({ action: 'received', after: { kind: 'suggestion' } });
    const bad = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send({ ...{ kind: 'praise' }, channel: 'phone' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
  });

  it('第三条: each kind answers on its own span from the policy (建议 3 days, 咨询 24 hours; a complaint 第六条 24 hours)', async () => {
    expect(t.policy.kinds).toMatchObject({ suggestion: { responseMinutes: 4320 }, enquiry: { responseMinutes: 1440 } });
    t.clock.set('2026-11-02T02:00:00Z');
    const complaint = await fileTicket(t, org.eng.staff.token);
    const suggestion = await fileTicket(t, org.eng.staff.token, { kind: 'suggestion' });
    const enquiry = await fileTicket(t, org.eng.staff.token, { kind: 'enquiry' });
    expect(await responseClock(complaint.id)).toMatchObject({ dueAt: '2026-11-03T02:00:00.000Z' });
    expect(await responseClock(suggestion.id)).toMatchObject({ dueAt: '2026-11-05T02:00:00.000Z' });
    expect(await responseClock(enquiry.id)).toMatchObject({ dueAt: '2026-11-03T02:00:00.000Z' });
  });

  it('第三条: a suggestion reopened for a redo gets a fresh response clock on its own span', async () => {
    t.clock.set('2026-11-02T06:00:00Z');
    const suggestion = await fileTicket(t, org.eng.staff.token, { kind: 'suggestion' });
    const post = (path: string, body: object) => t.http().post(`/tickets/${suggestion.id}/${path}`).set(auth(org.eng.staff.token)).send(body).expect(200);
    await post('resolve', { summary: '已采纳，下月增设充电桩' });
    t.clock.set('2026-11-02T08:00:00Z');
    await post('reopen', { reason: '业主认为答复不够具体' });
    const clocks = (await t.http().get(`/tickets/${suggestion.id}`).set(auth(org.manager.token)).expect(200)).body.sections.clocks;
    const running = clocks.filter((c: { purpose: string; status: string }) => c.purpose === 'response' && c.status === 'running');
    expect(running).toEqual([expect.objectContaining({ dueAt: '2026-11-05T08:00:00.000Z' })]);
  });

  it('第三条: a suggestion never feeds overreach scoring: registering one is refused naming the rule, and nobody is charged', async () => {
    t.clock.set('2026-11-03T02:00:00Z');
    const suggestion = await fileTicket(t, org.eng.staff.token, { kind: 'suggestion' });
    const res = await t
      .http()
      .post(`/tickets/${suggestion.id}/overreach`)
      .set(auth(org.manager.token))
      .send({ level: 'company', venueKind: 'company_leader', venueName: '总经理', attribution: 'slow', occurredAt: '2026-11-03T11:00:00+08:00' });
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ rule: 'overreach.complaints_only', kind: 'suggestion' });
    const entries = (await t.http().get('/scoring/entries').set(auth(org.hr.token)).expect(200)).body;
    expect(entries.filter((e: { ticketId: string }) => e.ticketId === suggestion.id)).toEqual([]);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM scoring_overreach WHERE ticket_id = $1', [suggestion.id]);
    expect(n).toBe(0);
  });

  it('第十一条, 第三条: an enquiry is no complaint against an employee: a valid-complaint determination is refused naming the rule', async () => {
    const enquiry = await fileTicket(t, org.cs.staff.token, { kind: 'enquiry', category: '服务态度' });
    const res = await t.http().post(`/tickets/${enquiry.id}/valid-complaint`).set(auth(org.cs.supervisor.token)).send({
      employeeId: org.cs.staff.id,
      withinDuties: true,
      assignedBySupervisor: false,
      couldBeDoneAtOnce: true,
      verdict: 'valid',
      reason: '可当场处理未处理',
    });
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ rule: 'valid_complaint.complaints_only', kind: 'enquiry' });
  });

  it('第三条: the ticket list filters by kind', async () => {
    const list = (await t.http().get('/tickets?kind=suggestion&limit=200').set(auth(org.manager.token)).expect(200)).body.items;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x: { kind: string }) => x.kind === 'suggestion')).toBe(true);
    await t.http().get('/tickets?kind=praise').set(auth(org.manager.token)).expect(400);
  });

  it('第八条(四), 第三条: the monthly complaint summary counts tickets by kind', async () => {
    const s = (await t.http().get('/reports/summary?month=2026-11').set(auth(org.manager.token)).expect(200)).body;
    const [counts] = await t.db.query(
      `SELECT count(*) FILTER (WHERE kind = 'complaint')::int AS complaint, count(*) FILTER (WHERE kind = 'suggestion')::int AS suggestion,
              count(*) FILTER (WHERE kind = 'enquiry')::int AS enquiry FROM ticket`,
    );
    expect(counts).toEqual({ complaint: 2, suggestion: 4, enquiry: 3 });
    expect(s.received.byKind).toEqual(counts);
    expect(s.received.total).toBe(9);
    // The other breakdowns still add up to every ticket.
    expect(Object.values(s.received.byChannel as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(9);
    expect(Object.values(s.received.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(9);
  });
});
