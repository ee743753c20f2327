import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { pngOfSize, TINY_PNG } from '../factories/attachment.factory.js';
import { createCompany } from '../factories/org.factory.js';
import { createOnlineDesk, fileOnline, onlineComplaint, withOnlineDesk } from '../factories/resident.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { captureLogs, type LogCapture } from '../utils/log-capture.js';

/**
 * Issue 19, abuse of the residents' page: guessing and enumerating tracking tokens, oversize and disguised photos,
 * floods per address and per phone, duplicate submissions, and public tokens against staff routes. Limits are
 * lowered in the policy so that each attack reaches them in a few requests.
 */
describe('hole 13: the residents’ page withstands guessing, floods, bad photos and staff-route probes', () => {
  let t: TestApp;
  let logs: LogCapture;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let address = 0;
  /** A fresh client address (documentation range) for each attack, so one attack's count does not spill into the next. */
  const nextAddress = () => `198.51.100.${++address}`;
  const ticketCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n as number;

  beforeAll(async () => {
    logs = captureLogs('trace');
    t = await createTestApp('resident-abuse', {
      logger: logs.logger,
      env: { TRUST_PROXY: 'loopback' },
      policy: withOnlineDesk((p) => ({
        ...p,
        resident: { ...p.resident, maxPhotos: 2, maxPhotoBytes: 64 * 1024, throttle: { windowMinutes: 60, perAddress: 3, perPhone: 2, trackPerAddress: 40 } },
      })),
    });
    org = await createCompany(t);
    await createOnlineDesk(t, org.cs.department);
  });
  afterAll(() => t.close());

  it('token guessing: forty random and near-miss tokens are all the same 404, then the address is throttled (429)', async () => {
    const from = nextAddress();
    const real = await fileOnline(t, { phone: '13833330001' }, nextAddress());
    const guesses = [
      ...Array.from({ length: 37 }, () => randomBytes(32).toString('base64url')),
      `${real.trackingToken!.slice(0, 42)}${real.trackingToken!.endsWith('A') ? 'B' : 'A'}`,
      real.trackingToken!.toUpperCase() === real.trackingToken ? real.trackingToken!.toLowerCase() : real.trackingToken!.toUpperCase(),
      real.reference,
    ];
    const answers = [];
    for (const token of guesses) answers.push(await t.http().post('/public/tracking').set('X-Forwarded-For', from).send({ token }));
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(answers[0].body);
    }
    const throttled = await t.http().post('/public/tracking').set('X-Forwarded-For', from).send({ token: real.trackingToken });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // The real link still opens from another address.
    await t.http().post('/public/tracking').set('X-Forwarded-For', nextAddress()).send({ token: real.trackingToken }).expect(200);
  });

  it('the place type-ahead is rate-limited per address: walking the register runs into 429', async () => {
    const from = nextAddress();
    for (let i = 0; i < 40; i++)
      await t
        .http()
        .get('/public/places')
        .query({ q: `小区${i}` })
        .set('X-Forwarded-For', from)
        .expect(200);
    const refused = await t.http().get('/public/places').query({ q: '小区' }).set('X-Forwarded-For', from);
    expect(refused.status).toBe(429);
    await t.http().get('/public/places').query({ q: '小区' }).set('X-Forwarded-For', nextAddress()).expect(200);
  });

  it('enumeration: a filing answers only its own reference and link, never the caller’s other matters or anyone else’s', async () => {
    const phone = '13833330002';
    const first = await fileOnline(t, { phone, description: '电梯异响' }, nextAddress());
    const second = await t
      .http()
      .post('/public/complaints')
      .set('X-Forwarded-For', nextAddress())
      .send(onlineComplaint({ phone, description: '楼道堆物' }))
      .expect(201);
    expect(Object.keys(second.body).sort()).toEqual(['outcome', 'reference', 'trackingPath', 'trackingToken']);
    expect(JSON.stringify(second.body)).not.toContain(first.reference);
    // Each link opens its own ticket only.
    const page = await t.http().post('/public/tracking').set('X-Forwarded-For', nextAddress()).send({ token: second.body.trackingToken }).expect(200);
    expect(page.body.reference).toBe(second.body.reference);
  });

  it('oversize, too many and disguised photos are refused before anything is recorded; a body beyond the route limit is 413', async () => {
    const before = await ticketCount();
    const post = (photos: unknown[]) =>
      t
        .http()
        .post('/public/complaints')
        .set('X-Forwarded-For', nextAddress())
        .send(onlineComplaint({ phone: '13833330003', photos }));
    const big = await post([{ fileName: 'big.png', contentType: 'image/png', contentBase64: pngOfSize(64 * 1024 + 1) }]);
    expect(big.status).toBe(422);
    expect(big.body.details).toMatchObject({ rule: 'resident.photo_limit', limit: 64 * 1024 });
    const many = await post([1, 2, 3].map((i) => ({ fileName: `${i}.png`, contentType: 'image/png', contentBase64: TINY_PNG })));
    expect(many.status).toBe(422);
    expect(many.body.details.rule).toBe('resident.photo_limit');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString('base64');
    const disguised = await post([{ fileName: 'x.jpg', contentType: 'image/jpeg', contentBase64: svg }]);
    expect(disguised.status).toBe(422);
    expect(disguised.body.details.rule).toBe('attachment.type_not_allowed');
    const mismatch = await post([{ fileName: 'x.jpg', contentType: 'image/jpeg', contentBase64: TINY_PNG }]);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.details.rule).toBe('attachment.type_mismatch');
    const huge = 'A'.repeat(2 * Math.ceil((64 * 1024) / 3) * 4 + 128 * 1024);
    const tooLarge = await t
      .http()
      .post('/public/complaints')
      .set('X-Forwarded-For', nextAddress())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(onlineComplaint({ phone: '13833330003', photos: [{ fileName: 'a.png', contentType: 'image/png', contentBase64: huge }] })));
    expect(tooLarge.status).toBe(413);
    expect(await ticketCount()).toBe(before);
  });

  it('floods: the fourth filing from one address and the third for one phone are 429 with Retry-After; others still file', async () => {
    const from = nextAddress();
    for (let i = 0; i < 3; i++) await fileOnline(t, { phone: `1384444000${i}`, description: `第${i}件事` }, from);
    const fromAddress = await t
      .http()
      .post('/public/complaints')
      .set('X-Forwarded-For', from)
      .send(onlineComplaint({ phone: '13844440009' }));
    expect(fromAddress.status).toBe(429);
    expect(Number(fromAddress.headers['retry-after'])).toBeGreaterThan(0);

    const phone = '13855550000';
    await fileOnline(t, { phone, description: '第一件' }, nextAddress());
    await fileOnline(t, { phone, description: '第二件' }, nextAddress());
    const before = await ticketCount();
    const fromPhone = await t
      .http()
      .post('/public/complaints')
      .set('X-Forwarded-For', nextAddress())
      .send(onlineComplaint({ phone, description: '第三件' }));
    expect(fromPhone.status).toBe(429);
    expect(await ticketCount()).toBe(before);
    // Counted in PostgreSQL, by hash: the phone itself is not stored in the throttle table.
    expect(JSON.stringify(await t.db.query('SELECT bucket FROM resident_throttle'))).not.toContain(phone);
    // Another address and phone are not held up, and the window's end frees the phone again.
    await fileOnline(t, { phone: '13855550001' }, nextAddress());
    t.clock.advanceMinutes(61);
    await fileOnline(t, { phone, description: '第三件' }, nextAddress());
  });

  it('a duplicate submission within the window is a repeat contact on the first ticket, not a new ticket; after it, a new one', async () => {
    const body = { phone: '13866660000', description: '垃圾桶满了没人清' };
    const first = await fileOnline(t, body, nextAddress());
    const before = await ticketCount();
    t.clock.advanceMinutes(t.policy.resident.duplicateWindowMinutes - 1);
    const again = await fileOnline(t, body, nextAddress());
    expect(again).toEqual({ outcome: 'repeat_contact', reference: first.reference, trackingToken: null, trackingPath: null });
    expect(await ticketCount()).toBe(before);
    const [ticket] = await t.db.query('SELECT id, repeat_count FROM ticket WHERE reference = $1', [first.reference]);
    expect(ticket.repeat_count).toBe(1);
    expect(await t.db.query(`SELECT channel FROM ticket_contact WHERE ticket_id = $1`, [ticket.id])).toEqual([{ channel: 'online' }]);
    // Two identical submissions at the same moment: one ticket, and the other joins it.
    const twice = { phone: '13866660001', description: '门禁坏了' };
    const [a, b] = await Promise.all([fileOnline(t, twice, nextAddress()), fileOnline(t, twice, nextAddress())]);
    expect([a.outcome, b.outcome].sort()).toEqual(['created', 'repeat_contact']);
    expect(a.reference).toBe(b.reference);
    // Past the duplicate window (and the hour's phone budget, which the repeat also counts against): a new matter.
    t.clock.advanceMinutes(61);
    expect((await fileOnline(t, body, nextAddress())).outcome).toBe('created');
  });

  it('nothing on these pages reaches staff routes: a tracking token is 401 there, and a staff token changes nothing on the public routes', async () => {
    const filed = await fileOnline(t, { phone: '13877770000' }, nextAddress());
    const [ticket] = await t.db.query('SELECT id FROM ticket WHERE reference = $1', [filed.reference]);
    for (const [method, path] of [
      ['get', `/tickets/${ticket.id}`],
      ['get', '/tickets'],
      ['get', `/tickets/${ticket.id}/attachments`],
      ['post', `/tickets/${ticket.id}/tracking-links/revoke`],
      ['post', `/tickets/${ticket.id}/follow-ups`],
    ] as const) {
      const res = await t.http()[method](path).set('Authorization', `Bearer ${filed.trackingToken}`).send({});
      expect([path, res.status]).toEqual([path, 401]);
    }
    const from = nextAddress();
    const anonymous = await t.http().post('/public/tracking').set('X-Forwarded-For', from).send({ token: filed.trackingToken }).expect(200);
    const asAdmin = await t
      .http()
      .post('/public/tracking')
      .set('X-Forwarded-For', from)
      .set('Authorization', `Bearer ${t.adminToken}`)
      .send({ token: filed.trackingToken })
      .expect(200);
    expect(asAdmin.body).toEqual(anonymous.body);
    expect(JSON.stringify(asAdmin.body)).not.toMatch(/13877770000|张先生|网上值班员|firstResponder|handlerId/);
  });

  it('never logs the resident’s phone, name or tracking token', async () => {
    const filed = await fileOnline(t, { phone: '13988887777', name: '诸葛测试' }, nextAddress());
    await t.http().post('/public/tracking').set('X-Forwarded-For', nextAddress()).send({ token: filed.trackingToken }).expect(200);
    await t.http().post('/public/tracking/rating').set('X-Forwarded-For', nextAddress()).send({ token: filed.trackingToken, verdict: 'satisfied' }).expect(422);
    const text = logs.text();
    expect(text).toContain('/public/complaints');
    for (const secret of ['13988887777', '诸葛测试', filed.trackingToken!]) expect(text).not.toContain(secret);
  });
});
