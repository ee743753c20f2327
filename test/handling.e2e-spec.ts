import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

describe('five clears and one report, handling flows, follow-up visits (第七条, 第八条, 第二条)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const tick = (id: string, item: string, token: string) => post(`/tickets/${id}/checklist/${item}`, token, { note: `${item} 的记录` });
  const detail = async (id: string) => (await t.http().get(`/tickets/${id}`).set(auth(org.manager.token)).expect(200)).body;
  const sweep = () => post('/admin/sweeps', t.adminToken).expect(200);

  beforeAll(async () => {
    t = await createTestApp('handling', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('refuses to close while checklist items are open, naming them (第七条)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    await tick(ticket.id, 'listen', org.eng.staff.token).expect(200);
    const res = await post(`/tickets/${ticket.id}/close`, org.eng.staff.token);
    expect(res.status).toBe(422);
    expect(res.body.details.rule).toBe('ticket.close_requirements');
    expect(res.body.details.missing).toEqual(['checklist.ask', 'checklist.follow', 'checklist.reply', 'checklist.record', 'follow_up']);
    expect(res.body.message).toContain('checklist.ask');
    expect((await detail(ticket.id)).status).toBe('open');
  });

  it('requires a note as evidence for a tick, and records who and when', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    expect((await post(`/tickets/${ticket.id}/checklist/listen`, org.eng.staff.token, {})).status).toBe(400);
    expect((await post(`/tickets/${ticket.id}/checklist/nonsense`, org.eng.staff.token, { note: 'x' })).status).toBe(400);
    expect((await post(`/tickets/${ticket.id}/checklist/report`, org.eng.staff.token, { note: 'x' })).body.details?.rule).toBe('checklist.item_not_required');
    const ok = await tick(ticket.id, 'listen', org.eng.staff.token).expect(200);
    expect(ok.body.items.find((i: { item: string }) => i.item === 'listen').ticked).toMatchObject({
      by: { id: org.eng.staff.id },
      note: 'listen 的记录',
      source: 'manual',
    });
    expect((await tick(ticket.id, 'listen', org.eng.staff.token)).status).toBe(409);
  });

  it('第七条 听清楚/问清楚 confirmed at intake are ticked with the intake record as evidence, after 受理 in the history; a ticket without five clears ignores them', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token, { confirmedClears: ['listen', 'ask'] });
    const d = await detail(ticket.id);
    const items = Object.fromEntries(d.sections.checklist.items.map((i: { item: string; ticked: unknown }) => [i.item, i.ticked]));
    for (const item of ['listen', 'ask'])
      expect(items[item]).toMatchObject({ by: { id: org.eng.staff.id }, source: 'intake', note: '受理时由首问负责人确认，依据本单受理记录' });
    expect(items.follow).toBeNull();
    const actions = d.history.map((h: { action: string }) => h.action);
    expect(actions.slice(0, 4)).toEqual(['received', 'assigned', 'checklist_ticked', 'checklist_ticked']);
    expect(d.history[2].note).toBe('听清楚：受理时由首问负责人确认已完整听取投诉内容，依据本单受理记录');
    expect(d.sections.checklist.missing).not.toContain('checklist.listen');
    const events = await t.db.query(`SELECT payload->>'item' AS item FROM domain_event WHERE ticket_id = $1 AND name = 'checklist.ticked' ORDER BY 1`, [
      ticket.id,
    ]);
    expect(events).toEqual([{ item: 'ask' }, { item: 'listen' }]);
    // Answered on the spot: no five clears to tick, so nothing is recorded for them.
    const spot = await fileTicket(t, org.eng.staff.token, { disposition: 'on_the_spot', onTheSpotAnswer: '已告知处理办法', confirmedClears: ['listen'] });
    expect(await t.db.query('SELECT count(*)::int AS n FROM checklist_tick WHERE ticket_id = $1', [spot.id])).toEqual([{ n: 0 }]);
    const bad = await post('/tickets', org.eng.staff.token, intakeBody({ confirmedClears: ['follow'] }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('confirmedClears');
  });

  it('lets a final reply tick 复清楚 and the resolution tick 跟清楚 with their content, saying so in history', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    await post(`/tickets/${ticket.id}/replies`, org.eng.staff.token, { content: '已更换灯泡，告知处理过程和结果', via: 'phone', final: true }).expect(200);
    await post(`/tickets/${ticket.id}/resolve`, org.eng.staff.token, { summary: '更换三楼楼道灯' }).expect(200);
    const d = await detail(ticket.id);
    const items = Object.fromEntries(d.sections.checklist.items.map((i: { item: string; ticked: unknown }) => [i.item, i.ticked]));
    expect(items.reply).toMatchObject({ source: 'final_reply', note: '已更换灯泡，告知处理过程和结果' });
    expect(items.follow).toMatchObject({ source: 'resolution', note: '更换三楼楼道灯' });
    expect(d.history.filter((h: { action: string }) => h.action === 'checklist_ticked').map((h: { note: string }) => h.note)).toEqual([
      expect.stringContaining('自动勾选'),
      expect.stringContaining('自动勾选'),
    ]);
  });

  it('closes a general complaint once everything is done and the resident was visited', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    for (const item of ['listen', 'ask', 'record']) await tick(ticket.id, item, org.eng.staff.token).expect(200);
    await post(`/tickets/${ticket.id}/replies`, org.eng.staff.token, { content: '已修好，请您查看', via: 'phone', final: true }).expect(200);
    await post(`/tickets/${ticket.id}/resolve`, org.eng.staff.token, { summary: '已修复' }).expect(200);
    expect((await post(`/tickets/${ticket.id}/close`, org.eng.staff.token)).body.details.missing).toEqual(['follow_up']);
    await post(`/tickets/${ticket.id}/follow-ups`, org.cs.staff.token, { contact: 'phone', verdict: 'satisfied', note: '业主满意' }).expect(404);
    await post(`/tickets/${ticket.id}/follow-ups`, org.eng.supervisor.token, { contact: 'phone', verdict: 'satisfied', note: '业主满意' }).expect(201);
    const closed = await post(`/tickets/${ticket.id}/close`, org.eng.staff.token).expect(200);
    expect(closed.body.status).toBe('closed');
    const followUp = (await detail(ticket.id)).sections.clocks.find((c: { purpose: string }) => c.purpose === 'follow_up');
    expect(followUp).toMatchObject({ status: 'met', breached: false });
  });

  describe('major complaints (第八条(二), 第七条(六))', () => {
    it('cannot close without a promised reply time, and goes to the supervisor; the report to leaders is made at intake (第七条(六))', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token, { severity: 'major' });
      expect(ticket.handler.id).toBe(org.eng.supervisor.id);
      const token = org.eng.supervisor.token;
      for (const item of ['listen', 'ask', 'record']) await tick(ticket.id, item, token).expect(200);
      await post(`/tickets/${ticket.id}/replies`, token, { content: '处理结果已告知', via: 'visit', final: true }).expect(200);
      await post(`/tickets/${ticket.id}/resolve`, token, { summary: '已处理' }).expect(200);
      await post(`/tickets/${ticket.id}/follow-ups`, token, { contact: 'phone', verdict: 'basically_satisfied', note: '基本满意' }).expect(201);
      const refused = await post(`/tickets/${ticket.id}/close`, token);
      expect(refused.status).toBe(422);
      expect(refused.body.details.missing).toEqual(['promised_reply_time']);
    });

    it('raises a ticket to major with POST /escalate: it moves to the supervisor and the report to leaders meets the report clock at once (第七条(六))', async () => {
      t.clock.set('2026-11-03T02:00:00Z');
      const ticket = await fileTicket(t, org.eng.staff.token);
      const raised = await post(`/tickets/${ticket.id}/escalate`, org.eng.staff.token, { reason: '涉及多户漏水，超出个人权限' }).expect(200);
      expect(raised.body).toMatchObject({ severity: 'major', handler: { id: org.eng.supervisor.id } });
      const report = (await detail(ticket.id)).sections.clocks.find((c: { purpose: string }) => c.purpose === 'report');
      expect(report).toMatchObject({ status: 'met', breached: false, dueAt: '2026-11-03T03:00:00.000Z' });
      t.clock.set('2026-11-03T03:01:00Z');
      await sweep();
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sla_breach WHERE ticket_id = $1 AND purpose = 'report'`, [ticket.id]);
      expect(n).toBe(0);
      // The checklist item is met by the record; a manual tick has nothing left to tick.
      await tick(ticket.id, 'report', org.eng.supervisor.token).expect(409);
    });
  });

  it('第八条(三): a written complaint goes to the supervisor and needs its written answer before closing', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token, { channel: 'written' });
    expect(ticket.handler.id).toBe(org.eng.supervisor.id);
    const token = org.eng.supervisor.token;
    for (const item of ['listen', 'ask', 'record']) await tick(ticket.id, item, token).expect(200);
    await post(`/tickets/${ticket.id}/replies`, token, { content: '电话告知结果', via: 'phone', final: true }).expect(200);
    await post(`/tickets/${ticket.id}/resolve`, token, { summary: '已处理' }).expect(200);
    await post(`/tickets/${ticket.id}/follow-ups`, token, { contact: 'phone', verdict: 'satisfied', note: '满意' }).expect(201);
    expect((await post(`/tickets/${ticket.id}/close`, token)).body.details.missing).toEqual(['written_answer']);
    await post(`/tickets/${ticket.id}/replies`, token, { content: '书面答复：……', via: 'written' }).expect(200);
    await post(`/tickets/${ticket.id}/close`, token).expect(200);
  });

  it('referred out with a written reply requested: the written answer is due within its deadline', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { disposition: 'referred_out', referral: { unit: '市自来水公司', writtenReplyRequested: true } });
    const written = (await detail(ticket.id)).sections.clocks.find((c: { purpose: string }) => c.purpose === 'written_reply');
    expect(written.status).toBe('running');
    expect((await post(`/tickets/${ticket.id}/close`, org.cs.staff.token)).body.details.missing).toEqual(['written_answer']);
  });

  it('on the spot: the answer is recorded at intake and the ticket still gets its follow-up visit', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { disposition: 'on_the_spot', onTheSpotAnswer: '告知缴费时间', category: '收费' });
    expect((await post(`/tickets/${ticket.id}/close`, org.cs.staff.token)).body.details.missing).toEqual(['follow_up']);
    expect((await detail(ticket.id)).sections.clocks.map((c: { purpose: string }) => c.purpose)).toEqual(['follow_up']);
  });

  describe('follow-up visits (回访)', () => {
    async function resolved(): Promise<string> {
      const ticket = await fileTicket(t, org.eng.staff.token);
      await post(`/tickets/${ticket.id}/resolve`, org.eng.staff.token, { summary: '已修' }).expect(200);
      return ticket.id;
    }

    it('reopens a ticket as a redo (重办) with a new response clock when the resident is dissatisfied', async () => {
      t.clock.set('2026-11-05T02:00:00Z');
      const id = await resolved();
      t.clock.set('2026-11-05T06:00:00Z');
      const res = await post(`/tickets/${id}/follow-ups`, org.eng.staff.token, { contact: 'phone', verdict: 'dissatisfied', note: '灯还是不亮' }).expect(201);
      expect(res.body.ticketStatus).toBe('open');
      const d = await detail(id);
      expect(d).toMatchObject({ status: 'open', reopenCount: 1 });
      expect(d.history.map((h: { action: string }) => h.action)).toContain('redo');
      const responses = d.sections.clocks.filter((c: { purpose: string }) => c.purpose === 'response');
      expect(responses).toHaveLength(2);
      expect(responses[1]).toMatchObject({ status: 'running', startedAt: '2026-11-05T06:00:00.000Z', dueAt: '2026-11-06T06:00:00.000Z' });
      expect(d.sections.clocks.find((c: { purpose: string }) => c.purpose === 'follow_up').status).toBe('cancelled');
    });

    it('records the resident as unreachable only after the configured number of failed attempts', async () => {
      const id = await resolved();
      const early = await post(`/tickets/${id}/follow-ups`, org.eng.staff.token, { contact: 'phone', verdict: 'unreachable', note: '无人接听' });
      expect(early.status).toBe(422);
      expect(early.body.details).toMatchObject({ rule: 'follow_up.unreachable_after_attempts', attempts: 0, required: 3 });
      for (let i = 0; i < 3; i++)
        await post(`/tickets/${id}/follow-ups`, org.eng.staff.token, { contact: 'phone', verdict: 'no_answer', note: `第${i + 1}次未接` }).expect(201);
      const done = await post(`/tickets/${id}/follow-ups`, org.eng.staff.token, { contact: 'sms', verdict: 'unreachable', note: '三次未接通' }).expect(201);
      expect(done.body.attempt).toBe(4);
      expect((await detail(id)).sections.checklist.missing).not.toContain('follow_up');
    });

    it('refuses a follow-up before the matter is resolved', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      const res = await post(`/tickets/${ticket.id}/follow-ups`, org.eng.staff.token, { contact: 'phone', verdict: 'satisfied', note: 'x' });
      expect(res.body.details.rule).toBe('follow_up.after_resolution');
    });
  });

  it('lets only an admin close over open items, with a reason recorded in history and counted', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    expect((await post(`/tickets/${ticket.id}/close`, org.manager.token, { overrideReason: '业主撤诉' })).status).toBe(403);
    const closed = await post(`/tickets/${ticket.id}/close`, t.adminToken, { overrideReason: '业主撤诉' }).expect(200);
    expect(closed.body.status).toBe('closed');
    const override = (await detail(ticket.id)).history.find((h: { action: string }) => h.action === 'close_override');
    expect(override).toMatchObject({ note: '业主撤诉', after: { missing: expect.arrayContaining(['checklist.listen', 'follow_up']) } });
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/complaint_desk_ticket_close_overrides_total [1-9]/);
  });
});

describe('service language (员工文明服务要求 2.②「四个不讲」, 第五条 不得推诿)', () => {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  describe('the shipped policy: written refused, spoken flagged', () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof createCompany>>;
    const reply = (id: string, via: string, content: string) => t.http().post(`/tickets/${id}/replies`).set(auth(org.eng.staff.token)).send({ content, via });
    const detail = async (id: string) => (await t.http().get(`/tickets/${id}`).set(auth(org.eng.supervisor.token)).expect(200)).body;
    beforeAll(async () => {
      t = await createTestApp('language_shipped');
      org = await createCompany(t);
    });
    afterAll(() => t.close());

    it('员工文明服务要求 2.②: refuses a written or online reply with a forbidden expression (422 naming it and its category) before it is recorded or sent', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      for (const via of ['online', 'sms', 'written']) {
        const res = await reply(ticket.id, via, '这事不归我管，你是不是傻？');
        expect(res.status).toBe(422);
        expect(res.body.details).toMatchObject({
          rule: 'service_language.forbidden_expression',
          field: 'content',
          medium: 'written',
          expressions: ['你是不是傻', '不归我管'],
          findings: [
            { expression: '你是不是傻', category: 'sarcasm', categoryName: '讽刺挖苦话' },
            { expression: '不归我管', category: 'buck_passing', categoryName: '推诿' },
          ],
        });
        expect(res.body.message).toContain('不归我管 (buck_passing)');
      }
      const d = await detail(ticket.id);
      expect(d.replies).toHaveLength(0);
      expect(d.history.map((h: { action: string }) => h.action)).not.toContain('replied');
      expect(d.history.map((h: { action: string }) => h.action)).not.toContain('written_reply');
      // Nothing was answered: the 24-hour clock still runs.
      expect(d.sections.clocks.find((c: { purpose: string }) => c.purpose === 'response').status).toBe('running');
    });

    it('第五条: sends an online reply where 不知道 is only part of other words (殊不知 / 道路)', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      const res = await reply(ticket.id, 'online', '您好，很多业主以为门前的路归物业管，殊不知道路属于市政，我们已代为联系市政部门。');
      expect(res.status).toBe(200);
      expect((await detail(ticket.id)).replies[0].languageFlags).toEqual([]);
    });

    it('员工文明服务要求 2.②: records a spoken reply with a forbidden expression, flags it on the reply and notifies the supervisor', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      const res = await reply(ticket.id, 'phone', '这事不归我管，你找别人去');
      expect(res.status).toBe(200);
      const d = await detail(ticket.id);
      expect(d.replies).toHaveLength(1);
      expect(d.replies[0].languageFlags).toEqual([
        { expression: '不归我管', category: 'buck_passing' },
        { expression: '找别人去', category: 'buck_passing' },
      ]);
      const flag = d.history.find((h: { action: string }) => h.action === 'language_flagged');
      expect(flag.after).toEqual({ expressions: ['不归我管', '找别人去'], categories: ['buck_passing', 'buck_passing'], recipients: [org.eng.supervisor.id] });
      expect(flag.note).toContain('不归我管（推诿）');
      await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
      const notices = (await t.http().get('/notifications').set(auth(org.eng.supervisor.token)).expect(200)).body.items;
      expect(notices.filter((n: { ticketId: string; kind: string }) => n.ticketId === ticket.id && n.kind === 'language.flagged')).toEqual([
        expect.objectContaining({ title: '答复含禁用语：不归我管（推诿）、找别人去（推诿）', body: expect.stringContaining('电话答复已记录并标记') }),
      ]);
      // The one who said it is not the one told.
      const own = (await t.http().get('/notifications').set(auth(org.eng.staff.token)).expect(200)).body.items;
      expect(own.some((n: { kind: string }) => n.kind === 'language.flagged')).toBe(false);
    });
  });

  describe('both behaviours are policy (serviceLanguage.written / serviceLanguage.spoken)', () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof createCompany>>;
    beforeAll(async () => {
      t = await createTestApp('language_swapped', { policy: (p) => ({ ...p, serviceLanguage: { ...p.serviceLanguage, written: 'flag', spoken: 'refuse' } }) });
      org = await createCompany(t);
    });
    afterAll(() => t.close());

    it('员工文明服务要求 2.②: with written: flag and spoken: refuse, an online reply is kept and flagged and a phone reply refused', async () => {
      const ticket = await fileTicket(t, org.eng.staff.token);
      const send = (via: string) => t.http().post(`/tickets/${ticket.id}/replies`).set(auth(org.eng.staff.token)).send({ content: '跟我说没用', via });
      const phone = await send('phone');
      expect(phone.status).toBe(422);
      expect(phone.body.details).toMatchObject({ medium: 'spoken', expressions: ['跟我说没用'] });
      expect((await send('online')).status).toBe(200);
      const [row] = await t.db.query('SELECT via, flagged, flagged_categories FROM ticket_reply WHERE ticket_id = $1', [ticket.id]);
      expect(row).toEqual({ via: 'online', flagged: ['跟我说没用'], flagged_categories: ['buck_passing'] });
    });
  });
});

describe('recurring problems (第九条)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  beforeAll(async () => {
    t = await createTestApp('problems', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  const at = (building: string, phone: string) =>
    intakeBody({ category: '报修', complainant: { name: '业主', phone, address: { community: '阳光花园', building, unit: '1', room: '101' } } });

  it('opens one recurring problem when three 报修 complaints come from one building within the window, and the fourth joins it', async () => {
    const post = (body: object) => t.http().post('/tickets').set('Authorization', `Bearer ${org.cs.staff.token}`).send(body).expect(201);
    await post(at('7', '13900000001'));
    await post(at('8', '13900000009')); // another building does not count
    t.clock.advance(24 * 3600_000);
    await post(at('7', '13900000002'));
    let problems = await t.http().get('/problems').set('Authorization', `Bearer ${org.manager.token}`).expect(200);
    expect(problems.body).toHaveLength(0);
    await post(at('7', '13900000003'));
    problems = await t.http().get('/problems').set('Authorization', `Bearer ${org.manager.token}`).expect(200);
    expect(problems.body).toHaveLength(1);
    expect(problems.body[0]).toMatchObject({ category: '报修', community: '阳光花园', building: '7', status: 'open', ticketCount: 3 });
    await post(at('7', '13900000004'));
    problems = await t.http().get('/problems').set('Authorization', `Bearer ${org.manager.token}`).expect(200);
    expect(problems.body).toHaveLength(1);
    expect(problems.body[0].ticketCount).toBe(4);
    expect(problems.body[0].tickets).toHaveLength(4);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM domain_event WHERE name = 'problem.opened'`);
    expect(n).toBe(1);

    const closed = await t
      .http()
      .post(`/problems/${problems.body[0].id}/analysis`)
      .set('Authorization', `Bearer ${org.eng.supervisor.token}`)
      .send({ analysis: '7号楼供水管老化', measure: '更换主管道并每季度巡检', close: true })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', measure: '更换主管道并每季度巡检' });
    expect((await t.http().get('/problems').set('Authorization', `Bearer ${org.eng.staff.token}`)).status).toBe(403);
  });

  it('does not count complaints outside the window', async () => {
    let token = org.cs.staff.token;
    const post = (body: object) => t.http().post('/tickets').set('Authorization', `Bearer ${token}`).send(body).expect(201);
    await post(at('9', '13900000011'));
    t.clock.advance((t.policy.problems.windowDays + 1) * 24 * 3600_000);
    token = await t.login(org.cs.staff.username, org.cs.staff.password);
    await post(at('9', '13900000012'));
    await post(at('9', '13900000013'));
    const manager = await t.login(org.manager.username, org.manager.password);
    const problems = await t.http().get('/problems?status=open').set('Authorization', `Bearer ${manager}`).expect(200);
    expect(problems.body.filter((p: { building: string }) => p.building === '9')).toHaveLength(0);
  });

  it('opens one problem, not several, when complaints from one place arrive at the same time', async () => {
    const token = await t.login(org.cs.staff.username, org.cs.staff.password);
    const phones = ['13900000021', '13900000022', '13900000023', '13900000024', '13900000025'];
    await Promise.all(phones.map((phone) => t.http().post('/tickets').set('Authorization', `Bearer ${token}`).send(at('10', phone)).expect(201)));
    const rows = await t.db.query(`SELECT id, ticket_count FROM recurring_problem WHERE building = '10'`);
    expect(rows).toEqual([{ id: expect.any(String), ticket_count: 5 }]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM problem_sighting WHERE problem_id = $1`, [rows[0].id]);
    expect(n).toBe(5);
  });
});
