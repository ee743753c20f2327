import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TINY_PNG } from './factories/attachment.factory.js';
import { createCompany } from './factories/org.factory.js';
import { createOnlineDesk, fileOnline, onlineComplaint, withOnlineDesk } from './factories/resident.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

/**
 * Issue 19, residents: filing online (channel online) with consent (个人信息保护法 第十四条), the online desk's duty
 * clerk as first responder (首问负责制, 第二条), and the private tracking page that shows only what the resident was
 * told (DESIGN: who may see what; 第七条 复清楚).
 */
describe('residents’ page: file online and track', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let desk: Awaited<ReturnType<typeof createOnlineDesk>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ticketOf = async (reference: string) => (await t.db.query('SELECT * FROM ticket WHERE reference = $1', [reference]))[0];
  const track = (token: string) => t.http().post('/public/tracking').send({ token });

  beforeAll(async () => {
    t = await createTestApp('residents', { policy: withOnlineDesk(), env: { TRUST_PROXY: 'loopback' } });
    org = await createCompany(t);
    desk = await createOnlineDesk(t, org.cs.department);
  });
  afterAll(() => t.close());

  it('files an online complaint exactly like desk intake, with the online desk’s duty clerk as first responder (第二条) and the photo attached', async () => {
    const filed = await fileOnline(t, { phone: '13811110001' });
    expect(filed.outcome).toBe('created');
    expect(filed.reference).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(filed.trackingToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(filed.trackingPath).toBe(`/r/#t=${filed.trackingToken}`);
    const ticket = await ticketOf(filed.reference);
    expect(ticket).toMatchObject({ channel: 'online', first_responder_id: desk.id, category: '报修', status: 'open', complainant_phone: '13811110001' });
    // Routed like any intake: 报修 goes to 工程部, with its 24-hour clock.
    expect(ticket.department_id).toBe(org.eng.department.id);
    const clocks = await t.db.query('SELECT purpose FROM sla_clock WHERE ticket_id = $1', [ticket.id]);
    expect(clocks.map((c: { purpose: string }) => c.purpose)).toContain('response');
    const photos = await t.http().get(`/tickets/${ticket.id}/attachments`).set(auth(desk.token)).expect(200);
    expect(photos.body.items).toEqual([
      expect.objectContaining({ fileName: '楼道.png', contentType: 'image/png', uploadedBy: { id: desk.id, name: '网上值班员' } }),
    ]);
  });

  it('stores the consent (time, text version) as evidence, and only the token’s hash', async () => {
    const filed = await fileOnline(t, { phone: '13811110002' });
    const ticket = await ticketOf(filed.reference);
    const [consent] = await t.db.query('SELECT text_version, text, at FROM resident_consent WHERE ticket_id = $1', [ticket.id]);
    expect(consent.text_version).toBe(t.policy.resident.consentVersion);
    expect(consent.text).toContain('仅用于受理、处理、答复和回访');
    expect(new Date(consent.at).toISOString()).toBe(t.clock.now().toISOString());
    const links = await t.db.query('SELECT token_hash FROM resident_tracking_link WHERE ticket_id = $1', [ticket.id]);
    expect(links).toHaveLength(1);
    expect(links[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.db.query('SELECT * FROM resident_tracking_link'))).not.toContain(filed.trackingToken);
  });

  it('refuses a filing without consent: 422 naming consent when not agreed, 400 naming consent when missing, and records nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n;
    const refused = await t
      .http()
      .post('/public/complaints')
      .send(onlineComplaint({ phone: '13811110003', consent: { accepted: false, version: '2026-12' } }))
      .expect(422);
    expect(refused.body.details.rule).toBe('resident.consent_required');
    expect(refused.body.message).toContain('consent');
    const missing = await t
      .http()
      .post('/public/complaints')
      .send(onlineComplaint({ phone: '13811110003', consent: undefined }))
      .expect(400);
    expect(missing.body.message).toContain('consent');
    const outdated = await t
      .http()
      .post('/public/complaints')
      .send(onlineComplaint({ phone: '13811110003', consent: { accepted: true, version: '2020-01' } }))
      .expect(422);
    expect(outdated.body.details.rule).toBe('resident.consent_version');
    expect((await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n).toBe(before);
  });

  it('shows status, department, promised reply time and the answers to the resident; no staff notes, no handler names, no history', async () => {
    const filed = await fileOnline(t, { phone: '13811110004' });
    const ticket = await ticketOf(filed.reference);
    const eng = org.eng.staff.token;
    await t
      .http()
      .post(`/tickets/${ticket.id}/handoff`)
      .set(auth(desk.token))
      .send({ staffId: org.eng.staff.id, reason: '内部备注：交工程部老王' })
      .expect(200);
    await t.http().post(`/tickets/${ticket.id}/checklist/ask`).set(auth(eng)).send({ note: '内部：业主脾气急' }).expect(200);
    await t.http().post(`/tickets/${ticket.id}/promise`).set(auth(eng)).send({ replyBy: '2026-11-29T10:00:00+08:00', note: '内部：等配件' }).expect(200);
    await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(eng)).send({ content: '您好，已安排电工明天上午维修。', via: 'online' }).expect(200);

    const page = await track(filed.trackingToken!).expect(200);
    expect(page.body).toMatchObject({
      reference: filed.reference,
      category: '报修',
      status: 'open',
      department: '工程部',
      handler: null,
      replyBy: '2026-11-29T02:00:00.000Z',
      canRate: false,
      rated: null,
    });
    expect(page.body.answers).toEqual([{ via: 'online', content: '您好，已安排电工明天上午维修。', final: false, at: t.clock.now().toISOString() }]);
    const text = JSON.stringify(page.body);
    for (const internal of ['内部', '老王', org.eng.staff.name, desk.name, '13811110004', ticket.id]) expect(text).not.toContain(internal);
  });

  it('offers the place register’s communities and buildings as a type-ahead, never units or rooms (no listing of homes)', async () => {
    const add = async (body: object) => (await t.http().post('/places').set(auth(t.adminToken)).send(body).expect(201)).body as { id: string };
    const community = await add({ kind: 'community', name: '翠湖苑' });
    const building = await add({ kind: 'building', name: '8栋', parentId: community.id });
    const unit = await add({ kind: 'unit', name: '1单元', parentId: building.id });
    await add({ kind: 'room', name: '1201', parentId: unit.id });
    const found = await t.http().get('/public/places').query({ q: '翠湖' }).expect(200);
    expect(found.body).toEqual([
      { kind: 'community', community: '翠湖苑', building: null },
      { kind: 'building', community: '翠湖苑', building: '8栋' },
    ]);
    expect((await t.http().get('/public/places').query({ q: '1201' }).expect(200)).body).toEqual([]);
    expect((await t.http().get('/public/places').expect(400)).body.message).toContain('q');
  });

  it('files the place the register knows: registered names (spaces aside) become the place, a room not registered stays as its text, an unregistered building stays free text', async () => {
    // 翠湖苑 8栋 1单元 1201 is registered by the test above.
    const [building] = await t.db.query(`SELECT id FROM place WHERE path = '翠湖苑 8栋'`);
    const [room] = await t.db.query(`SELECT id FROM place WHERE path = '翠湖苑 8栋 1单元 1201'`);
    const columns = (row: Record<string, unknown>) => ({
      place_id: row.place_id,
      community: row.community,
      building: row.building,
      unit: row.unit,
      room: row.room,
    });
    const registered = await fileOnline(
      t,
      { phone: '13811110021', place: { community: '翠湖苑', building: '8 栋', unit: '1单元', room: '1201' } },
      '203.0.113.61',
    );
    expect(columns(await ticketOf(registered.reference))).toEqual({ place_id: room.id, community: '翠湖苑', building: '8栋', unit: '1单元', room: '1201' });
    const newRoom = await fileOnline(t, { phone: '13811110022', place: { community: '翠湖苑', building: '8栋', room: '0303' } }, '203.0.113.62');
    expect(columns(await ticketOf(newRoom.reference))).toEqual({ place_id: building.id, community: '翠湖苑', building: '8栋', unit: null, room: '0303' });
    const newBuilding = await fileOnline(t, { phone: '13811110023', place: { community: '翠湖苑', building: '9栋', room: '101' } }, '203.0.113.63');
    expect(columns(await ticketOf(newBuilding.reference))).toEqual({ place_id: null, community: '翠湖苑', building: '9栋', unit: null, room: '101' });
    const unknown = await fileOnline(t, { phone: '13811110024', place: { community: '翠湖新苑', building: '8栋' } }, '203.0.113.64');
    expect((await ticketOf(unknown.reference)).place_id).toBeNull();

    // 第九条: counted with the desk's complaints about the same building (threshold 3, by building).
    for (const phone of ['13811110025', '13811110026']) {
      await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send({
          channel: 'phone',
          category: '报修',
          severity: 'general',
          disposition: 'accepted',
          summary: '8栋电梯又坏了',
          requests: '尽快修',
          complainant: { name: '李女士', phone, address: { placeId: building.id } },
          match: { choice: 'new' },
        })
        .expect(201);
    }
    const problems = (await t.http().get('/problems').set(auth(org.manager.token)).expect(200)).body as Array<{
      category: string;
      community: string;
      building: string;
      ticketCount: number;
    }>;
    expect(problems.filter((p) => p.community === '翠湖苑' && p.building === '8栋' && p.category === '报修')).toEqual([
      expect.objectContaining({ ticketCount: 4 }),
    ]);
  });

  it('answers 404, the same body, for unknown, malformed, revoked and expired tokens (no oracle)', async () => {
    const revokedFiling = await fileOnline(t, { phone: '13811110005' });
    const expiredFiling = await fileOnline(t, { phone: '13811110006' });
    const revokedTicket = await ticketOf(revokedFiling.reference);
    const expiredTicket = await ticketOf(expiredFiling.reference);
    await track(revokedFiling.trackingToken!).expect(200);
    // Another department's staff cannot revoke (404: the ticket is not theirs to see); the first responder can.
    await t.http().post(`/tickets/${revokedTicket.id}/tracking-links/revoke`).set(auth(org.env.staff.token)).expect(404);
    const revoked = await t.http().post(`/tickets/${revokedTicket.id}/tracking-links/revoke`).set(auth(desk.token)).expect(200);
    expect(revoked.body).toEqual({ revoked: 1 });
    const history = await t.db.query(`SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'tracking_revoked'`, [revokedTicket.id]);
    expect((await t.http().post(`/tickets/${revokedTicket.id}/tracking-links/revoke`).set(auth(desk.token)).expect(200)).body).toEqual({ revoked: 0 });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'tracking_revoked'`, [revokedTicket.id])).toEqual(
      history,
    );
    expect(history).toEqual([{ n: 1 }]);

    await t.http().post(`/tickets/${expiredTicket.id}/close`).set(auth(t.adminToken)).send({ overrideReason: '测试：直接办结' }).expect(200);
    await track(expiredFiling.trackingToken!).expect(200); // closed, within retention
    t.clock.advanceMinutes(t.policy.resident.trackingRetentionDays * 24 * 60 + 1);

    const answers = await Promise.all(
      [revokedFiling.trackingToken!, expiredFiling.trackingToken!, 'A'.repeat(43), 'not-a-token', `${revokedFiling.trackingToken!.slice(0, 42)}x`].map(
        (token) => track(token),
      ),
    );
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(answers[0].body);
    }
  });

  it('refuses a photo that is not what it says (magic bytes) and records nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n;
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const res = await t
      .http()
      .post('/public/complaints')
      .send(onlineComplaint({ phone: '13811110007', photos: [{ fileName: 'x.png', contentType: 'image/png', contentBase64: html }] }))
      .expect(422);
    expect(res.body.details.rule).toBe('attachment.type_not_allowed');
    const pdf = await t
      .http()
      .post('/public/complaints')
      .send(onlineComplaint({ phone: '13811110007', photos: [{ fileName: 'x.pdf', contentType: 'application/pdf', contentBase64: TINY_PNG }] }))
      .expect(400);
    expect(pdf.body.message).toContain('photos.0.contentType');
    expect((await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n).toBe(before);
  });
});

/**
 * 第二条 回访 on the residents' page: one tap after resolution, a follow-up with contact online exactly like a phone
 * follow-up; 不满意 reopens (重办); one rating per resolution; and the monthly summary counts it (第八条(四)).
 */
describe('residents’ page: rate the follow-up', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let desk: Awaited<ReturnType<typeof createOnlineDesk>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ticketOf = async (reference: string) => (await t.db.query('SELECT * FROM ticket WHERE reference = $1', [reference]))[0];
  const rate = (token: string, verdict: string, comment?: string) => t.http().post('/public/tracking/rating').send({ token, verdict, comment });

  /** Files online, answers the resident and resolves: the ticket waits for its follow-up. */
  async function resolvedOnline(phone: string) {
    const filed = await fileOnline(t, { phone });
    const ticket = await ticketOf(filed.reference);
    await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(desk.token)).send({ content: '灯已修好，请您查看。', via: 'online' }).expect(200);
    await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(desk.token)).send({ summary: '已更换灯泡' }).expect(200);
    return { token: filed.trackingToken!, ticket };
  }

  beforeAll(async () => {
    t = await createTestApp('resident-rating', { policy: withOnlineDesk(), env: { TRUST_PROXY: 'loopback' } });
    org = await createCompany(t);
    desk = await createOnlineDesk(t, org.cs.department);
  });
  afterAll(() => t.close());

  it('refuses a rating before resolution (422) and offers it once resolved', async () => {
    const filed = await fileOnline(t, { phone: '13822220001' });
    const early = await rate(filed.trackingToken!, 'satisfied').expect(422);
    expect(early.body.details.rule).toBe('resident.rating_after_resolution');
    const { token } = await resolvedOnline('13822220002');
    expect((await t.http().post('/public/tracking').send({ token }).expect(200)).body).toMatchObject({ status: 'resolved', canRate: true, rated: null });
  });

  it('records 满意 as a follow-up attempt and result with contact online, like a phone follow-up, once per resolution', async () => {
    const { token, ticket } = await resolvedOnline('13822220003');
    const res = await rate(token, 'satisfied', '修得很快').expect(200);
    expect(res.body).toMatchObject({ verdict: 'satisfied', ticketStatus: 'resolved' });
    const followUps = await t.db.query('SELECT contact, verdict, note FROM follow_up WHERE ticket_id = $1', [ticket.id]);
    expect(followUps).toEqual([{ contact: 'online', verdict: 'satisfied', note: '业主在线评价：修得很快' }]);
    const history = await t.db.query(`SELECT after FROM ticket_history WHERE ticket_id = $1 AND action = 'follow_up'`, [ticket.id]);
    expect(history[0].after).toEqual({ verdict: 'satisfied', contact: 'online', attempt: 1 });
    expect((await t.http().post('/public/tracking').send({ token }).expect(200)).body).toMatchObject({ canRate: false, rated: 'satisfied' });
    // One rating per resolution: a second tap, also at the same moment, is refused and records nothing.
    const again = await Promise.all([rate(token, 'dissatisfied'), rate(token, 'basically_satisfied')]);
    for (const r of again) {
      expect(r.status).toBe(409);
      expect(r.body.details.rule).toBe('resident.rated_once');
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM follow_up WHERE ticket_id = $1', [ticket.id])).toEqual([{ n: 1 }]);
    // The close guard counts it as the follow-up done: what close still misses are the five-clears items, not the follow-up.
    const close = await t.http().post(`/tickets/${ticket.id}/close`).set(auth(desk.token)).send({}).expect(422);
    expect(close.body.details.missing.length).toBeGreaterThan(0);
    expect(close.body.details.missing).not.toContain('follow_up');
  });

  it('不满意 reopens the ticket (重办) as a phone follow-up does, and the next resolution can be rated again', async () => {
    const { token, ticket } = await resolvedOnline('13822220004');
    const res = await rate(token, 'dissatisfied', '晚上还是不亮').expect(200);
    expect(res.body.ticketStatus).toBe('open');
    const reopened = await ticketOf(ticket.reference);
    expect(reopened).toMatchObject({ status: 'open', reopen_count: 1 });
    expect((await t.http().post('/public/tracking').send({ token }).expect(200)).body).toMatchObject({ status: 'open', canRate: false });
    t.clock.advanceMinutes(60);
    await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(desk.token)).send({ summary: '更换线路' }).expect(200);
    await rate(token, 'basically_satisfied').expect(200);
  });

  it('counts the page’s ratings in the monthly summary’s satisfaction figures', async () => {
    const month = '2026-11';
    const before = (await t.http().get(`/reports/summary?month=${month}`).set(auth(org.manager.token)).expect(200)).body.followUps;
    const { token } = await resolvedOnline('13822220005');
    await rate(token, 'satisfied').expect(200);
    const after = (await t.http().get(`/reports/summary?month=${month}`).set(auth(org.manager.token)).expect(200)).body.followUps;
    expect(after.satisfied).toBe(before.satisfied + 1);
    expect(after.satisfactionPercent).not.toBeNull();
  });
});

describe('residents’ page: closed until the online desk is named', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The shipped policy names no duty clerk (resident.firstResponder.staffUsername unset).
    t = await createTestApp('resident-closed');
  });
  afterAll(() => t.close());

  it('says filing is closed and refuses a filing with 422 resident.filing_closed, recording nothing (首问负责制: no complaint without a first responder)', async () => {
    expect(t.policy.resident.firstResponder.staffUsername).toBeUndefined();
    const form = await t.http().get('/public/resident-form').expect(200);
    expect(form.body).toMatchObject({ open: false, consentVersion: t.policy.resident.consentVersion, maxPhotos: t.policy.resident.maxPhotos });
    const refused = await t.http().post('/public/complaints').send(onlineComplaint()).expect(422);
    expect(refused.body.details.rule).toBe('resident.filing_closed');
    expect(await t.db.query('SELECT count(*)::int AS n FROM ticket')).toEqual([{ n: 0 }]);
  });
});
