import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const HOUR = 3600_000;
type Clock = { id: string; purpose: string; status: string; startedAt: string; warnAt: string | null; dueAt: string; breached: boolean; metAt: string | null };
type History = { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; note: string | null };

/** 第一篇 二.4(5) 约谈 (DESIGN decision 10): an appointment has its own clock, outcomes, and a say over the 24-hour clock. */
describe('appointments (约谈)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const detail = async (id: string) => (await t.http().get(`/tickets/${id}`).set(auth(org.eng.staff.token)).expect(200)).body;
  const clocks = async (id: string, purpose: string) => ((await detail(id)).sections.clocks as Clock[]).filter((c) => c.purpose === purpose);
  const sweep = () => t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
  const book = (hoursAhead: number) =>
    fileTicket(t, org.eng.staff.token, { disposition: 'appointment', appointmentAt: new Date(t.clock.now().getTime() + hoursAhead * HOUR).toISOString() });
  const record = (id: string, body: object) => t.http().post(`/tickets/${id}/appointment`).set(auth(org.eng.staff.token)).send(body);

  beforeAll(async () => {
    t = await createTestApp('appointments', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('第一篇 二.4(5): the appointment time must lie in the future, and within the policy’s reach (400 naming appointmentAt)', async () => {
    for (const at of [new Date(t.clock.now().getTime() - 60_000), new Date(t.clock.now().getTime() + 40 * 24 * HOUR)]) {
      const res = await t
        .http()
        .post('/tickets')
        .set(auth(org.eng.staff.token))
        .send(intakeBody({ disposition: 'appointment', appointmentAt: at.toISOString() }));
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('appointmentAt');
    }
  });

  it('第一篇 二.4(5), 第六条: the agreed appointment meets the 24-hour clock (appointments.responseClock: met), and the history says so', async () => {
    const ticket = await book(26);
    const [response] = await clocks(ticket.id, 'response');
    expect(response).toMatchObject({ status: 'met', breached: false, metAt: ticket.registeredAt });
    const booked = ((await detail(ticket.id)).history as History[]).find((h) => h.action === 'appointment_booked')!;
    expect(booked.after).toMatchObject({ appointmentAt: ticket.appointmentAt, responseClock: 'met' });
    expect(booked.note).toContain('以约定的约谈满足');
    expect(ticket.appointmentState).toBe('booked');
    t.clock.advance(25 * HOUR);
    await sweep();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sla_breach WHERE ticket_id = $1`, [ticket.id]);
    expect(n).toBe(0);
  });

  it('第一篇 二.4(5): reminds the handler before the appointment, and breaches when nobody records the meeting', async () => {
    const ticket = await book(10);
    const appointmentAt = new Date(ticket.appointmentAt as string).getTime();
    const [clock] = await clocks(ticket.id, 'appointment');
    expect(clock).toMatchObject({ status: 'running' });
    expect(new Date(clock.warnAt!).getTime()).toBe(appointmentAt - 1 * HOUR);
    expect(new Date(clock.dueAt).getTime()).toBe(appointmentAt + 2 * HOUR);

    t.clock.set(new Date(appointmentAt - 50 * 60_000).toISOString());
    await sweep();
    const notices = (await t.http().get('/notifications').set(auth(org.eng.staff.token)).expect(200)).body.items as Array<{
      ticketId: string;
      kind: string;
      title: string;
    }>;
    expect(notices.find((n) => n.ticketId === ticket.id && n.kind === 'sla.warned')).toMatchObject({ title: '约谈提醒：约谈时间将到' });

    t.clock.set(new Date(appointmentAt + 2 * HOUR + 60_000).toISOString());
    await sweep();
    const [breached] = await clocks(ticket.id, 'appointment');
    expect(breached).toMatchObject({ status: 'running', breached: true });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sla_breach WHERE ticket_id = $1 AND purpose = 'appointment'`, [ticket.id]);
    expect(n).toBe(1);
  });

  it('第一篇 二.4(5): a meeting held is recorded and meets the appointment clock, once', async () => {
    const ticket = await book(3);
    t.clock.advance(3 * HOUR);
    const res = await record(ticket.id, { outcome: 'held', note: '已与业主面谈，约定周五前更换水管' });
    expect(res.status).toBe(200);
    expect(res.body.appointmentState).toBe('held');
    const [clock] = await clocks(ticket.id, 'appointment');
    expect(clock).toMatchObject({ status: 'met', breached: false, metAt: t.clock.now().toISOString() });
    expect(((await detail(ticket.id)).history as History[]).find((h) => h.action === 'appointment_held')).toMatchObject({
      note: '已与业主面谈，约定周五前更换水管',
    });
    const again = await record(ticket.id, { outcome: 'no_show', note: '重复记录' });
    expect(again.status).toBe(422);
    expect(again.body.details.rule).toBe('appointment.not_pending');
  });

  it('第一篇 二.4(5): a no-show is recorded, and (appointments.afterNoShow: respond) the resident is owed an answer within 24 hours of it', async () => {
    const ticket = await book(3);
    t.clock.advance(3 * HOUR + 30 * 60_000);
    const res = await record(ticket.id, { outcome: 'no_show', note: '业主未到，电话未接' });
    expect(res.status).toBe(200);
    expect(res.body.appointmentState).toBe('no_show');
    expect((await clocks(ticket.id, 'appointment'))[0]).toMatchObject({ status: 'met', breached: false });
    const running = (await clocks(ticket.id, 'response')).find((c) => c.status === 'running')!;
    expect(new Date(running.dueAt).getTime() - t.clock.now().getTime()).toBe(24 * HOUR);
    expect(((await detail(ticket.id)).history as History[]).find((h) => h.action === 'appointment_no_show')).toMatchObject({
      after: { appointmentState: 'no_show', next: 'respond' },
      note: '业主未到，电话未接',
    });
  });

  it('第一篇 二.4(5): a reschedule with a reason moves the appointment clock to the new time; the original time stays in the history', async () => {
    const ticket = await book(5);
    const original = ticket.appointmentAt as string;
    const later = new Date(t.clock.now().getTime() + 30 * HOUR).toISOString();
    const res = await record(ticket.id, { outcome: 'rescheduled', appointmentAt: later, note: '业主临时出差，改约周四上午' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appointmentAt: later, appointmentState: 'booked' });
    const all = await clocks(ticket.id, 'appointment');
    expect(all.map((c) => c.status).sort()).toEqual(['cancelled', 'running']);
    expect(new Date(all.find((c) => c.status === 'running')!.dueAt).getTime()).toBe(new Date(later).getTime() + 2 * HOUR);
    expect(((await detail(ticket.id)).history as History[]).find((h) => h.action === 'appointment_rescheduled')).toMatchObject({
      before: { appointmentAt: original },
      after: { appointmentAt: later },
      note: '业主临时出差，改约周四上午',
    });

    const past = await record(ticket.id, { outcome: 'rescheduled', appointmentAt: new Date(t.clock.now().getTime() - 60_000).toISOString(), note: '改约' });
    expect(past.status).toBe(400);
    expect(past.body.details.fields[0].field).toBe('appointmentAt');
    const missing = await record(ticket.id, { outcome: 'rescheduled', note: '改约' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details.fields)).toContain('appointmentAt');
  });

  it('第一篇 二.4(5): a ticket not booked as an appointment takes no appointment outcome (422)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const res = await record(ticket.id, { outcome: 'held', note: '面谈' });
    expect(res.status).toBe(422);
    expect(res.body.details.rule).toBe('appointment.none');
  });

  it('第一篇 二.4(5), 第八条(四): the monthly summary counts appointments booked, held, no-shows and reschedules', async () => {
    t.clock.set('2026-11-20T02:00:00Z');
    const summary = async () => (await t.http().get('/reports/summary?month=2026-11').set(auth(org.manager.token)).expect(200)).body.appointments;
    const before = await summary();
    const [a, b, c] = [await book(2), await book(2), await book(2)];
    t.clock.advance(2 * HOUR);
    await record(a.id, { outcome: 'held', note: '面谈完毕' }).then((r) => expect(r.status).toBe(200));
    await record(b.id, { outcome: 'no_show', note: '业主未到' }).then((r) => expect(r.status).toBe(200));
    await record(c.id, { outcome: 'rescheduled', appointmentAt: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(), note: '改约' }).then((r) =>
      expect(r.status).toBe(200),
    );
    expect(await summary()).toEqual({
      booked: before.booked + 3,
      held: before.held + 1,
      noShows: before.noShows + 1,
      rescheduled: before.rescheduled + 1,
    });
  });
});

