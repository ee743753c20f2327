import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { ADMIN, createTestApp, type TestApp } from './utils/create-app.js';

type Clock = { id: string; purpose: string; status: string; dueAt: string; originalDueAt: string | null; warnAt: string | null; breached: boolean };
type History = { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; note: string | null };

/** Proves 延期 (issue 17, item 3): asked before the deadline, decided by the supervisor, capped, and never hiding a late answer. */
describe('extensions of a deadline (延期)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const sweep = () => post('/admin/sweeps', t.adminToken).expect(200);
  const detail = async (id: string) => (await t.http().get(`/tickets/${id}`).set(auth(org.manager.token)).expect(200)).body;
  const response = async (id: string) => ((await detail(id)).sections.clocks as Clock[]).filter((c) => c.purpose === 'response').at(-1)!;
  const history = async (id: string) => (await detail(id)).history as History[];
  const ask = (id: string, newDueAt: string, token = org.eng.staff.token) =>
    post(`/tickets/${id}/extensions`, token, { purpose: 'response', newDueAt, reason: '需厂家提供配件，预计明天到货' });

  /** Moves the clock; a month's jump outlives the test tokens, so everyone signs in again then. */
  const at = async (iso: string) => {
    t.clock.set(iso);
    for (const p of [org.eng.staff, org.eng.supervisor, org.sec.staff, org.sec.supervisor, org.cs.staff, org.cs.supervisor, org.manager, org.hr])
      p.token = await t.login(p.username, p.password);
    t.adminToken = await t.login(ADMIN.username, ADMIN.password);
  };

  beforeAll(async () => {
    t = await createTestApp('extensions', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('延期 approved: the deadline moves, the original stays on the clock and in history, and compliance still judges the answer late against it', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    expect(ticket.handler.id).toBe(org.eng.staff.id);
    expect(await response(ticket.id)).toMatchObject({ dueAt: '2026-11-03T02:00:00.000Z', originalDueAt: null });
    t.clock.set('2026-11-02T10:00:00Z');
    const asked = (await ask(ticket.id, '2026-11-04T10:00:00+08:00').expect(201)).body;
    expect(asked).toMatchObject({ status: 'requested', originalDueAt: '2026-11-03T02:00:00.000Z', requestedDueAt: '2026-11-04T02:00:00.000Z', minutes: 1440 });
    t.clock.set('2026-11-02T12:00:00Z');
    const approved = (await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token, { note: '同意' }).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { id: org.eng.supervisor.id }, decidedAt: '2026-11-02T12:00:00.000Z' });
    // The deadline moved; the warning keeps its lead (6 h of the 24 h span at 75 %); the original stays.
    expect(await response(ticket.id)).toMatchObject({
      dueAt: '2026-11-04T02:00:00.000Z',
      originalDueAt: '2026-11-03T02:00:00.000Z',
      warnAt: '2026-11-03T20:00:00.000Z',
    });
    expect((await detail(ticket.id)).sections.extensions).toMatchObject([{ id: asked.id, status: 'approved', originalDueAt: '2026-11-03T02:00:00.000Z' }]);
    const rows = await history(ticket.id);
    expect(rows.find((h) => h.action === 'extension_requested')).toMatchObject({
      after: { extensionId: asked.id, requestedDueAt: '2026-11-04T02:00:00.000Z' },
    });
    expect(rows.find((h) => h.action === 'extension_approved')).toMatchObject({
      before: { dueAt: '2026-11-03T02:00:00.000Z' },
      after: { dueAt: '2026-11-04T02:00:00.000Z', originalDueAt: '2026-11-03T02:00:00.000Z' },
    });
    // Past the original deadline nothing breaches: the sweeper follows the moved one.
    t.clock.set('2026-11-03T03:00:00Z');
    await sweep();
    expect(await response(ticket.id)).toMatchObject({ breached: false, status: 'running' });
    // Answered after the original deadline, before the moved one.
    t.clock.set('2026-11-03T04:00:00Z');
    await post(`/tickets/${ticket.id}/replies`, org.eng.staff.token, { content: '配件已到，今天上午更换', via: 'phone' }).expect(200);
    expect(await response(ticket.id)).toMatchObject({ status: 'met', breached: false });
    // 延期 never hides a late answer: the monthly summary and the compliance board judge it against the original deadline.
    const summary = (await t.http().get('/reports/summary?month=2026-11').set(auth(org.manager.token)).expect(200)).body;
    expect(summary.responseClock).toMatchObject({ due: 1, onTime: 0, breached: 1 });
    const compliance = (await t.http().get('/sla/compliance?month=2026-11').set(auth(org.manager.token)).expect(200)).body;
    const eng = compliance.departments.find((d: { department: { code: string } }) => d.department.code === 'ENG');
    expect(eng).toMatchObject({ onTime: 0 });
    expect(eng.breached).toBeGreaterThanOrEqual(1);
    // HR's report counts it late for the handler too, though no breach was recorded.
    const hr = (await t.http().get('/reports/performance?month=2026-11').set(auth(org.hr.token)).expect(200)).body;
    const handler = hr.rows.find((r: { employee: { id: string } }) => r.employee.id === org.eng.staff.id);
    expect(handler).toMatchObject({ slaBreaches: 1 });
    const behind = (await t.http().get(handler.ticketsPath).query({ figure: 'slaBreaches' }).set(auth(org.hr.token)).expect(200)).body;
    expect(behind).toMatchObject({ total: 1, items: [{ id: ticket.id, purpose: 'response' }], nextCursor: null });
  });

  it('延期 refused: the deadline stays and breaches as it was', async () => {
    await at('2026-12-01T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-12-01T05:00:00Z');
    const asked = (await ask(ticket.id, '2026-12-02T18:00:00+08:00').expect(201)).body;
    t.clock.set('2026-12-01T06:00:00Z');
    const refused = (await post(`/tickets/${ticket.id}/extensions/${asked.id}/refuse`, org.eng.supervisor.token, { note: '今天必须处理' }).expect(200)).body;
    expect(refused).toMatchObject({ status: 'refused', decisionNote: '今天必须处理' });
    expect(await response(ticket.id)).toMatchObject({ dueAt: '2026-12-02T02:00:00.000Z', originalDueAt: null });
    expect((await history(ticket.id)).find((h) => h.action === 'extension_refused')).toMatchObject({ after: { extensionId: asked.id } });
    // Decided once.
    const again = await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token).expect(409);
    expect(again.body.details.rule).toBe('extension.decided_once');
    t.clock.set('2026-12-02T02:01:00Z');
    await sweep();
    expect(await response(ticket.id)).toMatchObject({ breached: true });
    const listed = (await t.http().get(`/tickets/${ticket.id}/extensions`).set(auth(org.eng.staff.token)).expect(200)).body;
    expect(listed.map((e: { status: string }) => e.status)).toEqual(['refused']);
  });

  it('延期 is asked before the deadline and decided before it passes (extension.before_deadline, extension.decided_before_deadline: 409)', async () => {
    await at('2026-12-03T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-12-03T20:00:00Z');
    const asked = (await ask(ticket.id, '2026-12-04T18:00:00+08:00').expect(201)).body;
    t.clock.set('2026-12-04T02:00:00Z');
    const late = await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token).expect(409);
    expect(late.body.details.rule).toBe('extension.decided_before_deadline');
    expect(await response(ticket.id)).toMatchObject({ dueAt: '2026-12-04T02:00:00.000Z', originalDueAt: null });
    const tooLate = await ask(ticket.id, '2026-12-05T18:00:00+08:00').expect(409);
    expect(tooLate.body.details.rule).toBe('extension.before_deadline');
  });

  it('延期 is asked by the handler, decided by the supervisor of the clock’s department, for a later time, and hidden tickets stay 404', async () => {
    await at('2026-12-05T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    const notHandler = await ask(ticket.id, '2026-12-06T18:00:00+08:00', org.eng.supervisor.token).expect(403);
    expect(notHandler.body.details.rule).toBe('extension.requested_by_handler');
    const earlier = await ask(ticket.id, '2026-12-05T18:00:00+08:00').expect(422);
    expect(earlier.body.details).toMatchObject({ rule: 'extension.later_due_time', field: 'newDueAt' });
    await post(`/tickets/${ticket.id}/extensions`, org.eng.staff.token, { newDueAt: '2026-12-06T18:00:00+08:00', reason: 'x' }).expect(400);
    await post(`/tickets/${ticket.id}/extensions`, org.eng.staff.token, { purpose: 'response', newDueAt: 'tomorrow', reason: 'x' }).expect(400);
    // Another department's people do not learn the ticket exists.
    await ask(ticket.id, '2026-12-06T18:00:00+08:00', org.sec.staff.token).expect(404);
    await t.http().get(`/tickets/${ticket.id}/extensions`).set(auth(org.sec.staff.token)).expect(404);
    const asked = (await ask(ticket.id, '2026-12-06T18:00:00+08:00').expect(201)).body;
    const pending = await ask(ticket.id, '2026-12-06T20:00:00+08:00').expect(409);
    expect(pending.body.details.rule).toBe('extension.one_pending');
    await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.sec.supervisor.token).expect(404);
    await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.staff.token).expect(403);
    await post(`/tickets/${ticket.id}/extensions/00000000-0000-4000-8000-000000000000/approve`, org.eng.supervisor.token).expect(404);
    const unknownVerdict = await post(`/tickets/${ticket.id}/extensions/${asked.id}/postpone`, org.eng.supervisor.token).expect(400);
    expect(unknownVerdict.body.details.fields[0].field).toBe('verdict');
    await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token).expect(200);
  });

  it('延期 caps (extensions.maxPerTicket = 2, extensions.maxTotalMinutes = 4320) refuse with the rule named', async () => {
    await at('2026-12-07T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    const tooLong = await ask(ticket.id, '2026-12-11T10:01:00+08:00').expect(422);
    expect(tooLong.body.details).toMatchObject({ rule: 'extension.max_total_minutes', max: 4320, asked: 4321 });
    const first = (await ask(ticket.id, '2026-12-09T10:00:00+08:00').expect(201)).body;
    await post(`/tickets/${ticket.id}/extensions/${first.id}/approve`, org.eng.supervisor.token).expect(200);
    // 1440 used: another 2881 would pass the total.
    const pastTotal = await ask(ticket.id, '2026-12-11T10:01:00+08:00').expect(422);
    expect(pastTotal.body.details).toMatchObject({ rule: 'extension.max_total_minutes', used: 1440 });
    const second = (await ask(ticket.id, '2026-12-10T10:00:00+08:00').expect(201)).body;
    await post(`/tickets/${ticket.id}/extensions/${second.id}/approve`, org.eng.supervisor.token).expect(200);
    const third = await ask(ticket.id, '2026-12-10T11:00:00+08:00').expect(422);
    expect(third.body.details).toMatchObject({ rule: 'extension.max_per_ticket', max: 2 });
    expect(await response(ticket.id)).toMatchObject({ dueAt: '2026-12-10T02:00:00.000Z', originalDueAt: '2026-12-08T02:00:00.000Z' });
  });

  it('counts extensions per person and per department for managers (GET /extensions/summary)', async () => {
    const summary = (await t.http().get('/extensions/summary?month=2026-12').set(auth(org.manager.token)).expect(200)).body;
    // December so far: refused 1; undecided 1 (past its deadline); approved 1 of 480 min (the 404 test) and 2 of 1440 (the caps) = 5 asked.
    expect(summary.byPerson).toEqual([
      { id: org.eng.staff.id, name: org.eng.staff.name, requested: 5, approved: 3, refused: 1, approvedMinutes: 480 + 1440 + 1440 },
    ]);
    expect(summary.byDepartment).toEqual([
      { id: org.eng.department.id, name: '工程部', requested: 5, approved: 3, refused: 1, approvedMinutes: summary.byPerson[0].approvedMinutes },
    ]);
    await t.http().get('/extensions/summary?month=2026-12').set(auth(org.eng.staff.token)).expect(403);
    await t.http().get('/extensions/summary?month=2026-13').set(auth(org.manager.token)).expect(400);
  });
  it('issue 17 item 7: an overreach on an extended ticket charges those in post when the moved deadline breached, not at the original one (DESIGN decision 4)', async () => {
    await at('2026-12-14T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-12-14T03:00:00Z');
    const asked = (await ask(ticket.id, '2026-12-15T18:00:00+08:00').expect(201)).body;
    await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token).expect(200);
    // Past the original deadline the engineering handler hands the ticket to customer service: no breach yet.
    t.clock.set('2026-12-15T03:00:00Z');
    await sweep();
    await post(`/tickets/${ticket.id}/handoff`, org.eng.staff.token, {
      staffId: org.cs.staff.id,
      departmentId: org.cs.department.id,
      reason: '转客服跟进',
    }).expect(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sla_breach WHERE ticket_id = $1`, [ticket.id]);
    expect(n).toBe(0);
    // The moved deadline passes with customer service holding it: the breach names them.
    t.clock.set('2026-12-15T10:01:00Z');
    await sweep();
    t.clock.set('2026-12-15T12:00:00Z');
    const res = await post(`/tickets/${ticket.id}/overreach`, org.manager.token, {
      level: 'county',
      venueKind: 'website',
      venueName: '禹州市政府网站',
      attribution: 'slow',
      occurredAt: '2026-12-15T11:00:00Z',
    }).expect(201);
    expect(res.body).toMatchObject({
      basis: 'breach',
      responsible: { id: org.cs.staff.id, departmentId: org.cs.department.id },
      supervisor: { id: org.cs.supervisor.id },
    });
    const entries = (await t.http().get('/scoring/entries').set(auth(org.hr.token)).expect(200)).body.filter(
      (e: { ticketId: string }) => e.ticketId === ticket.id,
    );
    expect(
      Object.fromEntries(entries.map((e: { role: string; employee: { id: string }; points: number }) => [`${e.role}:${e.employee.id}`, e.points])),
    ).toEqual({
      [`supervisor:${org.cs.supervisor.id}`]: 30,
      [`responsible:${org.cs.staff.id}`]: 30,
    });
  });
  it('issue 17 item 7: an extended clock answered after its original deadline failed there — the overreach charges who held the ticket at the original deadline (延期 never hides a late answer)', async () => {
    await at('2026-12-17T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-12-17T03:00:00Z');
    const asked = (await ask(ticket.id, '2026-12-19T10:00:00+08:00').expect(201)).body;
    await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token).expect(200);
    // The original deadline (12-18 02:00Z) passes with engineering holding it; then customer service takes it over.
    t.clock.set('2026-12-18T03:00:00Z');
    await sweep();
    await post(`/tickets/${ticket.id}/handoff`, org.eng.staff.token, {
      staffId: org.cs.staff.id,
      departmentId: org.cs.department.id,
      reason: '转客服答复',
    }).expect(200);
    t.clock.set('2026-12-18T05:00:00Z');
    await post(`/tickets/${ticket.id}/replies`, org.cs.staff.token, { content: '您好，配件已到，今天下午更换', via: 'phone' }).expect(200);
    // Met before the moved deadline: no breach recorded, yet the answer was late against the original one.
    expect(await response(ticket.id)).toMatchObject({ status: 'met', breached: false, originalDueAt: '2026-12-18T02:00:00.000Z' });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sla_breach WHERE ticket_id = $1`, [ticket.id]);
    expect(n).toBe(0);
    t.clock.set('2026-12-18T06:00:00Z');
    const res = await post(`/tickets/${ticket.id}/overreach`, org.manager.token, {
      level: 'company',
      venueKind: 'company_leader',
      venueName: '总经理信箱',
      attribution: 'slow',
      occurredAt: '2026-12-18T05:30:00Z',
    }).expect(201);
    // Not customer service, who held it when the overreach happened: engineering, in post at the original deadline.
    expect(res.body).toMatchObject({
      basis: 'original_deadline',
      breachId: null,
      responsible: { id: org.eng.staff.id, departmentId: org.eng.department.id },
      supervisor: { id: org.eng.supervisor.id },
    });
    const entries = (await t.http().get('/scoring/entries').set(auth(org.hr.token)).expect(200)).body.filter(
      (e: { ticketId: string }) => e.ticketId === ticket.id,
    );
    expect(
      Object.fromEntries(entries.map((e: { role: string; employee: { id: string }; points: number }) => [`${e.role}:${e.employee.id}`, e.points])),
    ).toEqual({
      [`supervisor:${org.eng.supervisor.id}`]: 20,
      [`responsible:${org.eng.staff.id}`]: 20,
    });
  });
});
