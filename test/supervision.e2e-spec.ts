import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany, createStaff, type TestStaff } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Order = {
  id: string;
  ticketId: string | null;
  problemId: string | null;
  departmentId: string;
  status: string;
  dueAt: string;
  remindersPassed: number;
  breached: boolean;
  breachedAt: string | null;
  closedAt: string | null;
  feedback: Array<{ text: string; decision: string | null; decisionNote: string | null }>;
};

/** Proves 督办单 (issue 17, item 4): its own clock, reminders (催办) at policy points, written feedback accepted only by the issuer, breach and escalation. */
describe('supervision orders (督办单)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let deputy: TestStaff;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const sweep = async () => (await post('/admin/sweeps', t.adminToken).expect(200)).body;
  const order = async (id: string, token = org.manager.token) => (await t.http().get(`/supervision-orders/${id}`).set(auth(token)).expect(200)).body as Order;
  const notices = async (token: string, kind: string) =>
    ((await t.http().get('/notifications').set(auth(token)).expect(200)).body.items as Array<{ kind: string; ticketId: string | null; body: string }>).filter(
      (n) => n.kind === kind,
    );
  const actions = async (ticketId: string) =>
    ((await t.http().get(`/tickets/${ticketId}`).set(auth(org.manager.token)).expect(200)).body.history as Array<{ action: string }>)
      .map((h) => h.action)
      .filter((a) => a.startsWith('supervision_'));

  beforeAll(async () => {
    t = await createTestApp('supervision', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    deputy = await createStaff(t, { roles: ['manager'], name: '副总经理' });
  });
  afterAll(() => t.close());

  it('督办单 on a ticket: reminders (催办) at 50 % and 90 % of its span, feedback sent back, then accepted by the issuing manager closes it', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    const issued = (
      await post('/supervision-orders', org.manager.token, { ticketId: ticket.id, feedbackRequired: '书面说明原因、整改措施和完成时间' }).expect(201)
    ).body as Order;
    // supervision.defaultSpanMinutes: 3 days.
    expect(issued).toMatchObject({
      ticketId: ticket.id,
      departmentId: org.eng.department.id,
      status: 'open',
      dueAt: '2026-11-05T02:00:00.000Z',
      remindersPassed: 0,
    });
    await sweep();
    // Staff read the deadline in Beijing time, and no internal id: 2026-11-05T02:00Z is 2026/11/5 10:00:00.
    expect(await notices(org.eng.supervisor.token, 'supervision.issued')).toMatchObject([{ body: '督办单，期限 2026/11/5 10:00:00' }]);

    t.clock.set('2026-11-03T13:59:00Z');
    expect((await sweep()).supervision).toEqual({ reminded: 0, breached: 0 });
    t.clock.set('2026-11-03T14:00:00Z'); // 50 % of 72 h
    expect((await sweep()).supervision).toEqual({ reminded: 1, breached: 0 });
    await sweep();
    expect(await notices(org.eng.supervisor.token, 'supervision.reminded')).toHaveLength(1);
    expect((await order(issued.id)).remindersPassed).toBe(1);

    t.clock.set('2026-11-03T15:00:00Z');
    await post(`/supervision-orders/${issued.id}/feedback`, org.eng.staff.token, { text: '已更换灯具' }).expect(200);
    const twice = await post(`/supervision-orders/${issued.id}/feedback`, org.eng.staff.token, { text: '再说一遍' }).expect(409);
    expect(twice.body.details.rule).toBe('supervision.feedback_state');
    // Only the manager who issued it decides.
    const other = await post(`/supervision-orders/${issued.id}/accept`, deputy.token).expect(403);
    expect(other.body.details.rule).toBe('supervision.decided_by_issuer');
    const bare = await post(`/supervision-orders/${issued.id}/reject`, org.manager.token, {}).expect(422);
    expect(bare.body.details).toMatchObject({ rule: 'supervision.rejection_noted', field: 'note' });
    const back = (await post(`/supervision-orders/${issued.id}/reject`, org.manager.token, { note: '未说明后续巡检安排' }).expect(200)).body as Order;
    expect(back).toMatchObject({ status: 'open', feedback: [{ decision: 'rejected', decisionNote: '未说明后续巡检安排' }] });
    await sweep();
    expect(await notices(org.eng.staff.token, 'supervision.feedback_rejected')).toHaveLength(1);

    t.clock.set('2026-11-04T18:48:00Z'); // 90 %
    expect((await sweep()).supervision).toEqual({ reminded: 1, breached: 0 });
    t.clock.set('2026-11-04T20:00:00Z');
    await post(`/supervision-orders/${issued.id}/feedback`, org.eng.supervisor.token, { text: '已更换灯具，并安排每周巡检' }).expect(200);
    const closed = (await post(`/supervision-orders/${issued.id}/accept`, org.manager.token, { note: '同意' }).expect(200)).body as Order;
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-11-04T20:00:00.000Z', breached: false });
    const late = await post(`/supervision-orders/${issued.id}/feedback`, org.eng.staff.token, { text: '补充' }).expect(409);
    expect(late.body.details.rule).toBe('supervision.closed');
    // Past its deadline a closed order neither breaches nor reminds.
    t.clock.set('2026-11-05T03:00:00Z');
    expect((await sweep()).supervision).toEqual({ reminded: 0, breached: 0 });
    // The ticket page shows the order; the loop shows in the ticket's history.
    const page = (await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token)).expect(200)).body;
    expect(page.sections.supervisionOrders).toMatchObject([
      { id: issued.id, status: 'closed', feedback: [{ decision: 'rejected' }, { decision: 'accepted' }] },
    ]);
    expect(await actions(ticket.id)).toEqual([
      'supervision_issued',
      'supervision_reminded',
      'supervision_feedback',
      'supervision_feedback_rejected',
      'supervision_reminded',
      'supervision_feedback',
      'supervision_closed',
    ]);
  });

  it('督办单 on a recurring problem breaches at its deadline because no written feedback was accepted, and escalates to the supervisor and company leaders', async () => {
    t.clock.set('2026-11-06T02:00:00Z');
    for (const phone of ['13900000001', '13900000002', '13900000003'])
      await post(
        '/tickets',
        org.cs.staff.token,
        intakeBody({ category: '报修', complainant: { name: '业主', phone, address: { community: '阳光花园', building: '7', unit: '1', room: '101' } } }),
      ).expect(201);
    const [problem] = (await t.http().get('/problems').set(auth(org.manager.token)).expect(200)).body as Array<{ id: string }>;
    t.clock.set('2026-11-09T02:00:00Z');
    const issued = (
      await post('/supervision-orders', org.manager.token, {
        problemId: problem.id,
        dueAt: '2026-11-10T10:00:00+08:00',
        feedbackRequired: '7号楼报修反复：书面分析原因和根治措施',
      }).expect(201)
    ).body as Order;
    expect(issued).toMatchObject({ problemId: problem.id, ticketId: null, departmentId: org.eng.department.id, dueAt: '2026-11-10T02:00:00.000Z' });
    t.clock.set('2026-11-09T03:00:00Z');
    await post(`/supervision-orders/${issued.id}/feedback`, org.eng.supervisor.token, { text: '正在排查' }).expect(200);
    // Feedback waits on the manager: the 50 % reminder is not sent to the department.
    t.clock.set('2026-11-09T14:00:00Z');
    expect((await sweep()).supervision).toEqual({ reminded: 0, breached: 0 });
    t.clock.set('2026-11-10T01:59:00Z');
    expect((await sweep()).supervision.breached).toBe(0);
    t.clock.set('2026-11-10T02:00:00Z');
    expect((await sweep()).supervision).toEqual({ reminded: 0, breached: 1 });
    await sweep();
    expect(await order(issued.id)).toMatchObject({ breached: true, breachedAt: '2026-11-10T02:00:00.000Z', status: 'feedback_submitted' });
    for (const person of [org.eng.supervisor, org.manager, deputy]) expect(await notices(person.token, 'supervision.breached')).toHaveLength(1);
    expect(await notices(org.eng.staff.token, 'supervision.breached')).toHaveLength(0);
    // Once breached, always breached: accepting later closes it, the breach stays.
    await post(`/supervision-orders/${issued.id}/accept`, org.manager.token).expect(200);
    expect(await order(issued.id)).toMatchObject({ status: 'closed', breached: true });
    expect((await sweep()).supervision).toEqual({ reminded: 0, breached: 0 });
  });

  it('督办单 visibility: managers, the issuer and the responsible department; a ticket’s order stays 404 to who cannot see the ticket', async () => {
    t.clock.set('2026-11-11T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    const issued = (await post('/supervision-orders', org.manager.token, { ticketId: ticket.id, feedbackRequired: '书面反馈' }).expect(201)).body as Order;
    await order(issued.id, org.eng.staff.token);
    await order(issued.id, deputy.token);
    await t.http().get(`/supervision-orders/${issued.id}`).set(auth(org.sec.staff.token)).expect(404);
    await post(`/supervision-orders/${issued.id}/feedback`, org.sec.supervisor.token, { text: '不是我们' }).expect(404);
    const secList = (await t.http().get('/supervision-orders').set(auth(org.sec.staff.token)).expect(200)).body as Order[];
    expect(secList).toHaveLength(0);
    const engList = (await t.http().get('/supervision-orders?status=open').set(auth(org.eng.staff.token)).expect(200)).body as Order[];
    expect(engList.map((o) => o.id)).toContain(issued.id);
    await t.http().get('/supervision-orders?status=nope').set(auth(org.eng.staff.token)).expect(400);
    // Issued by managers only, on exactly one target, to the ticket's department, with a deadline ahead.
    await post('/supervision-orders', org.eng.supervisor.token, { ticketId: ticket.id, feedbackRequired: 'x' }).expect(403);
    const none = await post('/supervision-orders', org.manager.token, { feedbackRequired: 'x' }).expect(422);
    expect(none.body.details.rule).toBe('supervision.one_target');
    const wrongDept = await post('/supervision-orders', org.manager.token, {
      ticketId: ticket.id,
      departmentId: org.sec.department.id,
      feedbackRequired: 'x',
    }).expect(422);
    expect(wrongDept.body.details).toMatchObject({ rule: 'supervision.ticket_department', field: 'departmentId' });
    const past = await post('/supervision-orders', org.manager.token, {
      ticketId: ticket.id,
      dueAt: '2026-11-01T10:00:00+08:00',
      feedbackRequired: 'x',
    }).expect(422);
    expect(past.body.details).toMatchObject({ rule: 'supervision.due_in_future', field: 'dueAt' });
    await post('/supervision-orders', org.manager.token, { ticketId: '00000000-0000-4000-8000-000000000000', feedbackRequired: 'x' }).expect(404);
    await post('/supervision-orders', org.manager.token, { ticketId: ticket.id }).expect(400);
  });
});