describe('appointments with appointments.responseClock: paused', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;

  beforeAll(async () => {
    t = await createTestApp('appointments_paused', {
      start: '2026-11-02T02:00:00Z',
      policy: (p) => ({ ...p, appointments: { ...p.appointments, responseClock: 'paused' } }),
    });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  const responseClocks = async (id: string) =>
    ((await t.http().get(`/tickets/${id}`).set(auth(org.eng.staff.token)).expect(200)).body.sections.clocks as Clock[]).filter((c) => c.purpose === 'response');

  it('第六条, DESIGN decision 10: the 24 hours pause until the appointment and count on from it, moving with a reschedule; the history says so', async () => {
    const appointmentAt = new Date(t.clock.now().getTime() + 30 * HOUR).toISOString();
    const ticket = await fileTicket(t, org.eng.staff.token, { disposition: 'appointment', appointmentAt });
    const [clock] = await responseClocks(ticket.id);
    expect(clock).toMatchObject({ status: 'running', startedAt: new Date(appointmentAt).toISOString() });
    expect(new Date(clock.dueAt).getTime() - new Date(appointmentAt).getTime()).toBe(24 * HOUR);
    const detail = (await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token)).expect(200)).body;
    expect((detail.history as History[]).find((h) => h.action === 'appointment_booked')).toMatchObject({ after: { responseClock: 'paused' } });

    // A day after receipt and before the meeting, the 24 hours have not run out.
    t.clock.advance(25 * HOUR);
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    expect((await responseClocks(ticket.id))[0]).toMatchObject({ status: 'running', breached: false });

    const later = new Date(t.clock.now().getTime() + 48 * HOUR).toISOString();
    await t
      .http()
      .post(`/tickets/${ticket.id}/appointment`)
      .set(auth(org.eng.staff.token))
      .send({ outcome: 'rescheduled', appointmentAt: later, note: '业主要求改期' })
      .expect(200);
    const running = (await responseClocks(ticket.id)).find((c) => c.status === 'running')!;
    expect(new Date(running.dueAt).getTime() - new Date(later).getTime()).toBe(24 * HOUR);
  });
});

