import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appointSupervisor, createCompany, createStaff } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Entry = {
  id: string;
  employee: { id: string };
  role: string;
  rule: string;
  points: number;
  amountFen: number;
  sanction: string;
  month: string;
  originalMonth: string;
  adjustment: boolean;
  kind: string;
};

describe('overreach penalties, valid complaints and the ledger (第十条, 第十一条)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sweep = async () => (await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200)).body;
  const overreach = (ticketId: string, body: Record<string, unknown>, token = org.manager.token) =>
    t
      .http()
      .post(`/tickets/${ticketId}/overreach`)
      .set(auth(token))
      .send({ venueKind: 'company_leader', venueName: '总经理', attribution: 'slow', ...body });
  const entriesOf = async (ticketId: string): Promise<Entry[]> =>
    (await t.http().get('/scoring/entries').set(auth(org.hr.token)).expect(200)).body.filter((e: { ticketId: string }) => e.ticketId === ticketId);
  const charged = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [`${e.role}:${e.employee.id}`, e.points]));

  beforeAll(async () => {
    t = await createTestApp('scoring', { start: '2026-11-01T12:00:00Z' }); // tokens live 30 days: every step stays within them;
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('charges 20 points to the department supervisor and 20 to the handler for an overreach to company leaders (第十条(一))', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-02T06:00:00Z');
    const res = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-02T13:00:00+08:00' }).expect(201);
    expect(res.body).toMatchObject({
      level: 'company',
      basis: 'handler',
      responsible: { id: org.eng.staff.id },
      supervisor: { id: org.eng.supervisor.id },
      disciplinaryCaseId: null,
    });
    expect(charged(await entriesOf(ticket.id))).toEqual({ [`supervisor:${org.eng.supervisor.id}`]: 20, [`responsible:${org.eng.staff.id}`]: 20 });
    const detail = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.manager.token)).expect(200);
    expect(
      detail.body.history.some((h: { action: string; after: { level: string } }) => h.action === 'overreach_registered' && h.after.level === 'company'),
    ).toBe(true);
  });

  it('charges 30 points each and a warning (告诫) to the supervisor for a county-level overreach (第十条(二))', async () => {
    t.clock.set('2026-11-03T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-03T08:00:00Z');
    await overreach(ticket.id, {
      level: 'county',
      venueKind: 'authority',
      venueName: '禹州市住建局',
      occurredAt: '2026-11-03T02:30:00Z',
      attribution: 'not_pursued',
    }).expect(201);
    const entries = await entriesOf(ticket.id);
    expect(charged(entries)).toEqual({ [`supervisor:${org.eng.supervisor.id}`]: 30, [`responsible:${org.eng.staff.id}`]: 30 });
    expect(entries.find((e) => e.role === 'supervisor')!.sanction).toBe('warning');
    expect(entries.find((e) => e.role === 'responsible')!.sanction).toBe('none');
  });

  it('charges 50 points each and opens a disciplinary case for the supervisor for a city-level overreach, whose outcome HR records once (第十条(三))', async () => {
    t.clock.set('2026-11-04T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-04T08:00:00Z');
    const res = await overreach(ticket.id, {
      level: 'city',
      venueKind: 'media',
      venueName: '许昌日报',
      occurredAt: '2026-11-04T03:00:00Z',
      attribution: 'badly_handled',
    }).expect(201);
    const entries = await entriesOf(ticket.id);
    expect(charged(entries)).toEqual({ [`supervisor:${org.eng.supervisor.id}`]: 50, [`responsible:${org.eng.staff.id}`]: 50 });
    expect(entries.find((e) => e.role === 'supervisor')!.sanction).toBe('disciplinary');
    const caseId = res.body.disciplinaryCaseId as string;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await t.http().post(`/scoring/disciplinary-cases/${caseId}/outcome`).set(auth(org.manager.token)).send({ outcome: 'demerit' }).expect(403);
    const decided = await t
      .http()
      .post(`/scoring/disciplinary-cases/${caseId}/outcome`)
      .set(auth(org.hr.token))
      .send({ outcome: 'demerit', note: '记过一次' })
      .expect(200);
    expect(decided.body).toMatchObject({ employeeId: org.eng.supervisor.id, outcome: 'demerit' });
    const again = await t.http().post(`/scoring/disciplinary-cases/${caseId}/outcome`).set(auth(org.hr.token)).send({ outcome: 'dismissal' }).expect(409);
    expect(again.body.details.rule).toBe('disciplinary.decide_once');
  });

  it('charges the economic loss in full to the responsible handler only, never the supervisor', async () => {
    t.clock.set('2026-11-05T02:00:00Z');
    const ticket = await fileTicket(t, org.sec.staff.token, { category: '安全' });
    t.clock.set('2026-11-05T08:00:00Z');
    const res = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-05T03:00:00Z', economicLossFen: 150050 }).expect(201);
    expect(res.body.economicLossYuan).toBe('1500.50');
    const entries = await entriesOf(ticket.id);
    expect(entries.find((e) => e.employee.id === org.sec.staff.id)!.amountFen).toBe(150050);
    expect(entries.find((e) => e.employee.id === org.sec.supervisor.id)!.amountFen).toBe(0);
  });

  it('第十条: charges a supervisor who handles the ticket once, at the larger amount, with the warning and the economic loss', async () => {
    t.clock.set('2026-11-05T09:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token, { severity: 'major' });
    expect(ticket.handler.id).toBe(org.eng.supervisor.id);
    t.clock.set('2026-11-05T12:00:00Z');
    const res = await overreach(ticket.id, {
      level: 'county',
      venueKind: 'website',
      venueName: '禹州市政府网站',
      occurredAt: '2026-11-05T11:00:00Z',
      economicLossFen: 20000,
    }).expect(201);
    expect(res.body).toMatchObject({ responsible: { id: org.eng.supervisor.id }, supervisor: { id: org.eng.supervisor.id } });
    const entries = await entriesOf(ticket.id);
    expect(charged(entries)).toEqual({ [`supervisor:${org.eng.supervisor.id}`]: 30 });
    expect(entries[0]).toMatchObject({ sanction: 'warning', amountFen: 20000 });
  });

  it('charges nothing for an overreach attributed to no handling failure (DESIGN decision 5)', async () => {
    t.clock.set('2026-11-06T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-06T08:00:00Z');
    const res = await overreach(ticket.id, {
      level: 'city',
      venueKind: 'website',
      venueName: '河南省网上信访',
      occurredAt: '2026-11-06T03:00:00Z',
      attribution: 'none',
      economicLossFen: 5000,
    }).expect(201);
    expect(res.body.charges).toEqual([]);
    expect(res.body.disciplinaryCaseId).toBeNull();
    expect(await entriesOf(ticket.id)).toEqual([]);
  });

  it('charges a second registration of the same overreach (ticket, level, day) once: 409 naming the first', async () => {
    t.clock.set('2026-11-07T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-07T08:00:00Z');
    const first = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-07T03:00:00Z' }).expect(201);
    const second = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-07T07:30:00Z' }, org.eng.supervisor.token).expect(409);
    expect(second.body.details).toMatchObject({ rule: 'overreach.once_per_ticket_level_day', overreachId: first.body.id });
    expect(await entriesOf(ticket.id)).toHaveLength(2);
  });

  it('charges the handler who held the ticket when the failing clock breached and that person’s supervisor, after a handoff across departments (DESIGN decision 4)', async () => {
    t.clock.set('2026-11-08T02:00:00Z');
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
    t.clock.set('2026-11-08T03:00:00Z');
    await t
      .http()
      .post(`/tickets/${ticket.id}/handoff`)
      .set(auth(org.cs.staff.token))
      .send({ staffId: org.eng.staff.id, departmentId: org.eng.department.id, reason: '属工程维修' })
      .expect(200);
    t.clock.set('2026-11-09T02:01:00Z');
    await sweep();
    t.clock.set('2026-11-09T05:00:00Z');
    await t
      .http()
      .post(`/tickets/${ticket.id}/handoff`)
      .set(auth(org.manager.token))
      .send({ staffId: org.cs.staff.id, departmentId: org.cs.department.id, reason: '退回客服跟进' })
      .expect(200);
    t.clock.set('2026-11-09T07:00:00Z');
    const res = await overreach(ticket.id, { level: 'county', venueKind: 'website', venueName: '禹州市政府网站', occurredAt: '2026-11-09T06:00:00Z' }).expect(
      201,
    );
    expect(res.body).toMatchObject({
      basis: 'breach',
      responsible: { id: org.eng.staff.id, departmentId: org.eng.department.id },
      supervisor: { id: org.eng.supervisor.id },
    });
    expect(charged(await entriesOf(ticket.id))).toEqual({ [`supervisor:${org.eng.supervisor.id}`]: 30, [`responsible:${org.eng.staff.id}`]: 30 });
  });

  it('charges whoever handled the ticket when the overreach happened when no clock breached, even after a later handoff (DESIGN decision 4)', async () => {
    t.clock.set('2026-11-10T02:00:00Z');
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
    t.clock.set('2026-11-10T05:00:00Z');
    await t
      .http()
      .post(`/tickets/${ticket.id}/handoff`)
      .set(auth(org.cs.staff.token))
      .send({ staffId: org.eng.staff.id, departmentId: org.eng.department.id, reason: '转工程' })
      .expect(200);
    const res = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-10T04:00:00Z' }).expect(201);
    expect(res.body.basis).toBe('handler');
    expect(charged(await entriesOf(ticket.id))).toEqual({ [`supervisor:${org.cs.supervisor.id}`]: 20, [`responsible:${org.cs.staff.id}`]: 20 });
  });

  it('charges the supervisor in post when the failure happened, not the one appointed since (第十条, snapshot)', async () => {
    t.clock.set('2026-11-11T02:00:00Z');
    const ticket = await fileTicket(t, org.env.staff.token, { category: '卫生' });
    t.clock.set('2026-11-12T02:00:00Z');
    const successor = await createStaff(t, { department: org.env.department, roles: ['staff', 'supervisor'], name: '环境部新主管' });
    await appointSupervisor(t, org.env.department, successor);
    const res = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-11T03:00:00Z' }, successor.token).expect(201);
    expect(res.body.supervisor.id).toBe(org.env.supervisor.id);
    expect(charged(await entriesOf(ticket.id))).toEqual({ [`supervisor:${org.env.supervisor.id}`]: 20, [`responsible:${org.env.staff.id}`]: 20 });
    await appointSupervisor(t, org.env.department, org.env.supervisor);
  });

  it('counts an overreach at 2026-11-30T17:00Z in December: months are in Asia/Shanghai', async () => {
    t.clock.set('2026-11-30T10:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-12-01T02:00:00Z');
    await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-30T15:59:00Z' }).expect(201);
    await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-30T17:00:00Z' }).expect(201);
    const months = (await entriesOf(ticket.id)).map((e) => e.month).sort();
    expect(months).toEqual(['2026-11', '2026-11', '2026-12', '2026-12']);
    const december = (
      await t.http().get(`/scoring/entries?month=2026-12&employeeId=${org.eng.staff.id}&rule=overreach.company`).set(auth(org.manager.token)).expect(200)
    ).body;
    expect(december.filter((e: { ticketId: string }) => e.ticketId === ticket.id)).toHaveLength(1);
  });

  it('reverses an entry on appeal with a negating entry in the current open month, once; the original stays', async () => {
    t.clock.set('2026-11-13T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-13T08:00:00Z');
    const res = await overreach(ticket.id, { level: 'county', venueKind: 'media', venueName: '禹州电视台', occurredAt: '2026-11-13T03:00:00Z' }).expect(201);
    const target = res.body.charges.find((c: Entry) => c.role === 'responsible') as Entry;
    t.clock.set('2026-11-29T02:00:00Z');
    await t.http().post(`/scoring/entries/${target.id}/reverse`).set(auth(org.eng.supervisor.token)).send({ reason: '申诉' }).expect(403);
    const reversed = await t
      .http()
      .post(`/scoring/entries/${target.id}/reverse`)
      .set(auth(org.hr.token))
      .send({ reason: '申诉成立：业主先去了住建局' })
      .expect(201);
    expect(reversed.body.reversal).toMatchObject({
      kind: 'reversal',
      points: -30,
      employee: { id: org.eng.staff.id },
      month: '2026-11',
      reversesEntryId: target.id,
      reason: '申诉成立：业主先去了住建局',
    });
    const again = await t.http().post(`/scoring/entries/${target.id}/reverse`).set(auth(org.manager.token)).send({ reason: '再次' }).expect(409);
    expect(again.body.details.rule).toBe('scoring.reverse_once');
    const entries = await entriesOf(ticket.id);
    expect(entries.map((e) => e.points).sort((a, b) => a - b)).toEqual([-30, 30, 30]);
  });

  it('keeps the ledger append-only: the database refuses UPDATE, DELETE and TRUNCATE, even to the owner of the table', async () => {
    const [{ id }] = await t.db.query('SELECT id FROM scoring_entry LIMIT 1');
    await expect(t.asOwner(`UPDATE scoring_entry SET points = 0 WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.asOwner(`DELETE FROM scoring_entry WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.asOwner(`TRUNCATE scoring_entry`)).rejects.toThrow(/append-only/);
  });

  it('refuses an overreach dated before the complaint reached the company: that is a referral (DESIGN decision 5)', async () => {
    t.clock.set('2026-11-14T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    const res = await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-14T01:00:00Z' }).expect(422);
    expect(res.body.details.rule).toBe('overreach.after_contact');
  });

  it('answers bad overreach input with a 400 naming the field, and a level/venue mismatch with a 422 naming the rule', async () => {
    t.clock.set('2026-11-15T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    expect((await overreach(ticket.id, { level: 'province', occurredAt: '2026-11-15T02:00:00Z' }).expect(400)).body.message).toContain('level');
    expect((await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-15T02:00:00Z', economicLossFen: 1.5 }).expect(400)).body.message).toContain(
      'economicLossFen',
    );
    expect((await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-16T02:00:00Z' }).expect(400)).body.message).toContain('occurredAt');
    expect((await overreach(ticket.id, { level: 'city', occurredAt: '2026-11-15T02:00:00Z' }).expect(422)).body.details.rule).toBe(
      'overreach.venue_matches_level',
    );
  });

  it('lets only supervisors and managers register an overreach', async () => {
    t.clock.set('2026-11-15T03:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-15T03:00:00Z' }, org.eng.staff.token).expect(403);
    await overreach(ticket.id, { level: 'company', occurredAt: '2026-11-15T03:00:00Z' }, org.hr.token).expect(403);
  });

  describe('valid complaints (有效投诉, 第十一条)', () => {
    const decide = (ticketId: string, token: string, body: Record<string, unknown>) =>
      t
        .http()
        .post(`/tickets/${ticketId}/valid-complaint`)
        .set(auth(token))
        .send({ withinDuties: true, assignedBySupervisor: false, couldBeDoneAtOnce: true, verdict: 'valid', reason: '可当场处理未处理', ...body });

    it('counts a valid complaint against the employee, decided by the supervisor of their department', async () => {
      t.clock.set('2026-11-16T02:00:00Z');
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
      const res = await decide(ticket.id, org.cs.supervisor.token, { employeeId: org.cs.staff.id }).expect(201);
      expect(res.body).toMatchObject({ verdict: 'valid', employee: { id: org.cs.staff.id }, departmentId: org.cs.department.id });
      expect(res.body.charges).toHaveLength(1);
      expect(res.body.charges[0]).toMatchObject({
        rule: 'valid_complaint',
        points: t.policy.penalties.validComplaintPoints,
        employee: { id: org.cs.staff.id },
      });
      const counted = (await t.http().get(`/scoring/entries?rule=valid_complaint&employeeId=${org.cs.staff.id}`).set(auth(org.hr.token)).expect(200)).body;
      expect(counted.filter((e: { ticketId: string }) => e.ticketId === ticket.id)).toHaveLength(1);
      await decide(ticket.id, org.cs.supervisor.token, { employeeId: org.cs.staff.id }).expect(409);
    });

    it('counts a matter the supervisor assigned as valid even outside the duties', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
      await decide(ticket.id, org.cs.supervisor.token, { employeeId: org.cs.staff.id, withinDuties: false, assignedBySupervisor: true }).expect(201);
    });

    it('refuses a valid verdict for a matter that could not have been done at once, naming the missing condition', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
      const res = await decide(ticket.id, org.cs.supervisor.token, { employeeId: org.cs.staff.id, couldBeDoneAtOnce: false }).expect(422);
      expect(res.body.details).toMatchObject({ rule: 'valid_complaint.conditions', missing: ['couldBeDoneAtOnce'] });
      const invalid = await decide(ticket.id, org.cs.supervisor.token, {
        employeeId: org.cs.staff.id,
        couldBeDoneAtOnce: false,
        verdict: 'invalid',
        reason: '需协调外部单位',
      }).expect(201);
      expect(invalid.body.charges).toEqual([]);
    });

    it('lets only the supervisor of the employee’s own department decide', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
      await t
        .http()
        .post(`/tickets/${ticket.id}/handoff`)
        .set(auth(org.cs.staff.token))
        .send({ staffId: org.eng.staff.id, departmentId: org.eng.department.id, reason: '转工程' })
        .expect(200);
      const res = await decide(ticket.id, org.eng.supervisor.token, { employeeId: org.cs.staff.id }).expect(403);
      expect(res.body.details.rule).toBe('valid_complaint.own_department_supervisor');
      await decide(ticket.id, org.manager.token, { employeeId: org.cs.staff.id }).expect(403);
      expect((await decide(ticket.id, org.eng.supervisor.token, { employeeId: 'nobody' }).expect(400)).body.message).toContain('employeeId');
    });
  });
});
