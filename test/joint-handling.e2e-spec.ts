import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany, createStaff, type TestStaff } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Task = { id: string; department: { id: string; name: string }; task: string; handler: { id: string } | null; status: string; dueAt: string };

/** Proves: 联合办理 — a lead department, co-departments with tasks of their own, one answer to the resident. */
describe('joint handling (联合办理)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let secColleague: TestStaff;
  let ticket: { id: string; version: number };
  let task: Task;
  const phone = '13912345678';
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const history = async () =>
    (await t.db.query(`SELECT action FROM ticket_history WHERE ticket_id = $1 ORDER BY id`, [ticket.id])).map((r: { action: string }) => r.action) as string[];

  beforeAll(async () => {
    t = await createTestApp('joint_handling', { start: '2026-11-02T02:00:00Z' }); // Monday 10:00 in Shanghai
    org = await createCompany(t);
    secColleague = await createStaff(t, { department: org.sec.department, roles: ['staff'], name: '秩序部同事' });
    // A repair goes to 工程部 (its supervisor handles it): 工程部 leads.
    ticket = await fileTicket(t, org.cs.staff.token, {
      category: '报修',
      complainant: { name: '张先生', phone, address: { community: '阳光花园', building: '3', unit: '2', room: '501' } },
    });
  });
  afterAll(() => t.close());

  it('联合办理: the lead gives a co-department a task due by policy joint.taskMinutes; its supervisor assigns it; each step is in the history', async () => {
    const created = await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks`)
      .set(auth(org.eng.supervisor.token))
      .send({ departmentId: org.sec.department.id, task: '秩序部调取监控，核实施工时间' })
      .expect(201);
    task = created.body;
    expect(task).toMatchObject({ department: { name: '秩序部' }, status: 'open', handler: null, dueAt: '2026-11-03T02:00:00.000Z' });
    // The lead is not its own co-department; a stranger to the ticket does not learn it exists.
    const self = await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks`)
      .set(auth(org.eng.supervisor.token))
      .send({ departmentId: org.eng.department.id, task: 'x' });
    expect(self.status).toBe(422);
    expect(self.body.details.rule).toBe('joint.co_department_not_lead');
    await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks`)
      .set(auth(org.env.staff.token))
      .send({ departmentId: org.env.department.id, task: 'x' })
      .expect(404);
    // Only the co-department's supervisor assigns, and to its own member.
    const byOther = await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks/${task.id}/assign`)
      .set(auth(org.eng.supervisor.token))
      .send({ staffId: org.sec.staff.id });
    expect(byOther.status).toBe(403);
    expect(byOther.body.details.rule).toBe('joint.supervisor_assigns_own_member');
    const outsider = await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks/${task.id}/assign`)
      .set(auth(org.sec.supervisor.token))
      .send({ staffId: org.eng.staff.id });
    expect(outsider.status).toBe(422);
    const assigned = await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks/${task.id}/assign`)
      .set(auth(org.sec.supervisor.token))
      .send({ staffId: org.sec.staff.id })
      .expect(201);
    expect(assigned.body.handler.id).toBe(org.sec.staff.id);
    expect(await history()).toEqual(expect.arrayContaining(['joint_task_created', 'joint_task_assigned']));
  });

  it('联合办理 个人信息保护法: the task handler sees the resident’s number, other co-department members see it masked', async () => {
    const handler = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.sec.staff.token)).expect(200);
    expect(handler.body.complainant.phone).toBe(phone);
    const colleague = await t.http().get(`/tickets/${ticket.id}`).set(auth(secColleague.token)).expect(200);
    expect(colleague.body.complainant.phone).not.toContain('12345678');
    expect(colleague.body.complainant.phone).toContain('****');
    expect(JSON.stringify(colleague.body)).not.toContain(phone);
  });

  it('联合办理 统一答复: a co-department may not reply to the resident (joint.lead_replies_only)', async () => {
    const res = await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(org.sec.staff.token)).send({ content: '监控已调取', via: 'phone' });
    expect(res.status).toBe(403);
    expect(res.body.details.rule).toBe('joint.lead_replies_only');
    expect(await t.db.query(`SELECT 1 FROM ticket_reply WHERE ticket_id = $1`, [ticket.id])).toHaveLength(0);
  });

  it('联合办理: the ticket is refused resolution while a co-department’s task is open (409 joint.tasks_open naming it), and resolves once signed off', async () => {
    const refused = await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.supervisor.token)).send({ summary: '已修复' });
    expect(refused.status).toBe(409);
    expect(refused.body.details.rule).toBe('joint.tasks_open');
    expect(refused.body.details.openTasks).toEqual([expect.objectContaining({ departmentName: '秩序部', task: '秩序部调取监控，核实施工时间' })]);
    // Only the task's handler signs off.
    const notHandler = await t.http().post(`/tickets/${ticket.id}/joint-tasks/${task.id}/sign-off`).set(auth(secColleague.token)).send({ note: '完成' });
    expect(notHandler.status).toBe(403);
    expect(notHandler.body.details.rule).toBe('joint.handler_signs_off');
    await t
      .http()
      .post(`/tickets/${ticket.id}/joint-tasks/${task.id}/sign-off`)
      .set(auth(org.sec.staff.token))
      .send({ note: '监控显示施工在白天' })
      .expect(201);
    const resolved = await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.supervisor.token)).send({ summary: '已修复' }).expect(200);
    expect(resolved.body.status).toBe('resolved');
    expect(await history()).toEqual(expect.arrayContaining(['joint_task_signed_off', 'resolved']));
  });

  it('联合办理: the co-department still sees the ticket joint.visibilityDaysAfterSignOff days after signing off, and 404 after', async () => {
    t.clock.set('2026-11-08T02:00:00Z'); // six days after
    await t.http().get(`/tickets/${ticket.id}`).set(auth(org.sec.staff.token)).expect(200);
    const listed = await t.http().get('/tickets').set(auth(secColleague.token)).expect(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(ticket.id);
    t.clock.set('2026-11-09T02:00:01Z'); // seven days and a second
    await t.http().get(`/tickets/${ticket.id}`).set(auth(org.sec.staff.token)).expect(404);
    await t.http().get(`/tickets/${ticket.id}/joint-tasks`).set(auth(org.sec.staff.token)).expect(404);
    const later = await t.http().get('/tickets').set(auth(secColleague.token)).expect(200);
    expect(later.body.items.map((x: { id: string }) => x.id)).not.toContain(ticket.id);
  });
});