describe('appointments with appointments.afterNoShow: rebook', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;

  beforeAll(async () => {
    t = await createTestApp('appointments_rebook', {
      start: '2026-11-02T02:00:00Z',
      policy: (p) => ({ ...p, appointments: { ...p.appointments, afterNoShow: 'rebook' } }),
    });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('第一篇 二.4(5): after a no-show nothing starts until another date is booked, and the reschedule books the appointment again', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token, {
      disposition: 'appointment',
      appointmentAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString(),
    });
    t.clock.advance(2 * HOUR);
    const send = (body: object) => t.http().post(`/tickets/${ticket.id}/appointment`).set(auth(org.eng.staff.token)).send(body);
    expect((await send({ outcome: 'no_show', note: '业主未到' })).body).toMatchObject({ appointmentState: 'no_show' });
    const live = async () =>
      ((await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token)).expect(200)).body.sections.clocks as Clock[]).filter(
        (c) => c.status === 'running' && c.purpose !== 'activity',
      );
    expect(await live()).toEqual([]);
    const next = new Date(t.clock.now().getTime() + 24 * HOUR).toISOString();
    expect((await send({ outcome: 'rescheduled', appointmentAt: next, note: '业主来电改约明天' })).body).toMatchObject({
      appointmentState: 'booked',
      appointmentAt: next,
    });
    expect((await live()).map((c) => c.purpose)).toEqual(['appointment']);
  });
});
