import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createCompany, createStaff } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { backendPid, blockedBy } from './utils/lock-wait.js';
import { Socket } from 'node:net';

/** Every write system call on a socket until `stop` (what Node hands the kernel at once), with its bytes. */
function captureSocketWrites() {
  const writes: { socket: Socket; bytes: Buffer }[] = [];
  const proto = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
  const { _write, _writev } = proto;
  proto._write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    writes.push({ socket: this, bytes: Buffer.from(chunk as Buffer) });
    return _write.call(this, chunk, ...rest);
  };
  proto._writev = function (this: Socket, chunks: unknown, ...rest: unknown[]) {
    writes.push({ socket: this, bytes: Buffer.concat((chunks as { chunk: Buffer }[]).map((c) => Buffer.from(c.chunk))) });
    return _writev.call(this, chunks, ...rest);
  };
  return { writes, stop: () => Object.assign(proto, { _write, _writev }) };
}

/**
 * Every statement node-postgres is given until `stop`: its connection, its text, its prepared statement's name (a kept
 * plan), and whether its answer has come.
 */
function captureStatements() {
  const sent: { client: pg.Client; text: string; name?: string; answered: boolean }[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const given = typeof config === 'string' ? { text: config } : (config as { text: string; name?: string });
    const entry = { client: this, text: given.text, name: given.name, answered: false };
    sent.push(entry);
    const result = (query as (...args: unknown[]) => unknown).call(this, config, ...rest);
    if (result instanceof Promise)
      result.then(
        () => (entry.answered = true),
        () => (entry.answered = true),
      );
    return result;
  } as typeof query;
  return { sent, stop: () => void (pg.Client.prototype.query = query) };
}

