import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { createOnlineDesk, fileOnline, withClaimingDesk } from './factories/resident.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const WINDOW = 30;

/**
 * Issue 19, 首问负责制 (第二条) for online complaints under `resident.firstResponder.mode: first_claim`: the online desk's
 * duty clerk records the complaint, and the first staff member of the department in charge who claims it within
 * `claimWithinMinutes` becomes its first responder, for good. Unclaimed, the duty clerk stays first responder.
 */
describe('online complaints claimed by the department in charge (首问负责制, first_claim)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let desk: Awaited<ReturnType<typeof createOnlineDesk>>;
  let address = 0;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const online = async (phone: string) => {
    const filed = await fileOnline(t, { phone }, `198.51.100.${++address}`);
    const [ticket] = await t.db.query('SELECT id, first_responder_id, handler_id, department_id FROM ticket WHERE reference = $1', [filed.reference]);
    return { ...filed, ...ticket, id: ticket.id as string, trackingToken: filed.trackingToken! };
  };
  const claim = (id: string, token: string) => t.http().post(`/tickets/${id}/claim`).set(auth(token)).send({});
  const firstResponder = async (id: string) => (await t.db.query('SELECT first_responder_id FROM ticket WHERE id = $1', [id]))[0].first_responder_id;

  beforeAll(async () => {
    t = await createTestApp('resident_claim', { policy: withClaimingDesk(WINDOW), env: { TRUST_PROXY: 'loopback' } });
    org = await createCompany(t);
    desk = await createOnlineDesk(t, org.cs.department);
  });
  afterAll(() => t.close());

  it('records the online complaint with the duty clerk as first responder and opens the claim window, shown on the ticket page', async () => {
    const filed = await online('13855550001');
    expect(filed.first_responder_id).toBe(desk.id);
    // 报修 routes to 工程部: its staff see the ticket and may claim it.
    expect(filed.department_id).toBe(org.eng.department.id);
    const until = new Date(t.clock.now().getTime() + WINDOW * 60_000).toISOString();
    const detail = await t.http().get(`/tickets/${filed.id}`).set(auth(org.eng.staff.token)).expect(200);
    expect(detail.body.sections.claim).toEqual({
      claimableUntil: until,
      claimable: true,
      dutyClerk: { id: desk.id, name: '网上值班员' },
      claimedBy: null,
      claimedAt: null,
    });
    expect(detail.body.history.map((h: { action: string }) => h.action)).toContain('claim_opened');
    // Its staff and supervisors are told (after commit: the outbox's consumers run with the sweep); nobody else.
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    const notices = async (token: string) =>
      (
        (await t.http().get('/notifications').set(auth(token)).expect(200)).body.items as Array<{ kind: string; ticketId: string; title: string; body: string }>
      ).filter((n) => n.ticketId === filed.id && n.kind === 'ticket.claim_opened');
    for (const member of [org.eng.staff, org.eng.supervisor]) {
      const [notice] = await notices(member.token);
      expect(notice).toMatchObject({ title: '线上投诉待认领' });
      expect(notice.body).toContain(filed.reference);
      expect(notice.body).toContain('前认领即成为首问负责人');
    }
    for (const other of [org.env.staff, org.cs.staff, desk]) expect(await notices(other.token)).toEqual([]);
  });

  it('makes the first staff member of the department in charge who claims inside the window the first responder, with its history row and event', async () => {
    const filed = await online('13855550002');
    t.clock.advanceMinutes(10);
    const claimed = await claim(filed.id, org.eng.staff.token).expect(200);
    expect(claimed.body.firstResponder).toEqual({ id: org.eng.staff.id, name: org.eng.staff.name });
    expect(claimed.headers.etag).toBe(`"${claimed.body.version}"`);
    expect(await firstResponder(filed.id)).toBe(org.eng.staff.id);
    // A claim moves the first responder only: the handler routing chose stays.
    expect((await t.db.query('SELECT handler_id FROM ticket WHERE id = $1', [filed.id]))[0].handler_id).toBe(filed.handler_id);
    const [row] = await t.db.query(`SELECT actor_id, before, after, note FROM ticket_history WHERE ticket_id = $1 AND action = 'first_responder_claimed'`, [
      filed.id,
    ]);
    expect(row).toMatchObject({
      actor_id: org.eng.staff.id,
      before: { firstResponderId: desk.id },
      after: { firstResponderId: org.eng.staff.id, claimedAt: t.clock.now().toISOString() },
    });
    expect(row.note).toContain('首问负责人');
    const events = await t.db.query(`SELECT payload FROM domain_event WHERE ticket_id = $1 AND name = 'ticket.first_responder_claimed'`, [filed.id]);
    expect(events).toEqual([
      { payload: expect.objectContaining({ fromFirstResponderId: desk.id, toFirstResponderId: org.eng.staff.id, departmentId: org.eng.department.id }) },
    ]);
    const detail = await t.http().get(`/tickets/${filed.id}`).set(auth(org.eng.supervisor.token)).expect(200);
    expect(detail.body.sections.claim).toMatchObject({
      claimable: false,
      claimedBy: { id: org.eng.staff.id, name: org.eng.staff.name },
      claimedAt: t.clock.now().toISOString(),
    });

    // The first claim wins: a second one is 409 naming who holds it, and changes nothing.
    const second = await claim(filed.id, org.eng.supervisor.token).expect(409);
    expect(second.body.details).toMatchObject({ rule: 'resident.already_claimed', claimedBy: { id: org.eng.staff.id, name: org.eng.staff.name } });
    expect(await firstResponder(filed.id)).toBe(org.eng.staff.id);
  });

  it('lets exactly one of two claims sent at the same moment win', async () => {
    const filed = await online('13855550003');
    const answers = await Promise.all([claim(filed.id, org.eng.staff.token), claim(filed.id, org.eng.supervisor.token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.firstResponder.id;
    expect(await firstResponder(filed.id)).toBe(winner);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'first_responder_claimed'`, [filed.id])).toEqual([
      { n: 1 },
    ]);
  });

  it('keeps the duty clerk as first responder once the window has passed (claimable up to its last minute)', async () => {
    const onTime = await online('13855550004');
    const late = await online('13855550005');
    t.clock.advanceMinutes(WINDOW);
    await claim(onTime.id, org.eng.staff.token).expect(200);
    t.clock.advanceMinutes(1);
    const refused = await claim(late.id, org.eng.staff.token).expect(422);
    expect(refused.body.details).toMatchObject({ rule: 'resident.claim_window_closed', claimableUntil: expect.any(String) });
    expect(await firstResponder(late.id)).toBe(desk.id);
    const detail = await t.http().get(`/tickets/${late.id}`).set(auth(org.eng.staff.token)).expect(200);
    expect(detail.body.sections.claim).toMatchObject({ claimable: false, claimedBy: null });
  });

  it('is claimed only by staff or a supervisor of the department in charge: others 404, 403 or 422, and a desk ticket is not claimable', async () => {
    const filed = await online('13855550006');
    // Another department's staff do not see it: 404, as for an unknown id.
    const hidden = await claim(filed.id, org.env.staff.token).expect(404);
    const unknown = await claim('00000000-0000-4000-8000-000000000000', org.env.staff.token).expect(404);
    expect(hidden.body.code).toBe(unknown.body.code);
    // HR reads, never acts; a manager sees every ticket but is not of the department in charge.
    await claim(filed.id, org.hr.token).expect(403);
    const manager = await claim(filed.id, org.manager.token).expect(422);
    expect(manager.body.details.rule).toBe('resident.claim_by_department');
    // The duty clerk (customer service) sees it as its first responder, but is not of 工程部 either.
    expect((await claim(filed.id, desk.token).expect(422)).body.details.rule).toBe('resident.claim_by_department');
    expect(await firstResponder(filed.id)).toBe(desk.id);
    // A complaint recorded at the desk belongs to its first responder from the start (第二条).
    const deskTicket = await fileTicket(t, org.eng.staff.token);
    expect((await claim(deskTicket.id, org.eng.supervisor.token).expect(422)).body.details.rule).toBe('resident.not_claimable');
    expect(await firstResponder(deskTicket.id)).toBe(org.eng.staff.id);
  });

  it('the database lets the first responder change only from the duty clerk to the claimant, and a claim be written once inside the window', async () => {
    const open = await online('13855550007');
    const claimed = await online('13855550008');
    await claim(claimed.id, org.eng.staff.token).expect(200);
    const refused = [
      // Unclaimed: the first responder is still fixed.
      ['UPDATE ticket SET first_responder_id = $1 WHERE id = $2', [org.eng.staff.id, open.id], /first responder/],
      // A claim after the window, or without who and when.
      [
        `UPDATE ticket_claim SET claimed_by_id = $1, claimed_at = claimable_until + interval '1 second' WHERE ticket_id = $2`,
        [org.eng.staff.id, open.id],
        /inside the window/,
      ],
      ['UPDATE ticket_claim SET claimed_by_id = $1 WHERE ticket_id = $2', [org.eng.staff.id, open.id], /inside the window/],
      // The window is fixed at filing.
      [`UPDATE ticket_claim SET claimable_until = claimable_until + interval '1 day' WHERE ticket_id = $1`, [open.id], /fixed/],
      // Claimed: no second claim, no way back to the duty clerk, nobody else.
      ['UPDATE ticket_claim SET claimed_by_id = $1, claimed_at = claimed_at WHERE ticket_id = $2', [org.eng.supervisor.id, claimed.id], /already claimed/],
      ['UPDATE ticket SET first_responder_id = $1 WHERE id = $2', [desk.id, claimed.id], /first responder/],
      ['UPDATE ticket SET first_responder_id = $1 WHERE id = $2', [org.eng.supervisor.id, claimed.id], /first responder/],
      ['DELETE FROM ticket_claim WHERE ticket_id = $1', [claimed.id], /evidence/],
    ] as const;
    for (const [sql, params, message] of refused) {
      await expect(t.db.query(sql, [...params])).rejects.toThrow(message);
      await expect(t.asOwner(sql, [...params])).rejects.toThrow(message);
    }
    await expect(t.asOwner('TRUNCATE ticket_claim CASCADE')).rejects.toThrow(/append-only/);
    expect(await firstResponder(open.id)).toBe(desk.id);
    expect(await firstResponder(claimed.id)).toBe(org.eng.staff.id);
  });

  it('the claimant follows it to the end: the resident’s one-tap rating is recorded as theirs, and the page still names no one', async () => {
    const filed = await online('13855550009');
    await claim(filed.id, org.eng.staff.token).expect(200);
    await t.http().post(`/tickets/${filed.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已更换灯泡' }).expect(200);
    const page = await t.http().post('/public/tracking').set('X-Forwarded-For', '198.51.100.200').send({ token: filed.trackingToken }).expect(200);
    expect(JSON.stringify(page.body)).not.toContain(org.eng.staff.name);
    await t
      .http()
      .post('/public/tracking/rating')
      .set('X-Forwarded-For', '198.51.100.200')
      .send({ token: filed.trackingToken, verdict: 'satisfied' })
      .expect(200);
    expect(await t.db.query('SELECT by_id, contact FROM follow_up WHERE ticket_id = $1', [filed.id])).toEqual([{ by_id: org.eng.staff.id, contact: 'online' }]);
  });
});
