import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyDomainEvent } from '../src/events/domain-event.js';
import { EventBus } from '../src/events/event-bus.js';
import { OutboxDispatcher, retryDelayMs } from '../src/events/outbox-dispatcher.js';
import { LiveFanout } from '../src/live/live-fanout.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

describe('domain event bus: in-transaction handlers and the transactional outbox', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let bus: EventBus;
  let dispatcher: OutboxDispatcher;
  const flakyCalls: string[] = [];
  const countingCalls: string[] = [];
  const live: AnyDomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp('events');
    org = await createCompany(t);
    bus = t.app.get(EventBus);
    dispatcher = t.app.get(OutboxDispatcher);
    // Throws the first time it sees each event: it must get the event again.
    bus.consume('test-flaky', ['ticket.received'], async (event) => {
      flakyCalls.push(event.id);
      if (flakyCalls.filter((id) => id === event.id).length === 1) throw new Error('consumer down');
    });
    // Deduplicates by event id in the database, as every after-commit consumer must.
    bus.consume('test-counting', ['ticket.received', 'ticket.handed_off'], async (event) => {
      const rows = await t.db.query(
        `INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('test-counting', $1, now()) ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id],
      );
      if (rows.length) countingCalls.push(event.id);
    });
    // A handler inside the transaction that refuses one category: the whole intake must roll back.
    bus.on('ticket.received', async (event) => {
      if (event.payload.category === '其他') throw new Error('in-transaction handler refused');
    });
    t.app.get(LiveFanout).delivered$.subscribe((event) => live.push(event));
  });
  afterAll(() => t.close());

  it('writes the event with id, ticket, actor and time in the transaction of the change', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token);
    const [event] = await t.db.query(`SELECT * FROM domain_event WHERE ticket_id = $1 AND name = 'ticket.received'`, [ticket.id]);
    expect(event).toMatchObject({ ticket_id: ticket.id, actor_id: org.cs.staff.id });
    expect(event.payload).toMatchObject({ reference: ticket.reference, category: '报修', firstResponderId: org.cs.staff.id });
  });

  it('redelivers to an after-commit consumer that threw, after its backoff', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token);
    const [{ id: eventId }] = await t.db.query(`SELECT id FROM domain_event WHERE ticket_id = $1 AND name = 'ticket.received'`, [ticket.id]);
    await dispatcher.drain();
    expect(flakyCalls.filter((id) => id === eventId)).toHaveLength(1);
    const [pending] = await t.db.query(`SELECT status, attempts, last_error FROM outbox_delivery WHERE event_id = $1 AND consumer = 'test-flaky'`, [eventId]);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_error: 'consumer down' });

    await dispatcher.drain(); // not yet due
    expect(flakyCalls.filter((id) => id === eventId)).toHaveLength(1);
    t.clock.advance(retryDelayMs(1));
    await dispatcher.drain();
    expect(flakyCalls.filter((id) => id === eventId)).toHaveLength(2);
    const [done] = await t.db.query(`SELECT status FROM outbox_delivery WHERE event_id = $1 AND consumer = 'test-flaky'`, [eventId]);
    expect(done.status).toBe('done');
  });

  it('dead-letters a delivery after the maximum attempts and counts it in /metrics', async () => {
    bus.consume(
      'test-always-fails',
      ['ticket.closed'],
      async () => {
        throw new Error('never works');
      },
      3,
    );
    const ticket = await fileTicket(t, org.eng.staff.token);
    await t.http().post(`/tickets/${ticket.id}/close`).set('Authorization', `Bearer ${t.adminToken}`).send({ overrideReason: '测试用：直接关闭' }).expect(200);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await dispatcher.drain();
      t.clock.advance(retryDelayMs(attempt));
    }
    const [row] = await t.db.query(
      `SELECT d.status, d.attempts FROM outbox_delivery d JOIN domain_event e ON e.id = d.event_id WHERE e.ticket_id = $1 AND d.consumer = 'test-always-fails'`,
      [ticket.id],
    );
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/complaint_desk_outbox_dead_letters_total\{consumer="test-always-fails"\} 1/);
  });

  it('delivers each event once to a consumer even when several dispatchers drain at the same time', async () => {
    const tickets = [];
    for (let i = 0; i < 30; i++) tickets.push(await fileTicket(t, org.cs.staff.token));
    await Promise.all([dispatcher.drain(5), dispatcher.drain(5), dispatcher.drain(5)]);
    const ids: { id: string }[] = await t.db.query(`SELECT id FROM domain_event WHERE name = 'ticket.received' AND ticket_id = ANY($1)`, [
      tickets.map((x) => x.id),
    ]);
    expect(ids).toHaveLength(30);
    for (const { id } of ids) expect(countingCalls.filter((c) => c === id)).toHaveLength(1);
  });

  it('never delivers the events of a rolled-back transaction, and a failing in-transaction handler rolls the change back', async () => {
    const before = live.length;
    const res = await t
      .http()
      .post('/tickets')
      .set('Authorization', `Bearer ${org.cs.staff.token}`)
      .send(intakeBody({ category: '其他', summary: '回滚测试' }));
    expect(res.status).toBe(500);
    const [{ n: tickets }] = await t.db.query(`SELECT count(*)::int AS n FROM ticket WHERE summary = '回滚测试'`);
    expect(tickets).toBe(0);
    await t.db
      .transaction(async (em) => {
        await bus.publish(em, {
          name: 'ticket.closed',
          ticketId: null,
          actorId: null,
          payload: { handlerId: 'x', departmentId: 'y', override: false, missing: [] },
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await dispatcher.drain();
    expect(live.slice(before).some((e) => e.payload && (e.payload as { handlerId?: string }).handlerId === 'x')).toBe(false);
    const [{ n: events }] = await t.db.query(`SELECT count(*)::int AS n FROM domain_event WHERE payload->>'handlerId' = 'x'`);
    expect(events).toBe(0);
  });

  it('runs a batch handler once per publishMany with all events of its name, in order, after the per-event handlers, and rolls the publish back when it fails', async () => {
    const calls: string[] = [];
    bus.on('sla.warned', async (event) => {
      calls.push(`one:${event.payload.clockId}`);
    });
    bus.onMany('sla.warned', async (events, em) => {
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM domain_event WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)]);
      calls.push(`many:${events.map((e) => e.payload.clockId).join(',')}:${n}`);
      if (events.some((e) => e.payload.clockId === 'refused')) throw new Error('batch handler refused');
    });
    const warned = (clockId: string) => ({
      name: 'sla.warned' as const,
      ticketId: null,
      actorId: null,
      payload: { clockId, purpose: 'response' as const, dueAt: '2026-11-29T00:00:00.000Z', handlerId: org.cs.staff.id, departmentId: org.cs.department.id },
    });
    const escalated = {
      name: 'sla.escalated' as const,
      ticketId: null,
      actorId: null,
      payload: { clockId: 'b', purpose: 'response' as const, level: 1, recipients: [], dueAt: '2026-11-29T00:00:00.000Z', departmentId: org.cs.department.id },
    };

    await t.db.transaction((em) => bus.publishMany(em, [warned('a1'), escalated, warned('a2'), warned('a3')]));
    // The batch sees its events in the transaction that wrote them: 3 of 3.
    expect(calls).toEqual(['one:a1', 'one:a2', 'one:a3', 'many:a1,a2,a3:3']);

    calls.length = 0;
    await t.db.transaction((em) => bus.publish(em, warned('single')));
    expect(calls).toEqual(['one:single', 'many:single:1']);

    const failed = await t.db.transaction((em) => bus.publishMany(em, [warned('kept?'), warned('refused')])).catch((error: Error) => error.message);
    expect(failed).toBe('batch handler refused');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM domain_event WHERE payload->>'clockId' IN ('kept?', 'refused')`);
    expect(n).toBe(0);
  });

  it('streams every dispatched event on the live rxjs stream (the dashboard hook)', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token);
    await t
      .http()
      .post(`/tickets/${ticket.id}/handoff`)
      .set('Authorization', `Bearer ${org.eng.supervisor.token}`)
      .send({ staffId: org.eng.staff.id, reason: '派工' })
      .expect(200);
    await dispatcher.drain();
    const names = live.filter((e) => e.ticketId === ticket.id && e.name.startsWith('ticket.')).map((e) => e.name);
    expect(names).toEqual(['ticket.received', 'ticket.handed_off']);
  });

  it('refuses UPDATE and DELETE on stored events, even to the owner of the table', async () => {
    await expect(t.asOwner(`UPDATE domain_event SET name = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.asOwner(`DELETE FROM domain_event`)).rejects.toThrow(/append-only/);
  });
});