describe('tickets: intake, first-responder ownership, history, concurrency', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp('tickets', { start: '2026-11-28T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  describe('intake (第五条, 第六条)', () => {
    it.each(['phone', 'visit', 'written', 'online', 'referral'])('records a complaint received by %s with the caller as first responder', async (channel) => {
      const res = await t.http().post('/tickets').set(auth(org.cs.staff.token)).send(intakeBody({ channel }));
      expect(res.status).toBe(201);
      expect(res.body.outcome).toBe('created');
      expect(res.body.ticket).toMatchObject({ channel, status: 'open', firstResponder: { id: org.cs.staff.id }, department: { code: 'ENG' } });
      expect(res.headers.etag).toBe('"1"');
    });

    it('numbers references per day in Asia/Shanghai: TS-yyyyMMdd-nnnn, restarting the next business day', async () => {
      t.clock.set('2026-11-29T15:59:00Z'); // 23:59 in Shanghai on the 29th
      const late = await fileTicket(t, org.cs.staff.token);
      t.clock.set('2026-11-29T16:01:00Z'); // 00:01 on the 30th
      const first = await fileTicket(t, org.cs.staff.token);
      const second = await fileTicket(t, org.cs.staff.token);
      expect(late.reference).toMatch(/^TS-20261129-\d{4}$/);
      expect(first.reference).toBe('TS-20261130-0001');
      expect(second.reference).toBe('TS-20261130-0002');
    });

    it('routes the category to its department by the policy (报修 -> 工程部, 安全 -> 秩序部, 收费 -> 客服部)', async () => {
      expect((await fileTicket(t, org.cs.staff.token, { category: '报修' })).department).toMatchObject({ code: 'ENG' });
      expect((await fileTicket(t, org.cs.staff.token, { category: '安全' })).department).toMatchObject({ code: 'SEC' });
      expect((await fileTicket(t, org.eng.staff.token, { category: '收费' })).department).toMatchObject({ code: 'CS' });
    });

    it('refuses a category whose routing department does not exist (routing.department_missing), on the plain path and on one that names another matter, and records nothing', async () => {
      const unrouted = await createTestApp('tickets_unrouted', {
        policy: (p) => ({ ...p, categories: { ...p.categories, 其他: { ...p.categories['其他'], department: 'LEGAL' } } }),
      });
      try {
        const company = await createCompany(unrouted);
        const open = await fileTicket(unrouted, company.cs.staff.token, { category: '报修' });
        const plain = intakeBody({ category: '其他' });
        const passingOver = intakeBody({ category: '其他', relatedTicketId: open.id, match: { choice: 'new' } });
        for (const body of [plain, passingOver]) {
          const res = await unrouted.http().post('/tickets').set(auth(company.cs.staff.token)).send(body);
          expect(res.status).toBe(422);
          expect(res.body.details).toMatchObject({ rule: 'routing.department_missing', category: '其他' });
        }
        expect(await unrouted.db.query(`SELECT count(*)::int AS n FROM ticket`)).toEqual([{ n: 1 }]);
      } finally {
        await unrouted.close();
      }
    });

    it('第六条: answers a 收费 complaint within 24 continuous hours of receipt with the shipped policy, over a weekend too (DESIGN decision 1)', async () => {
      const before = t.clock.now();
      t.clock.set('2026-12-04T10:00:00Z'); // Friday 18:00 in Shanghai, after office hours
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '收费' });
      const detail = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.cs.staff.token)).expect(200);
      const response = detail.body.sections.clocks.find((c: { purpose: string }) => c.purpose === 'response');
      expect(response).toMatchObject({ dueAt: '2026-12-05T10:00:00.000Z', explanation: { calendar: 'continuous' } });
      t.clock.set(before);
    });

    it('第二条: a matter outside the first responder’s department goes to that department’s supervisor when no responsible person is named', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '报修' });
      expect(ticket.handler.id).toBe(org.eng.supervisor.id);
    });

    it('第二条: a matter within the first responder’s own department stays with them', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token, { category: '报修' });
      expect(ticket.handler.id).toBe(org.eng.staff.id);
    });

    it('第八条(二)/(三): a major or a written complaint goes to the department supervisor', async () => {
      expect((await fileTicket(t, org.eng.staff.token, { severity: 'major' })).handler.id).toBe(org.eng.supervisor.id);
      expect((await fileTicket(t, org.eng.staff.token, { channel: 'written' })).handler.id).toBe(org.eng.supervisor.id);
    });

    it('takes a named responsible person of the routed department, and refuses one from elsewhere', async () => {
      const named = await fileTicket(t, org.cs.staff.token, { handlerId: org.eng.staff.id });
      expect(named.handler.id).toBe(org.eng.staff.id);
      const wrong = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ handlerId: org.sec.staff.id }));
      expect(wrong.status).toBe(422);
      expect(wrong.body.details.rule).toBe('handoff.responsible_person_in_department');
    });

    it('第一篇 二.4: records each disposition with what it needs', async () => {
      const spot = await fileTicket(t, org.cs.staff.token, { disposition: 'on_the_spot', onTheSpotAnswer: '已告知物业费缴费方式', category: '收费' });
      expect(spot).toMatchObject({ status: 'resolved', onTheSpotAnswer: '已告知物业费缴费方式' });
      expect(spot.handler.id).toBe(org.cs.staff.id);

      const referred = await fileTicket(t, org.cs.staff.token, { disposition: 'referred_out', referral: { unit: '市供电公司', writtenReplyRequested: true } });
      expect(referred).toMatchObject({ status: 'open', referral: { unit: '市供电公司', writtenReplyRequested: true } });

      const appointment = await fileTicket(t, org.cs.staff.token, { disposition: 'appointment', appointmentAt: '2026-12-01T09:00:00+08:00' });
      expect(appointment.appointmentAt).toBe('2026-12-01T01:00:00.000Z');

      // The desk refuses a matter it can see (an invisible earlier ticket is 404: security hole 10).
      const earlier = await fileTicket(t, org.cs.staff.token);
      await t.http().post(`/tickets/${earlier.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试用：直接关闭' }).expect(200);
      const refused = await fileTicket(t, org.cs.staff.token, {
        disposition: 'not_reaccepted',
        notReaccepted: { earlierTicketId: earlier.id, reason: '已处理完毕，答复无新情况' },
      });
      expect(refused).toMatchObject({ status: 'closed', notReaccepted: { earlierTicketId: earlier.id } });
    });

    it('refuses not_reaccepted against a matter that is still open', async () => {
      const open = await fileTicket(t, org.cs.staff.token);
      const res = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ disposition: 'not_reaccepted', notReaccepted: { earlierTicketId: open.id, reason: 'x' } }));
      expect(res.status).toBe(422);
      expect(res.body.details.rule).toBe('not_reaccepted.earlier_closed');
    });

    it('names the missing disposition details: referral, appointmentAt, onTheSpotAnswer, notReaccepted', async () => {
      for (const [disposition, field] of [
        ['referred_out', 'referral'],
        ['appointment', 'appointmentAt'],
        ['on_the_spot', 'onTheSpotAnswer'],
        ['not_reaccepted', 'notReaccepted'],
      ]) {
        const res = await t.http().post('/tickets').set(auth(org.cs.staff.token)).send(intakeBody({ disposition }));
        expect(res.status).toBe(400);
        expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
    });

    it('stores phone numbers normalised', async () => {
      const mobile = await fileTicket(t, org.cs.staff.token, {
        complainant: { name: '李女士', phone: '+86 138-1234-5678', address: { community: '阳光花园' } },
      });
      expect((mobile.complainant as { phone: string }).phone).toBe('13812345678');
      const landline = await fileTicket(t, org.cs.staff.token, {
        complainant: { name: '王先生', phone: '(0371) 6234 5678', address: { community: '阳光花园' } },
      });
      expect((landline.complainant as { phone: string }).phone).toBe('0371-62345678');
    });

    it.each([
      ['a bad phone', { complainant: { name: '张', phone: '12345', address: { community: '阳光花园' } } }, 'complainant.phone'],
      ['an unknown category', { category: '外星人' }, 'category'],
      ['a future receivedAt', { receivedAt: '2099-01-01T00:00:00Z' }, 'receivedAt'],
      ['a receivedAt beyond the back-dating span', { receivedAt: '2026-01-01T00:00:00Z' }, 'receivedAt'],
      ['an unknown field', { priority: 'high' }, 'priority'],
      ['a wrong type', { severity: 3 }, 'severity'],
      ['a missing field', { summary: undefined }, 'summary'],
      ['a missing nested field', { complainant: { name: '张', address: { community: 'x' } } }, 'complainant.phone'],
    ])('refuses %s with 400 naming the field', async (_, overrides, field) => {
      const before = await t.db.query('SELECT count(*)::int AS n FROM ticket');
      const res = await t.http().post('/tickets').set(auth(org.cs.staff.token)).send(intakeBody(overrides));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
      const after = await t.db.query('SELECT count(*)::int AS n FROM ticket');
      expect(after[0].n).toBe(before[0].n);
    });

    it('accepts a back-dated written complaint and records the back-dating in history', async () => {
      const receivedAt = new Date(t.clock.now().getTime() - 3 * 24 * 3600_000).toISOString();
      const ticket = await fileTicket(t, org.cs.staff.token, { channel: 'written', receivedAt });
      expect(ticket.receivedAt).toBe(receivedAt);
      const detail = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.cs.staff.token)).expect(200);
      expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['received', 'assigned', 'backdated']);
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and body, and creates one ticket', async () => {
      const body = intakeBody();
      const first = await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'intake-1').send(body);
      const again = await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'intake-1').send(body);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM ticket WHERE reference = $1', [first.body.ticket.reference]);
      expect(n).toBe(1);
    });

    it('refuses the same key with a different body with 422', async () => {
      await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'intake-2').send(intakeBody()).expect(201);
      const res = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .set('Idempotency-Key', 'intake-2')
        .send(intakeBody({ summary: '另一件事' }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('scopes keys per user: another user’s same key is a new request', async () => {
      await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'shared-key').send(intakeBody()).expect(201);
      await t.http().post('/tickets').set(auth(org.eng.staff.token)).set('Idempotency-Key', 'shared-key').send(intakeBody()).expect(201);
    });

    it('answers 409 while a request with the same key is still in flight, and only one ticket results', async () => {
      const body = intakeBody();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'racing').send(body)),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      expect(statuses).toContain(201);
      const references = new Set(results.filter((r) => r.status === 201).map((r) => r.body.ticket.reference));
      expect(references.size).toBe(1);
    });

    it('keeps keys 24 hours: after that the key starts a new request', async () => {
      const body = intakeBody();
      const first = await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'expiring').send(body).expect(201);
      t.clock.advance(25 * 3600_000);
      const later = await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'expiring').send(body);
      // Not a replay: the same phone and category is still open, so the new request asks same matter or new.
      expect(later.status).toBe(409);
      expect(later.body.details.matches).toEqual([expect.objectContaining({ reference: first.body.ticket.reference, ticketId: first.body.ticket.id })]);
    });

    it('replays state-changing actions too (a retried handoff does not hand off twice)', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token);
      const send = () =>
        t
          .http()
          .post(`/tickets/${ticket.id}/handoff`)
          .set(auth(org.eng.supervisor.token))
          .set('Idempotency-Key', 'handoff-1')
          .send({ staffId: org.eng.staff.id, reason: '交维修班' });
      const a = await send();
      const b = await send();
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'handed_off'`, [ticket.id]);
      expect(n).toBe(1);
    });
  });

  describe('ownership (首问负责制, 第二条)', () => {
    it('hands off to a named person and to a department (landing on its supervisor); the first responder never changes', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '报修' });
      const toPerson = await t
        .http()
        .post(`/tickets/${ticket.id}/handoff`)
        .set(auth(org.eng.supervisor.token))
        .send({ staffId: org.eng.staff.id, reason: '交维修班长' });
      expect(toPerson.status).toBe(200);
      expect(toPerson.body.handler.id).toBe(org.eng.staff.id);

      const toDepartment = await t
        .http()
        .post(`/tickets/${ticket.id}/handoff`)
        .set(auth(org.eng.staff.token))
        .send({ departmentId: org.sec.department.id, reason: '涉及门禁，属秩序部' });
      expect(toDepartment.status).toBe(200);
      expect(toDepartment.body.handler.id).toBe(org.sec.supervisor.id);
      expect(toDepartment.body.department.code).toBe('SEC');
      expect(toDepartment.body.firstResponder.id).toBe(org.cs.staff.id);

      const detail = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.cs.staff.token)).expect(200);
      expect(detail.body.ownership.map((o: { to: { id: string } }) => o.to.id)).toEqual([org.eng.supervisor.id, org.eng.staff.id, org.sec.supervisor.id]);
      expect(detail.body.ownership[2]).toMatchObject({ by: { id: org.eng.staff.id }, from: { id: org.eng.staff.id }, reason: '涉及门禁，属秩序部' });
    });

    it('refuses a handoff to a department with no supervisor when no person is named: 422 routing.department_has_no_supervisor (第二条)', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '收费' });
      const empty = (await t.http().post('/departments').set(auth(t.adminToken)).send({ code: 'GREEN', name: '绿化部' }).expect(201)).body;
      const res = await t
        .http()
        .post(`/tickets/${ticket.id}/handoff`)
        .set(auth(org.cs.staff.token))
        .send({ departmentId: empty.id, reason: '属绿化养护' })
        .expect(422);
      // The same rule as intake's routing to such a department: one code for clients to handle.
      expect(res.body.details).toMatchObject({ rule: 'routing.department_has_no_supervisor', field: 'departmentId' });
      expect(res.body.code).toBe('RULE_VIOLATED');
    });

    it('keeps the ticket in the first responder’s own list after it left their department, until it is closed', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '安全' });
      const mine = await t.http().get('/tickets?mine=received&status=open').set(auth(org.cs.staff.token)).expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(ticket.id);
      await t.http().get(`/tickets/${ticket.id}`).set(auth(org.cs.staff.token)).expect(200);
    });

    it('refuses to change the first responder even with raw SQL', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token);
      await expect(t.db.query('UPDATE ticket SET first_responder_id = $1 WHERE id = $2', [org.eng.staff.id, ticket.id])).rejects.toThrow(/first responder/);
    });

    it('shows staff of another department a 404 for a ticket they neither received nor handle', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token, { category: '报修' });
      expect((await t.http().get(`/tickets/${ticket.id}`).set(auth(org.env.staff.token))).status).toBe(404);
      expect((await t.http().get(`/tickets/${ticket.id}`).set(auth(org.env.supervisor.token))).status).toBe(404);
      expect(
        (await t.http().post(`/tickets/${ticket.id}/handoff`).set(auth(org.env.staff.token)).send({ staffId: org.env.staff.id, reason: 'x' })).status,
      ).toBe(404);
      const list = await t.http().get('/tickets?limit=200').set(auth(org.env.staff.token)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
      expect((await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.supervisor.token))).status).toBe(200);
      expect((await t.http().get(`/tickets/${ticket.id}`).set(auth(org.manager.token))).status).toBe(200);
    });

    it('lets HR read tickets with the resident’s phone masked, but not act on them', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, {
        category: '服务态度',
        complainant: { name: '赵先生', phone: '13812345678', address: { community: '阳光花园' } },
      });
      const res = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.hr.token)).expect(200);
      expect(res.body.complainant.phone).toBe('138****5678');
      expect((await t.http().post(`/tickets/${ticket.id}/close`).set(auth(org.hr.token)).send({})).status).toBe(403);
    });
  });

  describe('history is append-only', () => {
    it('writes a history row with who, what, before/after and when for every change', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(org.eng.staff.token)).send({ content: '师傅下午到', via: 'phone' }).expect(200);
      await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已更换灯泡' }).expect(200);
      const detail = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token)).expect(200);
      expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['received', 'assigned', 'replied', 'resolved', 'checklist_ticked']);
      expect(detail.body.history[3]).toMatchObject({
        actor: { id: org.eng.staff.id },
        before: { status: 'open' },
        after: { status: 'resolved' },
        note: '已更换灯泡',
      });
    });

    it('refuses UPDATE, DELETE and TRUNCATE on history, even with raw SQL as the owner of the table', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      await expect(t.asOwner(`UPDATE ticket_history SET note = 'x' WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/append-only/);
      await expect(t.asOwner(`DELETE FROM ticket_history WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/append-only/);
      await expect(t.asOwner(`TRUNCATE ticket_history`)).rejects.toThrow(/append-only/);
    });
  });

  describe('concurrency', () => {
    it('refuses a change with a stale If-Match with 412, and accepts the current version', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      const ok = await t
        .http()
        .post(`/tickets/${ticket.id}/replies`)
        .set(auth(org.eng.staff.token))
        .set('If-Match', '"1"')
        .send({ content: '收到', via: 'phone' });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      const stale = await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).set('If-Match', '"1"').send({ summary: 'x' });
      expect(stale.status).toBe(412);
      expect(stale.body.details.currentVersion).toBe(2);
      const detail = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token));
      expect(detail.body.status).toBe('open');
    });

    it('of two concurrent changes with the same If-Match, exactly one wins', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      const [a, b] = await Promise.all([
        t
          .http()
          .post(`/tickets/${ticket.id}/handoff`)
          .set(auth(org.eng.supervisor.token))
          .set('If-Match', '"1"')
          .send({ staffId: org.eng.supervisor.id, reason: 'a' }),
        t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).set('If-Match', '"1"').send({ summary: 'b' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
    });
  });

  describe('repeat contacts (第九条)', () => {
    it('第九条: logs the same phone and category as a repeat contact on the open ticket when the clerk says "same matter"', async () => {
      const phone = '13900001111';
      const body = intakeBody({ complainant: { name: '孙女士', phone, address: { community: '阳光花园' } } });
      const first = await t.http().post('/tickets').set(auth(org.cs.staff.token)).send(body).expect(201);
      const again = await t
        .http()
        .post('/tickets')
        .set(auth(org.sec.staff.token))
        .send({ ...body, channel: 'visit', summary: '又来问灯的事', match: { choice: 'same', reference: first.body.ticket.reference } });
      expect(again.status).toBe(200);
      // Another department's clerk logs the call; the answer tells only what the resident may hear (security hole 1).
      expect(again.body).toMatchObject({ outcome: 'repeat_contact', ticket: null, matter: { reference: first.body.ticket.reference, status: 'open' } });
      const detail = await t.http().get(`/tickets/${first.body.ticket.id}`).set(auth(org.manager.token)).expect(200);
      expect(detail.body).toMatchObject({ repeatCount: 1 });
      expect(detail.body.repeatContacts).toHaveLength(1);
      expect(detail.body.repeatContacts[0]).toMatchObject({ channel: 'visit', recordedBy: { id: org.sec.staff.id } });
      expect(detail.body.history.find((h: { action: string }) => h.action === 'repeat_contact').after).toMatchObject({ linkedBy: 'match_same' });
    });

    it('第六条, 第九条: links an explicit relatedTicketId of the same category, refuses one of another category without "same", and starts a new ticket when the related one is closed', async () => {
      const open = await fileTicket(t, org.cs.staff.token, { category: '卫生' });
      const across = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ relatedTicketId: open.id, category: '安全' }));
      expect(across.status).toBe(422);
      expect(across.body.details).toMatchObject({ rule: 'intake.related_other_category', field: 'relatedTicketId' });
      expect((await t.http().get(`/tickets/${open.id}`).set(auth(org.manager.token)).expect(200)).body.repeatCount).toBe(0);
      const linked = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ relatedTicketId: open.id, category: '卫生' }));
      expect(linked.body).toMatchObject({ outcome: 'repeat_contact', ticket: { id: open.id } });
      await t.http().post(`/tickets/${open.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试用：直接关闭' }).expect(200);
      const fresh = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ relatedTicketId: open.id }));
      expect(fresh.status).toBe(201);
      expect(fresh.body.ticket.relatedTicketId).toBe(open.id);
    });
  });

  describe('reading', () => {
    it('filters by status, department, channel, category, severity and text (Chinese), in capped cursor pages', async () => {
      const unique = `电梯异响${Date.parse(t.clock.now().toISOString())}`;
      for (let i = 0; i < 5; i++) await fileTicket(t, org.cs.staff.token, { summary: `${unique} 第${i}次`, category: '报修', channel: 'online' });
      const page1 = await t
        .http()
        .get(`/tickets?q=${encodeURIComponent(unique)}&limit=2&channel=online&departmentId=${org.eng.department.id}`)
        .set(auth(org.manager.token))
        .expect(200);
      expect(page1.body.items).toHaveLength(2);
      const seen = new Set(page1.body.items.map((i: { id: string }) => i.id));
      let cursor = page1.body.nextCursor;
      while (cursor) {
        const next = await t
          .http()
          .get(`/tickets?q=${encodeURIComponent(unique)}&limit=2&cursor=${cursor}`)
          .set(auth(org.manager.token))
          .expect(200);
        next.body.items.forEach((i: { id: string }) => seen.add(i.id));
        cursor = next.body.nextCursor;
      }
      expect(seen.size).toBe(5);
      expect((await t.http().get('/tickets?limit=500').set(auth(org.manager.token))).status).toBe(400);
      expect((await t.http().get('/tickets?status=nope').set(auth(org.manager.token))).status).toBe(400);
      expect((await t.http().get('/tickets?cursor=garbage').set(auth(org.manager.token))).status).toBe(400);
    });

    it('gives 404 for an unknown ticket and 400 for a malformed id', async () => {
      expect((await t.http().get('/tickets/00000000-0000-4000-8000-000000000000').set(auth(org.manager.token))).status).toBe(404);
      expect((await t.http().get('/tickets/not-a-uuid').set(auth(org.manager.token))).status).toBe(400);
    });
  });

  it('lets a fresh staff member with no department file a complaint they then follow', async () => {
    const loner = await createStaff(t, { roles: ['staff'] });
    const ticket = await fileTicket(t, loner.token, { category: '卫生' });
    expect(ticket.handler.id).toBe(org.env.supervisor.id);
    await t.http().get(`/tickets/${ticket.id}`).set(auth(loner.token)).expect(200);
  });

  describe('intake numbering and answer', () => {
    it('answers intake with the ticket as stored (the detail view), for the first responder, a named person or the supervisor as handler', async () => {
      t.clock.set('2026-12-10T02:00:00Z');
      const cases = [
        { token: org.eng.staff.token, body: {}, handler: org.eng.staff.id },
        { token: org.cs.staff.token, body: { handlerId: org.eng.staff.id }, handler: org.eng.staff.id },
        { token: org.cs.staff.token, body: { severity: 'major' }, handler: org.eng.supervisor.id },
        {
          token: org.cs.staff.token,
          body: { disposition: 'referred_out', referral: { unit: '供电局', writtenReplyRequested: true } },
          handler: org.eng.supervisor.id,
        },
      ];
      for (const c of cases) {
        const res = await t.http().post('/tickets').set(auth(c.token)).send(intakeBody(c.body)).expect(201);
        const detail = await t.http().get(`/tickets/${res.body.ticket.id}`).set(auth(org.manager.token)).expect(200);
        const stored = Object.fromEntries(Object.keys(res.body.ticket).map((k) => [k, detail.body[k]]));
        expect(res.body.ticket).toEqual(stored);
        expect(res.body.ticket.handler).toEqual({ id: c.handler, name: expect.any(String) });
        expect(res.body.ticket.handler.name).not.toBe('(unknown)');
      }
    });

    it('records the reference in the received history row and in the ticket.received event', async () => {
      t.clock.set('2026-12-11T02:00:00Z');
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '报修' });
      expect(ticket.reference).toBe('TS-20261211-0001');
      const history = await t.db.query(`SELECT action, after, note FROM ticket_history WHERE ticket_id = $1 ORDER BY id`, [ticket.id]);
      expect(history).toEqual([
        {
          action: 'received',
          after: {
            reference: ticket.reference,
            kind: 'complaint',
            channel: 'phone',
            category: '报修',
            severity: 'general',
            disposition: 'accepted',
            status: 'open',
          },
          note: null,
        },
        {
          action: 'assigned',
          after: { handlerId: org.eng.supervisor.id, departmentId: org.eng.department.id, assignedBy: 'routing' },
          note: '无法确定责任人，报部门主管处理',
        },
      ]);
      const [event] = await t.db.query(`SELECT payload FROM domain_event WHERE ticket_id = $1 AND name = 'ticket.received'`, [ticket.id]);
      expect(event.payload).toMatchObject({ reference: ticket.reference, handlerId: org.eng.supervisor.id, firstResponderId: org.cs.staff.id });
    });

    it('takes the day’s number in the last statement before COMMIT, with the ticket, its history and its event (the counter row is locked until COMMIT)', async () => {
      const capture = captureStatements();
      let ticketId: string;
      try {
        const res = await t.http().post('/tickets').set(auth(org.cs.staff.token)).set('Idempotency-Key', 'number-late-1').send(intakeBody()).expect(201);
        ticketId = res.body.ticket.id;
      } finally {
        capture.stop();
      }
      const sent = capture.sent.map((e) => e.text);
      const counter = sent.findIndex((q) => q.includes('ticket_reference_counter'));
      expect(sent[counter]).toMatch(/INSERT INTO ticket \(/);
      expect(sent[counter]).toMatch(/INSERT INTO ticket_history/);
      expect(sent[counter]).toMatch(/INSERT INTO domain_event/);
      expect(sent[counter]).toMatch(/INSERT INTO outbox_delivery/);
      // The clocks, the checklist's requirement and the scoring term join that statement (no round trip of their own);
      // the recurring-problem sighting, which reads the place's other sightings under its lock, comes before it.
      for (const table of ['sla_clock', 'ticket_requirement', 'scoring_handler_term']) expect(sent[counter]).toContain(`INSERT INTO "${table}"`);
      const before = sent.slice(0, counter).join('\n');
      expect(before).toContain('problem_sighting');
      for (const table of ['sla_clock', 'ticket_requirement', 'scoring_handler_term']) expect(before).not.toContain(table);
      // What they wrote is there, as a plain insert would have written it: the five clears (text[]), the clocks' due times.
      const [requirement] = await t.db.query(`SELECT items, needs_follow_up FROM ticket_requirement WHERE ticket_id = $1`, [ticketId]);
      expect(requirement).toEqual({ items: ['listen', 'ask', 'follow', 'reply', 'record'], needs_follow_up: true });
      const clocks = await t.db.query(`SELECT purpose, status, due_at, explanation FROM sla_clock WHERE ticket_id = $1 ORDER BY purpose`, [ticketId]);
      expect(clocks.map((c: { purpose: string; status: string }) => [c.purpose, c.status])).toEqual([
        ['activity', 'running'],
        ['response', 'running'],
      ]);
      for (const c of clocks) expect(c.due_at).toBeInstanceOf(Date);
      expect(typeof clocks[1].explanation).toBe('object');
      const terms = await t.db.query(`SELECT handler_id, ended_at FROM scoring_handler_term WHERE ticket_id = $1`, [ticketId]);
      expect(terms).toHaveLength(1);
      expect(terms[0].ended_at).toBeNull();
      // The Idempotency-Key's record of the answer joins it too, with the reference filled in; after it only COMMIT.
      expect(sent[counter]).toMatch(/INSERT INTO idempotency_key/);
      const after = sent.slice(counter + 1);
      expect(after).toEqual(['COMMIT']);
      const [stored] = await t.db.query(`SELECT response_status, response_body FROM idempotency_key WHERE key = 'number-late-1'`);
      expect(stored.response_status).toBe(201);
      expect(stored.response_body.ticket).toMatchObject({ id: ticketId, reference: expect.stringMatching(/^TS-\d{8}-\d{4}$/) });
      // No reads of staff, departments or tickets while the number is held; the answer is built from what intake read before.
      expect(after.filter((q) => /FROM "?(staff|department|ticket)"?\s/i.test(q))).toEqual([]);
      // The caller's staff row is read once, by the auth guard.
      expect(sent.filter((q) => /FROM "?staff"?\s/i.test(q) && !/JOIN staff/.test(q))).toHaveLength(1);
      // The first read (has the caller an open matter of the category, which department does it route to) travels in
      // the Idempotency-Key's claim: no round trip of its own.
      const claims = sent.filter((q) => q.includes('idempotency_claim'));
      expect(claims).toHaveLength(1);
      expect(claims[0]).toContain('complainant_phone');
      expect(claims[0]).toContain('JOIN department');
      expect(sent.filter((q) => q.includes('JOIN department'))).toHaveLength(1);
    });

    it('writes the COMMIT right behind the numbered statement, before its answer: the day’s counter is held for PostgreSQL’s work only', async () => {
      t.clock.set('2026-12-14T02:00:00Z');
      expect((await fileTicket(t, org.eng.staff.token)).reference).toBe('TS-20261214-0001');
      // Another transaction holds the day's counter row, so the intake's numbered statement waits for it.
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`SELECT last FROM ticket_reference_counter WHERE day = '2026-12-14' FOR UPDATE`);
      const holderPid = await backendPid(holder);
      const capture = captureStatements();
      const socketWrites = captureSocketWrites();
      let pending: Promise<{ status: number; body: { ticket: { reference: string } } }> | undefined;
      try {
        pending = t
          .http()
          .post('/tickets')
          .set(auth(org.eng.staff.token))
          .send(intakeBody())
          .then((r) => r);
        await blockedBy(t.db, holderPid);
        const numbered = capture.sent.find((e) => e.text.includes('INSERT INTO ticket_reference_counter'))!;
        const onItsConnection = capture.sent.filter((e) => e.client === numbered.client);
        const after = onItsConnection.slice(onItsConnection.indexOf(numbered) + 1);
        expect(after.map((e) => e.text)).toEqual(['COMMIT']);
        expect(numbered.answered).toBe(false);
        // And in one write to the socket: the numbered statement's Bind and Execute, then the COMMIT.
        const socket = (numbered.client as unknown as { connection: { stream: Socket } }).connection.stream;
        const committing = socketWrites.writes.filter((w) => w.socket === socket && w.bytes.includes('COMMIT\0'));
        expect(committing).toHaveLength(1);
        expect(numbered.name).toMatch(/^cp_/);
        expect(committing[0].bytes.includes(`${numbered.name}\0`)).toBe(true);
        expect(committing[0].bytes.indexOf(`${numbered.name}\0`)).toBeLessThan(committing[0].bytes.indexOf('COMMIT\0'));
      } finally {
        socketWrites.stop();
        capture.stop();
        await holder.commitTransaction();
        await holder.release();
      }
      const res = await pending!;
      expect(res.status).toBe(201);
      expect(res.body.ticket.reference).toBe('TS-20261214-0002');
    });

    it('keeps nothing when the numbered statement fails with its COMMIT already written: the statement’s own error answers, the key and the number stay free', async () => {
      t.clock.set('2026-12-15T02:00:00Z');
      expect((await fileTicket(t, org.eng.staff.token)).reference).toBe('TS-20261215-0001');
      await t.asOwner(
        `CREATE FUNCTION test_refuse_ticket() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: refused' USING ERRCODE = 'unique_violation'; END $$`,
      );
      await t.asOwner(
        `CREATE TRIGGER test_refuse_ticket BEFORE INSERT ON ticket FOR EACH ROW WHEN (NEW.community = '拒收楼') EXECUTE FUNCTION test_refuse_ticket()`,
      );
      const body = intakeBody({ complainant: { name: '吴先生', phone: '13900003333', address: { community: '拒收楼' } } });
      try {
        const refused = await t.http().post('/tickets').set(auth(org.eng.staff.token)).set('Idempotency-Key', 'refused-in-numbering').send(body);
        // The trigger's unique_violation, mapped as every statement's error is (a COMMIT turned ROLLBACK would have been a 500).
        expect(refused.status).toBe(409);
      } finally {
        await t.asOwner(`DROP TRIGGER test_refuse_ticket ON ticket`);
        await t.asOwner(`DROP FUNCTION test_refuse_ticket()`);
      }
      expect(await t.db.query(`SELECT 1 FROM ticket WHERE community = '拒收楼'`)).toEqual([]);
      expect(await t.db.query(`SELECT 1 FROM idempotency_key WHERE key = 'refused-in-numbering'`)).toEqual([]);
      // The same request again is new work, numbered next; the pooled connections that ran it still serve.
      const retried = await t.http().post('/tickets').set(auth(org.eng.staff.token)).set('Idempotency-Key', 'refused-in-numbering').send(body).expect(201);
      expect(retried.body.ticket.reference).toBe('TS-20261215-0002');
      const more = await Promise.all(Array.from({ length: 4 }, () => fileTicket(t, org.eng.staff.token)));
      expect(more.map((x) => x.reference).sort()).toEqual(['TS-20261215-0003', 'TS-20261215-0004', 'TS-20261215-0005', 'TS-20261215-0006']);
    });

    it('UnitOfWork.commitWith: the statement and the COMMIT end the transaction; a statement after it is refused, and a failed one keeps nothing', async () => {
      const uow = t.app.get(UnitOfWork);
      const kept = await t.db.query(`SELECT day::text FROM ticket_reference_counter WHERE day IN ('2030-01-01', '2030-01-02')`);
      expect(kept).toEqual([]);
      await expect(
        uow.run(async (em) => {
          await uow.commitWith(em, `INSERT INTO ticket_reference_counter (day, last) VALUES ('2030-01-01', 0)`, []);
          await em.query('SELECT 1');
        }),
      ).rejects.toThrow(/released/);
      await expect(
        uow.run(async (em) => {
          await em.query(`INSERT INTO ticket_reference_counter (day, last) VALUES ('2030-01-02', 0)`);
          await uow.commitWith(em, 'SELECT 1 / 0', []);
        }),
      ).rejects.toThrow(/division by zero/);
      expect(await t.db.query(`SELECT day::text FROM ticket_reference_counter WHERE day IN ('2030-01-01', '2030-01-02')`)).toEqual([{ day: '2030-01-01' }]);
    });

    it('gives the ticket, its ticket.received event and its clocks time-ordered ids (UUID version 7, the injected clock’s milliseconds), so their indexes grow at the right edge', async () => {
      t.clock.set('2026-12-21T03:04:05.678Z');
      const ticket = await fileTicket(t, org.cs.staff.token, { category: '报修' });
      const [event] = await t.db.query(`SELECT id FROM domain_event WHERE ticket_id = $1 AND name = 'ticket.received'`, [ticket.id]);
      const clocks = await t.db.query(`SELECT id FROM sla_clock WHERE ticket_id = $1`, [ticket.id]);
      expect(clocks.length).toBeGreaterThanOrEqual(2);
      for (const id of [ticket.id, event.id, ...clocks.map((c: { id: string }) => c.id)] as string[]) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toISOString()).toBe('2026-12-21T03:04:05.678Z');
      }
    });

    it('numbers concurrent intakes of one day without gaps or duplicates', async () => {
      t.clock.set('2026-12-12T02:00:00Z');
      const tickets = await Promise.all(Array.from({ length: 8 }, () => fileTicket(t, org.eng.staff.token)));
      expect(tickets.map((x) => x.reference).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `TS-20261212-000${i + 1}`));
    });

    it('leaves no gap when an intake fails after taking its number: the next complaint gets that number', async () => {
      t.clock.set('2026-12-13T02:00:00Z');
      expect((await fileTicket(t, org.eng.staff.token)).reference).toBe('TS-20261213-0001');
      // A failure after the ticket is numbered: at COMMIT, the one step that follows the numbered statement (a deferred check).
      await t.asOwner(`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: commit refused'; END $$`);
      await t.asOwner(
        `CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT ON ticket DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.community = '失败楼') EXECUTE FUNCTION test_fail_commit()`,
      );
      try {
        const failed = await t
          .http()
          .post('/tickets')
          .set(auth(org.eng.staff.token))
          .set('Idempotency-Key', 'fail-after-number')
          .send(intakeBody({ complainant: { name: '周先生', phone: '13900002222', address: { community: '失败楼' } } }));
        expect(failed.status).toBe(500);
      } finally {
        await t.asOwner(`DROP TRIGGER test_fail_commit ON ticket`);
        await t.asOwner(`DROP FUNCTION test_fail_commit()`);
      }
      expect(await t.db.query(`SELECT 1 FROM ticket WHERE community = '失败楼'`)).toEqual([]);
      expect((await fileTicket(t, org.eng.staff.token)).reference).toBe('TS-20261213-0002');
    });
  });
});
