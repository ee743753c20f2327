import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

describe('overreach risk ranking, scripts, compliance chart data and the console’s static files', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp('risk', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('ranks a breached major complaint that names 12345 above a fresh one, with the reasons and their points', async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    const angry = await fileTicket(t, org.cs.staff.token, { severity: 'major', summary: '电梯坏了三天没人管', requests: '再不修就打12345投诉' });
    t.clock.set('2026-11-03T02:30:00Z');
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    const fresh = await fileTicket(t, org.cs.staff.token);

    const res = await t.http().get('/sla/risk?limit=50').set(auth(org.manager.token)).expect(200);
    const ids = res.body.items.map((i: { ticket: { id: string } }) => i.ticket.id);
    expect(ids.indexOf(angry.id)).toBeLessThan(ids.indexOf(fresh.id));
    const top = res.body.items.find((i: { ticket: { id: string } }) => i.ticket.id === angry.id);
    const w = t.policy.risk.weights;
    expect(top.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['breached_clock', 'major', 'venue_words', 'age']));
    expect(top.reasons.find((r: { code: string }) => r.code === 'major').points).toBe(w.major);
    expect(top.reasons.find((r: { code: string }) => r.code === 'venue_words').text).toContain('12345');
    expect(top.score).toBe(
      Math.min(
        100,
        top.reasons.reduce((s: number, r: { points: number }) => s + r.points, 0),
      ),
    );
    expect(top).toMatchObject({ high: top.score >= t.policy.risk.highAt, ticket: { reference: angry.reference, department: { code: 'ENG' } } });
    expect(res.body.items.find((i: { ticket: { id: string } }) => i.ticket.id === fresh.id).score).toBe(0);
    expect(res.body.departments.find((d: { department: { code: string } }) => d.department.code === 'ENG').highest).toBe(top.score);
  });

  it('第十条: ranks a ticket that already went over the company’s head above everything else, whatever its score', async () => {
    const quiet = await fileTicket(t, org.sec.staff.token, { summary: '楼道灯不亮', requests: '请修一下' });
    await t
      .http()
      .post(`/tickets/${quiet.id}/overreach`)
      .set(auth(org.manager.token))
      .send({ level: 'company', venueKind: 'company_leader', venueName: '总经理信箱', occurredAt: t.clock.now().toISOString(), attribution: 'slow' })
      .expect(201);
    const res = await t.http().get('/sla/risk?limit=50').set(auth(org.manager.token)).expect(200);
    const items = res.body.items as Array<{ ticket: { id: string }; score: number; overreached: boolean }>;
    expect(items[0]).toMatchObject({ ticket: { id: quiet.id }, overreached: true });
    // Others score higher (the breached major complaint above), yet the overreach comes first.
    expect(Math.max(...items.slice(1).map((i) => i.score))).toBeGreaterThan(items[0].score);
    expect(items.slice(1).every((i) => !i.overreached)).toBe(true);
  });

  it('leaves closed tickets out of the ranking', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { summary: '要找媒体曝光' });
    await t.http().post(`/tickets/${ticket.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试：直接关闭' }).expect(200);
    const res = await t.http().get('/sla/risk?limit=200').set(auth(org.manager.token)).expect(200);
    expect(res.body.items.some((i: { ticket: { id: string } }) => i.ticket.id === ticket.id)).toBe(false);
  });

  it('shows a supervisor only their own department’s tickets and refuses staff', async () => {
    await fileTicket(t, org.cs.staff.token, { category: '安全' });
    const res = await t.http().get('/sla/risk').set(auth(org.sec.supervisor.token)).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { ticket: { department: { code: string } } }) => i.ticket.department.code === 'SEC')).toBe(true);
    await t.http().get('/sla/risk').set(auth(org.sec.staff.token)).expect(403);
    await t.http().get('/sla/risk?limit=0').set(auth(org.manager.token)).expect(400);
  });

  it('gives the intake desk the standard phrases, the forbidden expressions and the routing from the policy', async () => {
    const res = await t.http().get('/scripts').set(auth(org.cs.staff.token)).expect(200);
    expect(res.body.standard).toEqual(t.policy.phrases.standard);
    expect(res.body.forbidden).toMatchObject({ written: 'refuse', spoken: 'flag' });
    expect(res.body.forbidden.expressions).toContainEqual({ phrase: '不知道', category: 'buck_passing', exact: false });
    expect(res.body.forbidden.expressions).toContainEqual({ phrase: '没办法', category: 'buck_passing', exact: true });
    expect(res.body.forbidden.expressions).toHaveLength(Object.values(t.policy.serviceLanguage.forbidden).flat().length);
    expect(res.body.categories).toContainEqual({ name: '报修', department: 'ENG' });
  });

  it('counts each deadline of the month on its due day and department: on time, breached or still pending', async () => {
    t.clock.set('2026-11-10T02:00:00Z');
    const met = await fileTicket(t, org.cs.staff.token, { category: '卫生' });
    await fileTicket(t, org.cs.staff.token, { category: '卫生' }); // nobody answers this one
    t.clock.set('2026-11-10T08:00:00Z');
    await t.http().post(`/tickets/${met.id}/replies`).set(auth(org.env.staff.token)).send({ content: '已安排保洁今天清理', via: 'phone' }).expect(200);
    t.clock.set('2026-11-11T03:00:00Z');
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    const res = await t.http().get('/sla/compliance?month=2026-11').set(auth(org.manager.token)).expect(200);
    expect(res.body.days).toHaveLength(30);
    const env = res.body.departments.find((d: { department: { code: string } }) => d.department.code === 'ENV');
    expect(env).toMatchObject({ onTime: 1, breached: 1, rate: 50 });
    const day = res.body.days.find((d: { date: string }) => d.date === '2026-11-11');
    expect(day.onTime).toBeGreaterThanOrEqual(1);
    expect(day.breached).toBeGreaterThanOrEqual(1);
    const own = await t.http().get('/sla/compliance?month=2026-11').set(auth(org.env.supervisor.token)).expect(200);
    expect(own.body.departments.map((d: { department: { code: string } }) => d.department.code)).toEqual(['ENV']);
    await t.http().get('/sla/compliance?month=2026-13').set(auth(org.manager.token)).expect(400);
  });

  it('serves the console at / next to the API, keeps /docs, and answers unknown paths with the API’s 404', async () => {
    const index = await t.http().get('/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.text).toContain('投诉工单台');
    const script = await t.http().get('/js/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    await t.http().get('/docs').expect(200);
    await t.http().get('/docs/openapi.json').expect(200);
    const missing = await t.http().get('/no-such-page').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
  });
});
