import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Task = {
  id: string;
  department: { id: string };
  handler: { id: string } | null;
  status: string;
  dueAt: string;
  breached: boolean;
  escalationLevel: number;
};

/** Proves 联合办理's task clock (issue 17, item 5): an open co-department task warns, breaches and escalates, swept like any clock. */
describe('the co-department task clock (联合办理)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const sweep = async () => (await post('/admin/sweeps', t.adminToken).expect(200)).body as { joint: { warned: number; breached: number; escalated: number } };
  const notices = async (token: string, kind: string) =>
    ((await t.http().get('/notifications').set(auth(token)).expect(200)).body.items as Array<{ kind: string; ticketId: string | null; body: string }>).filter(
      (n) => n.kind === kind,
    );
  const tasks = async (ticketId: string) => (await t.http().get(`/tickets/${ticketId}/joint-tasks`).set(auth(org.manager.token)).expect(200)).body as Task[];
  const actions = async (ticketId: string) =>
    ((await t.db.query(`SELECT action FROM ticket_history WHERE ticket_id = $1 ORDER BY id`, [ticketId])) as Array<{ action: string }>)
      .map((r) => r.action)
      .filter((a) => a.startsWith('joint_task_'));
  /** A repair (工程部 leads, its supervisor handles it) with a task for 秩序部, assigned to 秩序部's staff member. */
  const jointTicket = async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    const task = (
      await post(`/tickets/${ticket.id}/joint-tasks`, org.eng.supervisor.token, { departmentId: org.sec.department.id, task: '调取监控' }).expect(201)
    ).body as Task;
    await post(`/tickets/${ticket.id}/joint-tasks/${task.id}/assign`, org.sec.supervisor.token, { staffId: org.sec.staff.id }).expect(201);
    return { ticket, task };
  };

  beforeAll(async () => {
    t = await createTestApp('joint_clock', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('an open task warns its handler at 75 % (joint.warnAtPercent), breaches at its due time and escalates to its own department’s supervisor, then company leaders; a handoff of the ticket does not reassign it', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const { ticket, task } = await jointTicket();
    expect(task.dueAt).toBe('2026-11-03T02:00:00.000Z'); // joint.taskMinutes: 24 h
    // The lead hands the ticket to 环境部: the co-department's task keeps its department and handler.
    t.clock.set('2026-11-02T03:00:00Z');
    await post(`/tickets/${ticket.id}/handoff`, org.eng.supervisor.token, {
      staffId: org.env.staff.id,
      departmentId: org.env.department.id,
      reason: '主要为保洁问题，转环境部牵头',
    }).expect(200);
    expect(await tasks(ticket.id)).toMatchObject([
      { id: task.id, department: { id: org.sec.department.id }, handler: { id: org.sec.staff.id }, status: 'open' },
    ]);

    t.clock.set('2026-11-02T19:59:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 0, escalated: 0 });
    t.clock.set('2026-11-02T20:00:00Z'); // 18 h of 24
    expect((await sweep()).joint).toEqual({ warned: 1, breached: 0, escalated: 0 });
    await sweep();
    // The task's due time (2026-11-03T02:00Z) in Beijing time, as staff read it.
    expect(await notices(org.sec.staff.token, 'joint.task_warned')).toMatchObject([{ ticketId: ticket.id, body: '协办任务期限 2026/11/3 10:00:00' }]);

    // At the due time: the breach, and level 1 of the escalation plan at once (afterBreachMinutes 0) to 秩序部's supervisor.
    t.clock.set('2026-11-03T01:59:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 0, escalated: 0 });
    t.clock.set('2026-11-03T02:00:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 1, escalated: 1 });
    await sweep();
    expect(await notices(org.sec.staff.token, 'joint.task_breached')).toHaveLength(1);
    expect(await notices(org.sec.supervisor.token, 'joint.task_escalated')).toHaveLength(1);
    // Not the lead's supervisors, before or after the handoff: the task is 秩序部's.
    expect(await notices(org.env.supervisor.token, 'joint.task_escalated')).toEqual([]);
    expect(await notices(org.eng.supervisor.token, 'joint.task_escalated')).toEqual([]);
    expect(await notices(org.manager.token, 'joint.task_escalated')).toEqual([]);

    // Level 2 after escalation[1].afterBreachMinutes (240): company leaders.
    t.clock.set('2026-11-03T05:59:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 0, escalated: 0 });
    t.clock.set('2026-11-03T06:00:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 0, escalated: 1 });
    await sweep();
    expect(await notices(org.manager.token, 'joint.task_escalated')).toMatchObject([{ ticketId: ticket.id }]);
    // Each step once.
    t.clock.set('2026-11-04T06:00:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(await tasks(ticket.id)).toMatchObject([{ id: task.id, breached: true, escalationLevel: 2, status: 'open' }]);
    expect(await actions(ticket.id)).toEqual([
      'joint_task_created',
      'joint_task_assigned',
      'joint_task_warned',
      'joint_task_breached',
      'joint_task_escalated',
      'joint_task_escalated',
    ]);
    // Signed off late, the breach stays on record and the clock stops.
    await post(`/tickets/${ticket.id}/joint-tasks/${task.id}/sign-off`, org.sec.staff.token, { note: '监控已调取' }).expect(201);
    expect(await tasks(ticket.id)).toMatchObject([{ status: 'signed_off', breached: true, escalationLevel: 2 }]);
  });

  it('a task signed off before its due time neither breaches nor escalates', async () => {
    t.clock.set('2026-11-10T02:00:00Z');
    const { ticket, task } = await jointTicket();
    t.clock.set('2026-11-10T10:00:00Z');
    await post(`/tickets/${ticket.id}/joint-tasks/${task.id}/sign-off`, org.sec.staff.token, { note: '已核实' }).expect(201);
    t.clock.set('2026-11-12T02:00:00Z');
    expect((await sweep()).joint).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(await tasks(ticket.id)).toMatchObject([{ status: 'signed_off', breached: false, escalationLevel: 0 }]);
  });
});
