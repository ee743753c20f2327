import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { ADMIN, createTestApp, type TestApp } from './utils/create-app.js';

type Return = { id: string; reasonCode: string; reasonLabel: string; verdict: string | null; fromDepartment: { id: string }; toDepartment: { id: string } };
type Dispatch = {
  id: string;
  status: string;
  signDueAt: string;
  warnedAt: string | null;
  breached: boolean;
  returnsClosed: boolean;
  toDepartment: { id: string };
  handler: { id: string } | null;
  returns: Return[];
};
type History = { action: string; after: Record<string, unknown> | null; note: string | null };

/**
 * Proves 派单/签收/退单 (issue 17, items 1, 2 and 7; seed 第一篇 一.8 及时转交, 第五篇 一站式接待, 第二条 首问负责制):
 * a department signs for what is handed to it within dispatch.signForMinutes or returns it with a reason, the
 * dispatcher decides the return, and scoring still charges who held the post at the failing clock (第十条).
 */
describe('dispatch, sign-for and returns (派单, 签收, 退单)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const get = (path: string, token: string) => t.http().get(path).set(auth(token));
  const sweep = async () => (await post('/admin/sweeps', t.adminToken).expect(200)).body;
  const detail = async (id: string) => (await get(`/tickets/${id}`, org.manager.token).expect(200)).body;
  const history = async (id: string) => (await detail(id)).history as History[];
  const notices = async (token: string, kind: string, ticketId: string) =>
    ((await get('/notifications', token).expect(200)).body.items as Array<{ kind: string; ticketId: string | null }>).filter(
      (n) => n.kind === kind && n.ticketId === ticketId,
    );
  /** A complaint received at customer service and held there (其他 routes to CS), dispatched to `to`. */
  const dispatched = async (to: { id: string }) => {
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '其他' });
    expect(ticket.handler.id).toBe(org.cs.staff.id);
    const d = (await post(`/tickets/${ticket.id}/dispatches`, org.cs.staff.token, { departmentId: to.id, note: '请派人现场查看' }).expect(201))
      .body as Dispatch;
    return { ticket, d };
  };
  const giveBack = (ticketId: string, d: Dispatch, token: string, reasonCode = 'not_our_duty') =>
    post(`/tickets/${ticketId}/dispatches/${d.id}/return`, token, { reasonCode, note: '该事项不归本部门管理' });

  /** Moves the clock; a jump of days outlives the test tokens, so everyone signs in again then. */
  const at = async (iso: string) => {
    t.clock.set(iso);
    for (const team of [org.cs, org.eng, org.sec, org.env]) for (const p of [team.staff, team.supervisor]) p.token = await t.login(p.username, p.password);
    for (const p of [org.manager, org.hr]) p.token = await t.login(p.username, p.password);
    t.adminToken = await t.login(ADMIN.username, ADMIN.password);
  };

  beforeAll(async () => {
    t = await createTestApp('dispatch', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('an unsigned dispatch warns, breaches at its sign-for deadline and escalates to the receiving department’s supervisor; the 24-hour clock runs on', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const { ticket, d } = await dispatched(org.eng.department);
    // dispatch.signForMinutes: 60 on the ticket's (continuous) calendar.
    expect(d).toMatchObject({ status: 'open', signDueAt: '2026-11-02T03:00:00.000Z', toDepartment: { id: org.eng.department.id }, breached: false });
    // Until it signs, the ticket is with the department: its supervisor holds it.
    const held = await detail(ticket.id);
    expect(held).toMatchObject({ handler: { id: org.eng.supervisor.id }, department: { id: org.eng.department.id } });
    expect(held.sections.dispatches).toMatchObject([{ id: d.id, status: 'open' }]);
    await get(`/tickets/${ticket.id}`, org.eng.supervisor.token).expect(200);
    await sweep();
    expect(await notices(org.eng.supervisor.token, 'dispatch.created', ticket.id)).toHaveLength(1);
    // dispatch.warnAtPercent: 75 → 02:45.
    t.clock.set('2026-11-02T02:46:00Z');
    expect((await sweep()).dispatch).toEqual({ warned: 1, breached: 0, escalatedToLeaders: 0 });
    expect(await notices(org.eng.supervisor.token, 'dispatch.warned', ticket.id)).toHaveLength(1);
    t.clock.set('2026-11-02T03:01:00Z');
    expect((await sweep()).dispatch).toEqual({ warned: 0, breached: 1, escalatedToLeaders: 0 });
    expect((await sweep()).dispatch).toEqual({ warned: 0, breached: 0, escalatedToLeaders: 0 });
    expect(await notices(org.eng.supervisor.token, 'dispatch.escalated', ticket.id)).toHaveLength(1);
    expect(await notices(org.cs.staff.token, 'dispatch.breached', ticket.id)).toHaveLength(1);
    const rows = await history(ticket.id);
    expect(rows.map((h) => h.action).filter((a) => a.startsWith('dispatch'))).toEqual([
      'dispatched',
      'dispatch_warned',
      'dispatch_breached',
      'dispatch_escalated',
    ]);
    expect(rows.find((h) => h.action === 'dispatch_escalated')).toMatchObject({ after: { dispatchId: d.id, level: 1, recipients: [org.eng.supervisor.id] } });
    expect(await notices(org.manager.token, 'dispatch.escalated', ticket.id)).toHaveLength(0);
    // The resident is waiting: the 24-hour response clock kept running.
    const clocks = (await detail(ticket.id)).sections.clocks as Array<{ purpose: string; status: string; dueAt: string; breached: boolean }>;
    expect(clocks.find((c) => c.purpose === 'response')).toMatchObject({ status: 'running', dueAt: '2026-11-03T02:00:00.000Z', breached: false });
    // Still unsigned dispatch.leadersAfterBreachMinutes (240) after the breach: to company leaders, once.
    t.clock.set('2026-11-02T07:00:00Z');
    expect((await sweep()).dispatch).toEqual({ warned: 0, breached: 0, escalatedToLeaders: 1 });
    expect((await sweep()).dispatch).toEqual({ warned: 0, breached: 0, escalatedToLeaders: 0 });
    expect(await notices(org.manager.token, 'dispatch.escalated', ticket.id)).toHaveLength(1);
    expect((await history(ticket.id)).filter((h) => h.action === 'dispatch_escalated').map((h) => h.after?.level)).toEqual([1, 2]);
    // Past the span a return is refused; signing still works, late, and names the handler.
    const late = await giveBack(ticket.id, d, org.eng.staff.token).expect(409);
    expect(late.body.details.rule).toBe('dispatch.return_within_span');
    const signed = (await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.supervisor.token, { staffId: org.eng.staff.id }).expect(200)).body;
    expect(signed).toMatchObject({ status: 'signed', breached: true, handler: { id: org.eng.staff.id } });
    expect(await detail(ticket.id)).toMatchObject({ handler: { id: org.eng.staff.id }, department: { id: org.eng.department.id } });
    expect((await history(ticket.id)).find((h) => h.action === 'dispatch_signed')).toMatchObject({ after: { handlerId: org.eng.staff.id, late: true } });
    const again = await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.staff.token).expect(409);
    expect(again.body.details.rule).toBe('dispatch.open');
  });

  it('a return accepted: the dispatch ends as returned, the ticket comes back to the dispatcher, who dispatches it elsewhere (退单 同意, 重新派单)', async () => {
    await at('2026-11-05T02:00:00Z');
    const { ticket, d } = await dispatched(org.eng.department);
    // Reasons come from dispatch.returnReasons; anything else is 400 naming the field.
    const unknown = await giveBack(ticket.id, d, org.eng.staff.token, 'too_busy').expect(400);
    expect(unknown.body.details.fields[0].field).toBe('reasonCode');
    t.clock.set('2026-11-05T02:20:00Z');
    const returned = (await giveBack(ticket.id, d, org.eng.staff.token, 'wrong_locality').expect(200)).body as Dispatch;
    expect(returned).toMatchObject({ status: 'open', returns: [{ reasonCode: 'wrong_locality', reasonLabel: '属地不符', verdict: null }] });
    // One return at a time, and no signing while the dispatcher decides.
    expect((await giveBack(ticket.id, d, org.eng.supervisor.token).expect(409)).body.details.rule).toBe('dispatch.return_pending');
    expect((await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.supervisor.token).expect(409)).body.details.rule).toBe(
      'dispatch.return_pending',
    );
    await sweep();
    expect(await notices(org.cs.staff.token, 'dispatch.returned', ticket.id)).toHaveLength(1);
    // Only the dispatcher's side decides: not the department that returned it.
    const rid = returned.returns[0].id;
    const bySelf = await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${rid}/accept`, org.eng.supervisor.token).expect(403);
    expect(bySelf.body.details.rule).toBe('dispatch.decided_by_dispatcher');
    const unknownVerdict = await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${rid}/postpone`, org.cs.staff.token).expect(400);
    expect(unknownVerdict.body.details.fields[0].field).toBe('verdict');
    const accepted = (await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${rid}/accept`, org.cs.staff.token, { note: '改派秩序部' }).expect(200))
      .body as Dispatch;
    expect(accepted).toMatchObject({ status: 'returned', returns: [{ id: rid, verdict: 'accepted' }] });
    expect(await detail(ticket.id)).toMatchObject({ handler: { id: org.cs.staff.id }, department: { id: org.cs.department.id } });
    const again = await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${rid}/reject`, org.cs.staff.token).expect(409);
    expect(again.body.details.rule).toBe('dispatch.decided_once');
    // Re-dispatched to another department, which signs for it and names its handler.
    t.clock.set('2026-11-05T02:30:00Z');
    const second = (
      await post(`/tickets/${ticket.id}/dispatches`, org.cs.staff.token, { departmentId: org.sec.department.id, note: '属秩序部巡查范围' }).expect(201)
    ).body as Dispatch;
    expect(second).toMatchObject({ status: 'open', signDueAt: '2026-11-05T03:30:00.000Z' });
    const signed = (await post(`/tickets/${ticket.id}/dispatches/${second.id}/sign`, org.sec.supervisor.token, { staffId: org.sec.staff.id }).expect(200))
      .body as Dispatch;
    expect(signed).toMatchObject({ status: 'signed', breached: false, handler: { id: org.sec.staff.id } });
    expect(await detail(ticket.id)).toMatchObject({ handler: { id: org.sec.staff.id }, department: { id: org.sec.department.id } });
    // The ticket records its dispatches with their returns; its history every step.
    const listed = (await get(`/tickets/${ticket.id}/dispatches`, org.sec.staff.token).expect(200)).body as Dispatch[];
    expect(listed.map((x) => [x.toDepartment.id, x.status, x.returns.map((r) => r.verdict)])).toEqual([
      [org.eng.department.id, 'returned', ['accepted']],
      [org.sec.department.id, 'signed', []],
    ]);
    expect((await history(ticket.id)).map((h) => h.action).filter((a) => a.startsWith('dispatch'))).toEqual([
      'dispatched',
      'dispatch_returned',
      'dispatch_return_accepted',
      'dispatched',
      'dispatch_signed',
    ]);
    // Counted per department pair and per reason.
    const summary = (await get('/dispatches/summary?month=2026-11', org.manager.token).expect(200)).body;
    const pair = summary.byPair.find(
      (p: { fromDepartment: { id: string }; toDepartment: { id: string } }) =>
        p.fromDepartment.id === org.eng.department.id && p.toDepartment.id === org.cs.department.id,
    );
    expect(pair).toMatchObject({ returns: 1, accepted: 1, rejected: 0, pending: 0 });
    expect(summary.byReason).toEqual([{ reasonCode: 'wrong_locality', reasonLabel: '属地不符', returns: 1 }]);
    await get('/dispatches/summary?month=2026-11', org.cs.staff.token).expect(403);
    await get('/dispatches/summary?month=November', org.manager.token).expect(400);
  });

  it('a return rejected: the department is forced to sign — no more returns of that dispatch, signing works', async () => {
    await at('2026-11-09T02:00:00Z');
    const { ticket, d } = await dispatched(org.eng.department);
    const returned = (await giveBack(ticket.id, d, org.eng.supervisor.token).expect(200)).body as Dispatch;
    // The dispatching department's supervisor may decide for the dispatcher.
    const rejected = (
      await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${returned.returns[0].id}/reject`, org.cs.supervisor.token, {
        note: '楼道照明属工程部职责，请签收',
      }).expect(200)
    ).body as Dispatch;
    expect(rejected).toMatchObject({ status: 'open', returnsClosed: true, returns: [{ verdict: 'rejected' }] });
    await sweep();
    expect(await notices(org.eng.supervisor.token, 'dispatch.return_rejected', ticket.id)).toHaveLength(1);
    const refused = await giveBack(ticket.id, d, org.eng.staff.token, 'incomplete').expect(422);
    expect(refused.body.details.rule).toBe('dispatch.returns_closed');
    // Signing names a member of the receiving department, nobody else.
    const outsider = await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.supervisor.token, { staffId: org.sec.staff.id }).expect(422);
    expect(outsider.body.details).toMatchObject({ rule: 'dispatch.handler_in_department', field: 'staffId' });
    const notReceiving = await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.cs.staff.token).expect(403);
    expect(notReceiving.body.details.rule).toBe('dispatch.by_receiving_department');
    const signed = (await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.staff.token, { note: '马上安排' }).expect(200)).body as Dispatch;
    expect(signed).toMatchObject({ status: 'signed', handler: { id: org.eng.staff.id }, returnsClosed: true });
    expect(await detail(ticket.id)).toMatchObject({ handler: { id: org.eng.staff.id } });
    expect((await history(ticket.id)).map((h) => h.action).filter((a) => a.startsWith('dispatch'))).toEqual([
      'dispatched',
      'dispatch_returned',
      'dispatch_return_rejected',
      'dispatch_signed',
    ]);
  });

  it('the third return of one ticket reaches company leaders (dispatch.leadersAtReturn = 3)', async () => {
    await at('2026-11-12T02:00:00Z');
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '其他' });
    const bounce = async (to: { id: string }, token: string, reasonCode: string, accept: boolean) => {
      const d = (await post(`/tickets/${ticket.id}/dispatches`, org.cs.staff.token, { departmentId: to.id, note: '请处理' }).expect(201)).body as Dispatch;
      const r = (await giveBack(ticket.id, d, token, reasonCode).expect(200)).body as Dispatch;
      if (accept) await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${r.returns.at(-1)!.id}/accept`, org.cs.staff.token).expect(200);
      return d;
    };
    await bounce(org.eng.department, org.eng.staff.token, 'not_our_duty', true);
    await bounce(org.sec.department, org.sec.staff.token, 'ownership', true);
    await sweep();
    expect(await notices(org.manager.token, 'dispatch.third_return', ticket.id)).toHaveLength(0);
    await bounce(org.env.department, org.env.staff.token, 'not_our_duty', false);
    await sweep();
    expect(await notices(org.manager.token, 'dispatch.third_return', ticket.id)).toHaveLength(1);
    const rows = await history(ticket.id);
    expect(rows.filter((h) => h.action === 'dispatch_returns_to_leaders')).toMatchObject([{ after: { returnCount: 3, recipients: [org.manager.id] } }]);
    const summary = (await get('/dispatches/summary?month=2026-11', org.hr.token).expect(200)).body;
    const ofReason = (code: string) => summary.byReason.find((r: { reasonCode: string }) => r.reasonCode === code)?.returns;
    expect(ofReason('ownership')).toBe(1);
    expect(summary.byPair.find((p: { fromDepartment: { id: string } }) => p.fromDepartment.id === org.env.department.id)).toMatchObject({
      returns: 1,
      pending: 1,
    });
  });

  it('a handoff outside the dispatch: within the receiving department it is the sign-for; elsewhere, or a resolved ticket, ends the dispatch so its clock stops', async () => {
    await at('2026-11-14T02:00:00Z');
    await sweep(); // what earlier tests left unsigned breaches now, not below
    const { ticket, d } = await dispatched(org.eng.department);
    // The receiving supervisor hands it to a member with the ordinary handoff: that is the department signing for it.
    await post(`/tickets/${ticket.id}/handoff`, org.eng.supervisor.token, { staffId: org.eng.staff.id, reason: '交维修班' }).expect(200);
    const [signed] = (await get(`/tickets/${ticket.id}/dispatches`, org.eng.staff.token).expect(200)).body as Dispatch[];
    expect(signed).toMatchObject({ id: d.id, status: 'signed', handler: { id: org.eng.staff.id } });
    expect((await history(ticket.id)).find((h) => h.action === 'dispatch_signed')).toMatchObject({ after: { byHandoff: true, late: false } });
    // Handed on to another department: that dispatch ends unsigned, and nothing breaches later.
    const other = await dispatched(org.sec.department);
    await post(`/tickets/${other.ticket.id}/handoff`, org.cs.staff.token, { departmentId: org.env.department.id, reason: '改由环境部处理' }).expect(200);
    const second = await dispatched(org.env.department);
    await post(`/tickets/${second.ticket.id}/resolve`, org.env.supervisor.token, { summary: '已清理' }).expect(200);
    t.clock.set('2026-11-14T04:00:00Z');
    expect((await sweep()).dispatch).toEqual({ warned: 0, breached: 0, escalatedToLeaders: 0 });
    for (const id of [other.ticket.id, second.ticket.id]) {
      expect(((await get(`/tickets/${id}/dispatches`, org.cs.staff.token).expect(200)).body as Dispatch[]).map((x) => x.status)).toEqual(['closed']);
      expect((await history(id)).map((h) => h.action)).toContain('dispatch_closed');
    }
  });

  it('a person of another department gets 404 from every dispatch route of a ticket they cannot see', async () => {
    await at('2026-11-16T02:00:00Z');
    const { ticket, d } = await dispatched(org.eng.department);
    const returned = (await giveBack(ticket.id, d, org.eng.staff.token).expect(200)).body as Dispatch;
    const rid = returned.returns[0].id;
    for (const token of [org.sec.staff.token, org.sec.supervisor.token]) {
      await get(`/tickets/${ticket.id}/dispatches`, token).expect(404);
      await post(`/tickets/${ticket.id}/dispatches`, token, { departmentId: org.env.department.id, note: '改派' }).expect(404);
      await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, token).expect(404);
      await giveBack(ticket.id, d, token).expect(404);
      await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${rid}/accept`, token).expect(404);
      await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${rid}/reject`, token).expect(404);
    }
    // The dispatcher still sees the ticket it waits on, but does not act on it as the receiving department.
    await get(`/tickets/${ticket.id}`, org.cs.supervisor.token).expect(200);
    const asDesk = await post(`/tickets/${ticket.id}/replies`, org.cs.supervisor.token, { content: '您好，已安排工程部处理。', via: 'phone' }).expect(403);
    expect(asDesk.body.details.rule).toBe('dispatch.with_receiving_department');
  });

  it('第十条 scoring: an overreach after a rejected return charges who handled the ticket when the response clock breached, not the department that returned it', async () => {
    await at('2026-11-20T02:00:00Z');
    const { ticket, d } = await dispatched(org.eng.department);
    const returned = (await giveBack(ticket.id, d, org.eng.staff.token).expect(200)).body as Dispatch;
    await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${returned.returns[0].id}/reject`, org.cs.staff.token).expect(200);
    await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.supervisor.token, { staffId: org.eng.staff.id }).expect(200);
    // 工程部 finds the part that fails is 秩序部's (the gate), and hands it on; the response clock breaches there.
    t.clock.set('2026-11-20T06:00:00Z');
    await post(`/tickets/${ticket.id}/handoff`, org.eng.staff.token, { staffId: org.sec.staff.id, reason: '门禁故障属秩序部' }).expect(200);
    t.clock.set('2026-11-21T02:01:00Z');
    await sweep();
    t.clock.set('2026-11-21T04:00:00Z');
    const res = await post(`/tickets/${ticket.id}/overreach`, org.manager.token, {
      level: 'company',
      venueKind: 'company_leader',
      venueName: '总经理信箱',
      attribution: 'slow',
      occurredAt: '2026-11-21T03:00:00Z',
    }).expect(201);
    expect(res.body).toMatchObject({ basis: 'breach', responsible: { id: org.sec.staff.id }, supervisor: { id: org.sec.supervisor.id } });
    const entries = (await get('/scoring/entries', org.hr.token).expect(200)).body.filter((e: { ticketId: string }) => e.ticketId === ticket.id);
    const charged = Object.fromEntries(
      entries.map((e: { role: string; employee: { id: string }; points: number }) => [`${e.role}:${e.employee.id}`, e.points]),
    );
    expect(charged).toEqual({ [`responsible:${org.sec.staff.id}`]: 20, [`supervisor:${org.sec.supervisor.id}`]: 20 });
    // The department that returned it (and was refused) is not charged merely for returning.
    for (const p of [org.eng.staff, org.eng.supervisor]) expect(Object.keys(charged).some((k) => k.endsWith(p.id))).toBe(false);
  });
  it('notices name the ticket by its reference and the receiving department, never the dispatch’s id (派单 notices)', async () => {
    await at('2026-11-25T02:00:00Z');
    const { ticket, d } = await dispatched(org.eng.department);
    await sweep();
    const bodies = async (token: string, kind: string) =>
      ((await get('/notifications', token).expect(200)).body.items as Array<{ kind: string; ticketId: string | null; body: string }>)
        .filter((n) => n.kind === kind && n.ticketId === ticket.id)
        .map((n) => n.body);
    // dispatch.signForMinutes 60 from 10:00 in Shanghai.
    expect(await bodies(org.eng.supervisor.token, 'dispatch.created')).toEqual([`工单 ${ticket.reference}，派至工程部，签收时限 2026/11/25 11:00:00`]);
    await giveBack(ticket.id, d, org.eng.staff.token, 'incomplete').expect(200);
    await sweep();
    const [returned] = await bodies(org.cs.staff.token, 'dispatch.returned');
    expect(returned).toBe(`工单 ${ticket.reference}，派至工程部`);
    expect(returned).not.toContain(d.id);
  });

  it('a return still pending when its dispatch ends through a handoff elsewhere or the ticket resolved is withdrawn, and not counted pending', async () => {
    await at('2026-12-02T02:00:00Z');
    await sweep(); // what earlier tests left unsigned breaches now, not below
    // Returned by 工程部; before the dispatcher decides, the desk hands the ticket to 环境部 itself.
    const handed = await dispatched(org.eng.department);
    await giveBack(handed.ticket.id, handed.d, org.eng.staff.token).expect(200);
    await post(`/tickets/${handed.ticket.id}/handoff`, org.cs.staff.token, { departmentId: org.env.department.id, reason: '改由环境部处理' }).expect(200);
    // Returned by 秩序部; its supervisor, who holds the ticket meanwhile, resolves it.
    const resolved = await dispatched(org.sec.department);
    await giveBack(resolved.ticket.id, resolved.d, org.sec.staff.token, 'incomplete').expect(200);
    await post(`/tickets/${resolved.ticket.id}/resolve`, org.sec.supervisor.token, { summary: '已现场处理' }).expect(200);
    for (const { ticket, d } of [handed, resolved]) {
      const [ended] = (await get(`/tickets/${ticket.id}/dispatches`, org.cs.staff.token).expect(200)).body as Dispatch[];
      expect(ended).toMatchObject({ id: d.id, status: 'closed', returns: [{ verdict: 'withdrawn' }] });
      const closedRow = (await history(ticket.id)).find((h) => h.action === 'dispatch_closed');
      expect(closedRow).toMatchObject({ after: { dispatchId: d.id, withdrawnReturnId: ended.returns[0].id } });
      expect(closedRow?.note).toContain('待处理的退单已撤回');
      // Nothing left to decide.
      const late = await post(`/tickets/${ticket.id}/dispatches/${d.id}/returns/${ended.returns[0].id}/accept`, org.cs.staff.token);
      expect(late.body.details?.rule).toBe('dispatch.decided_once');
    }
    const summary = (await get('/dispatches/summary?month=2026-12', org.manager.token).expect(200)).body;
    const pair = (from: { id: string }) =>
      summary.byPair.find(
        (p: { fromDepartment: { id: string }; toDepartment: { id: string } }) => p.fromDepartment.id === from.id && p.toDepartment.id === org.cs.department.id,
      );
    expect(pair(org.eng.department)).toMatchObject({ returns: 1, accepted: 0, rejected: 0, withdrawn: 1, pending: 0 });
    expect(pair(org.sec.department)).toMatchObject({ returns: 1, accepted: 0, rejected: 0, withdrawn: 1, pending: 0 });
  });

  it('one sweep breaches several unsigned dispatches at once: each history, each notice names its own ticket and receiving department', async () => {
    await at('2026-12-08T02:00:00Z');
    await sweep(); // what earlier tests left unsigned breaches now, not below
    const toEng = await dispatched(org.eng.department);
    const toSec = await dispatched(org.sec.department);
    t.clock.set('2026-12-08T03:01:00Z');
    expect((await sweep()).dispatch).toEqual({ warned: 0, breached: 2, escalatedToLeaders: 0 });
    await sweep(); // the notices go out after the commit
    const bodies = async (token: string, kind: string, ticketId: string) =>
      ((await get('/notifications', token).expect(200)).body.items as Array<{ kind: string; ticketId: string | null; body: string }>)
        .filter((n) => n.kind === kind && n.ticketId === ticketId)
        .map((n) => n.body);
    for (const [{ ticket, d }, department, supervisor] of [
      [toEng, '工程部', org.eng.supervisor],
      [toSec, '秩序部', org.sec.supervisor],
    ] as const) {
      expect(await bodies(org.cs.staff.token, 'dispatch.breached', ticket.id)).toEqual([
        `工单 ${ticket.reference}，派至${department}，签收时限 2026/12/8 11:00:00`,
      ]);
      expect(await bodies(supervisor.token, 'dispatch.escalated', ticket.id)).toEqual([`工单 ${ticket.reference}，派至${department}`]);
      const rows = (await history(ticket.id)).filter((h) => h.action.startsWith('dispatch_'));
      expect(rows.map((h) => [h.action, h.after?.dispatchId])).toEqual([
        ['dispatch_breached', d.id],
        ['dispatch_escalated', d.id],
      ]);
    }
  });
});
