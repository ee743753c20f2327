import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
type Clock = { purpose: string; status: string; dueAt: string };

/** 第六条, 第九条 (DESIGN decision 9): a resident can file a second matter; linking is the clerk's choice, never silent. */
describe('a second matter: the clerk chooses same matter or new matter', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const caller = (phone: string) => ({ name: '李女士', phone, address: { community: '阳光花园', building: '5' } });
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM ticket`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp('second_matter', { start: '2026-11-28T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('第九条: an intake matching an open ticket (same phone and category) without a choice records nothing and answers 409 with the matches', async () => {
    const phone = '13977770001';
    const first = await fileTicket(t, org.eng.staff.token, { complainant: caller(phone), summary: '厨房水管漏水' });
    const before = await count();
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ complainant: caller(phone), summary: '卫生间门锁坏了' }));
    expect(res.status).toBe(409);
    expect(res.body.details).toMatchObject({
      rule: 'intake.match_choice_required',
      matches: [{ reference: first.reference, ticketId: first.id, summary: '厨房水管漏水', status: 'open', department: { code: 'ENG' } }],
    });
    expect(await count()).toBe(before);
    const detail = await t.http().get(`/tickets/${first.id}`).set(auth(org.eng.staff.token)).expect(200);
    expect(detail.body.repeatCount).toBe(0);
  });

  it('第九条 with an Idempotency-Key (the open-matter read travels in the key’s claim): an open match still refuses with the matches, a new matter names them', async () => {
    const phone = '13977770009';
    const first = await fileTicket(t, org.eng.staff.token, { complainant: caller(phone), summary: '厨房水管漏水' });
    const before = await count();
    const send = (key: string, extra: Record<string, unknown> = {}) =>
      t
        .http()
        .post('/tickets')
        .set(auth(org.eng.staff.token))
        .set('Idempotency-Key', key)
        .send(intakeBody({ complainant: caller(phone), summary: '卫生间门锁坏了', ...extra }));
    const refused = await send('second-matter-keyed-1');
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ rule: 'intake.match_choice_required', matches: [{ reference: first.reference, ticketId: first.id }] });
    expect(await count()).toBe(before);
    const filed = await send('second-matter-keyed-2', { match: { choice: 'new' } });
    expect(filed.status).toBe(201);
    expect(filed.body.ticket.department).toMatchObject({ code: 'ENG' });
    const detail = await t.http().get(`/tickets/${filed.body.ticket.id}`).set(auth(org.eng.staff.token)).expect(200);
    expect(detail.body.history.find((h: { action: string }) => h.action === 'new_matter').after).toEqual({ openMatches: [first.reference] });
    // Retried, the key answers what it answered: the same ticket, no third one.
    const retried = await send('second-matter-keyed-2', { match: { choice: 'new' } });
    expect(retried.body).toEqual(filed.body);
    expect(await count()).toBe(before + 1);
  });

  it('第六条, 第九条: a new matter gets its own ticket and its own 24-hour clock, and its history names the open matches passed over', async () => {
    const phone = '13977770002';
    const first = await fileTicket(t, org.eng.staff.token, { complainant: caller(phone), summary: '厨房水管漏水' });
    t.clock.advance(3 * 3600_000);
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ complainant: caller(phone), summary: '卫生间门锁坏了', match: { choice: 'new' } }));
    expect(res.status).toBe(201);
    expect(res.body.outcome).toBe('created');
    const second = res.body.ticket;
    expect(second.id).not.toBe(first.id);
    expect(second.relatedTicketId).toBeNull();

    const [a, b] = await Promise.all([first.id, second.id].map((id) => t.http().get(`/tickets/${id}`).set(auth(org.eng.staff.token)).expect(200)));
    const response = (d: { body: { sections: { clocks: Clock[] } } }) => d.body.sections.clocks.find((c) => c.purpose === 'response')!;
    expect(new Date(response(b).dueAt).getTime() - new Date(second.receivedAt).getTime()).toBe(24 * 3600_000);
    expect(new Date(response(b).dueAt).getTime() - new Date(response(a).dueAt).getTime()).toBe(3 * 3600_000);
    expect(a.body.repeatCount).toBe(0);
    expect(b.body.history.find((h: { action: string }) => h.action === 'new_matter')).toMatchObject({ after: { openMatches: [first.reference] } });
  });

  it('第九条: "same matter" logs the call on the chosen open ticket, also across categories, and starts no clock', async () => {
    const phone = '13977770003';
    const first = await fileTicket(t, org.eng.staff.token, { complainant: caller(phone), category: '报修', summary: '电梯停运' });
    const before = await count();
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(
        intakeBody({ complainant: caller(phone), category: '安全', summary: '电梯停运，老人被困过', match: { choice: 'same', reference: first.reference } }),
      );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'repeat_contact', ticket: { id: first.id, repeatCount: 1 }, matter: { reference: first.reference } });
    expect(await count()).toBe(before);
    const detail = await t.http().get(`/tickets/${first.id}`).set(auth(org.eng.staff.token)).expect(200);
    expect(detail.body.history.find((h: { action: string }) => h.action === 'repeat_contact').after).toMatchObject({
      linkedBy: 'match_same',
      category: '安全',
    });
    expect((detail.body.sections.clocks as Clock[]).filter((c) => c.purpose === 'response')).toHaveLength(1);
  });

  it('第九条: "same matter" with a closed ticket is refused (422, the reference named), and without a reference is 400 naming match.reference', async () => {
    const closed = await fileTicket(t, org.eng.staff.token, { complainant: caller('13977770004') });
    await t.http().post(`/tickets/${closed.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试用：直接关闭' }).expect(200);
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ complainant: caller('13977770004'), match: { choice: 'same', reference: closed.reference } }));
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ rule: 'intake.matched_matter_closed', field: 'match.reference' });
    const bare = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ match: { choice: 'same' } }));
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body.details.fields)).toContain('match.reference');
  });

  it('第六条, 第九条: a relatedTicketId with "new matter" files a ticket of its own that keeps the link', async () => {
    const open = await fileTicket(t, org.eng.staff.token, { category: '报修' });
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ relatedTicketId: open.id, match: { choice: 'new' } }));
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({ relatedTicketId: open.id, repeatCount: 0 });
    expect(res.body.ticket.id).not.toBe(open.id);
  });

  describe('GET /intake/matches, asked while the phone is typed', () => {
    it('第九条: lists the caller’s open tickets of the category, whole for the clerk’s own department and limited for others', async () => {
      const phone = '13977770006';
      const mine = await fileTicket(t, org.cs.staff.token, { complainant: caller(phone), category: '收费', summary: '物业费多收' });
      const theirs = await fileTicket(t, org.eng.staff.token, { complainant: caller(phone), category: '报修', summary: '内部：业主家钥匙在门卫' });
      const own = await t.http().get('/intake/matches').query({ phone, category: '收费' }).set(auth(org.cs.staff.token)).expect(200);
      expect(own.body.matches).toEqual([
        expect.objectContaining({ reference: mine.reference, ticketId: mine.id, summary: '物业费多收', department: expect.objectContaining({ code: 'CS' }) }),
      ]);
      const other = await t.http().get('/intake/matches').query({ phone, category: '报修' }).set(auth(org.cs.staff.token)).expect(200);
      expect(other.body.matches).toEqual([
        {
          reference: theirs.reference,
          status: 'open',
          department: { id: org.eng.department.id, code: 'ENG', name: '工程部' },
          handlerName: expect.any(String),
          nextDueAt: expect.any(String),
          receivedAt: theirs.receivedAt,
          ticketId: null,
          summary: null,
        },
      ]);
      for (const secret of ['钥匙', theirs.id, '李女士', '阳光花园']) expect(JSON.stringify(other.body)).not.toContain(secret);
      const none = await t.http().get('/intake/matches').query({ phone, category: '卫生' }).set(auth(org.cs.staff.token)).expect(200);
      expect(none.body).toEqual({ matches: [], earlier: [] });
    });

    it('第九条: lists the caller’s closed tickets apart, as earlier matters with their status, never among the open matches to pick', async () => {
      const phone = '13977770008';
      const closed = await fileTicket(t, org.cs.staff.token, { complainant: caller(phone), category: '收费', summary: '上月物业费已退' });
      await t.http().post(`/tickets/${closed.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试用：直接关闭' }).expect(200);
      t.clock.advanceMinutes(10); // closed later: listed first
      const theirs = await fileTicket(t, org.eng.staff.token, { complainant: caller(phone), category: '收费', summary: '内部：已转财务' });
      await t.http().post(`/tickets/${theirs.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试用：直接关闭' }).expect(200);
      const open = await fileTicket(t, org.cs.staff.token, { complainant: caller(phone), category: '收费', summary: '本月又多收', match: { choice: 'new' } });
      const res = await t.http().get('/intake/matches').query({ phone, category: '收费' }).set(auth(org.cs.staff.token)).expect(200);
      expect(res.body.matches.map((m: { reference: string }) => m.reference)).toEqual([open.reference]);
      expect(res.body.earlier).toHaveLength(2);
      const [latest, first] = res.body.earlier;
      expect(first).toMatchObject({
        reference: closed.reference,
        status: 'closed',
        ticketId: closed.id,
        summary: '上月物业费已退',
        closedAt: expect.any(String),
      });
      // Filed by ENG but routed to CS by its category: the CS clerk sees it whole; told limited to anyone who may not.
      expect(latest).toMatchObject({ reference: theirs.reference, status: 'closed', closedAt: expect.any(String) });
      const outsider = await t.http().get('/intake/matches').query({ phone, category: '收费' }).set(auth(org.env.staff.token)).expect(200);
      expect(outsider.body.earlier.map((e: { ticketId: string | null; summary: string | null }) => [e.ticketId, e.summary])).toEqual([
        [null, null],
        [null, null],
      ]);
      for (const secret of ['物业费已退', '已转财务', '李女士']) expect(JSON.stringify(outsider.body)).not.toContain(secret);
    });

    it('names the field: 400 for a phone that is no phone, or an unknown category; HR may not ask (403)', async () => {
      const badPhone = await t.http().get('/intake/matches').query({ phone: '12345', category: '报修' }).set(auth(org.cs.staff.token));
      expect(badPhone.status).toBe(400);
      expect(badPhone.body.details.fields[0].field).toBe('phone');
      const badCategory = await t.http().get('/intake/matches').query({ phone: '13977770007', category: '不存在' }).set(auth(org.cs.staff.token));
      expect(badCategory.status).toBe(400);
      expect(badCategory.body.details.fields[0].field).toBe('category');
      await t.http().get('/intake/matches').query({ phone: '13977770007', category: '报修' }).set(auth(org.hr.token)).expect(403);
    });
  });
});
