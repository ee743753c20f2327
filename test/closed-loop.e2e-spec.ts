import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type History = { action: string; at: string; actor: { id: string } | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

/**
 * Proves the closed loop in one ticket (issue 17, "Done when"; 第一篇 一.8 及时转交, 第五篇 一站式接待, 第二条 回访):
 * 受理 → 派单 → 签收 → 延期 → 答复/办结 → 回访 → 关闭, every step a history row in that order.
 */
describe('the closed loop of one ticket (受理 → 派单 → 签收 → 延期 → 办结 → 回访 → 关闭)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const detail = async (id: string) => (await t.http().get(`/tickets/${id}`).set(auth(org.manager.token)).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp('closed_loop', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('intake, dispatch, sign-for naming a handler, an approved extension, reply and resolve, a satisfied follow-up and close: all in the history, in order', async () => {
    // 受理: customer service records it and holds it (其他 routes to CS).
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '其他' });
    expect(ticket.handler.id).toBe(org.cs.staff.id);
    // 派单 to 工程部.
    t.clock.set('2026-11-02T02:10:00Z');
    const d = (await post(`/tickets/${ticket.id}/dispatches`, org.cs.staff.token, { departmentId: org.eng.department.id, note: '请派人现场查看' }).expect(201))
      .body;
    // 签收 by the department's supervisor, naming the handler.
    t.clock.set('2026-11-02T02:30:00Z');
    await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.supervisor.token, { staffId: org.eng.staff.id, note: '交维修班' }).expect(200);
    expect(await detail(ticket.id)).toMatchObject({ handler: { id: org.eng.staff.id }, department: { id: org.eng.department.id } });
    // 延期: the handler asks, the supervisor approves; the deadline moves, the original stays.
    t.clock.set('2026-11-02T08:00:00Z');
    const asked = (
      await post(`/tickets/${ticket.id}/extensions`, org.eng.staff.token, {
        purpose: 'response',
        newDueAt: '2026-11-04T10:00:00+08:00',
        reason: '需厂家提供配件，预计明天到货',
      }).expect(201)
    ).body;
    t.clock.set('2026-11-02T09:00:00Z');
    await post(`/tickets/${ticket.id}/extensions/${asked.id}/approve`, org.eng.supervisor.token, { note: '同意' }).expect(200);
    const extended = await detail(ticket.id);
    expect(extended.sections.clocks.find((c: { purpose: string }) => c.purpose === 'response')).toMatchObject({
      status: 'running',
      dueAt: '2026-11-04T02:00:00.000Z',
      originalDueAt: '2026-11-03T02:00:00.000Z',
    });
    expect(extended.sections.extensions).toMatchObject([{ id: asked.id, status: 'approved', originalDueAt: '2026-11-03T02:00:00.000Z' }]);
    expect(extended.sections.dispatches).toMatchObject([{ id: d.id, status: 'signed', handler: { id: org.eng.staff.id } }]);
    // 五清楚, 答复 and 办结 by the handler.
    t.clock.set('2026-11-02T12:00:00Z');
    for (const item of ['listen', 'ask', 'record'])
      await post(`/tickets/${ticket.id}/checklist/${item}`, org.eng.staff.token, { note: `${item} 的记录` }).expect(200);
    await post(`/tickets/${ticket.id}/replies`, org.eng.staff.token, { content: '配件已到，已更换楼道灯，请您查看', via: 'phone', final: true }).expect(200);
    await post(`/tickets/${ticket.id}/resolve`, org.eng.staff.token, { summary: '更换三楼楼道灯' }).expect(200);
    // 回访 满意, then 关闭.
    t.clock.set('2026-11-03T02:00:00Z');
    await post(`/tickets/${ticket.id}/follow-ups`, org.eng.supervisor.token, { contact: 'phone', verdict: 'satisfied', note: '业主满意' }).expect(201);
    const closed = await post(`/tickets/${ticket.id}/close`, org.eng.staff.token).expect(200);
    expect(closed.body.status).toBe('closed');

    const history = (await detail(ticket.id)).history as History[];
    const steps = history.map((h) => h.action).filter((a) => a !== 'checklist_ticked');
    expect(steps).toEqual([
      'received',
      'assigned',
      // 派单 moves the ticket to the receiving department (its supervisor holds it until it signs); 签收 to the named handler.
      'handed_off',
      'dispatched',
      'handed_off',
      'dispatch_signed',
      'extension_requested',
      'extension_approved',
      'replied',
      'resolved',
      'follow_up',
      'closed',
    ]);
    // In time order, each step by whoever took it.
    const at = history.map((h) => Date.parse(h.at));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const by = (action: string) => history.find((h) => h.action === action)?.actor?.id;
    expect([by('dispatched'), by('dispatch_signed'), by('extension_requested'), by('extension_approved'), by('resolved'), by('follow_up')]).toEqual([
      org.cs.staff.id,
      org.eng.supervisor.id,
      org.eng.staff.id,
      org.eng.supervisor.id,
      org.eng.staff.id,
      org.eng.supervisor.id,
    ]);
    expect(history.find((h) => h.action === 'dispatch_signed')).toMatchObject({ after: { dispatchId: d.id, handlerId: org.eng.staff.id, late: false } });
    expect(history.find((h) => h.action === 'extension_approved')).toMatchObject({
      before: { dueAt: '2026-11-03T02:00:00.000Z' },
      after: { dueAt: '2026-11-04T02:00:00.000Z', originalDueAt: '2026-11-03T02:00:00.000Z' },
    });
    expect(history.find((h) => h.action === 'follow_up')).toMatchObject({ after: expect.objectContaining({ verdict: 'satisfied' }) });
  });
});
