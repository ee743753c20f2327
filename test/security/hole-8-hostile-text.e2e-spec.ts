import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket, intakeBody } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A JSON text nested `depth` levels deep under `key`, built as text: JSON.stringify would recurse. */
const nested = (depth: number, key = 'username') => `{"${key}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"password":"x"}`;

/**
 * Hole 8: two inputs answered 500. A NUL byte (PostgreSQL refuses \u0000 in text) in a search, an intake
 * summary, a reply, a staff name or a login username, and a login body nested 4,000 levels deep
 * (RangeError: Maximum call stack size exceeded). Both are 400s naming the field or the rule.
 */
describe('hole 8: NUL bytes, lone surrogates and deep nesting are 400s that name the field', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let ticketId: string;

  beforeAll(async () => {
    t = await createTestApp('sec_hostile_text');
    org = await createCompany(t);
    ticketId = (await fileTicket(t, org.eng.staff.token)).id;
  });
  afterAll(() => t.close());

  const fields = (res: { body: { details?: { fields?: { field: string }[] } } }) => (res.body.details?.fields ?? []).map((f) => f.field);

  it('refuses a NUL in a search query with 400 naming q', async () => {
    const res = await t.http().get('/tickets?q=%00').set(auth(org.manager.token));
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['q']);
    expect(res.body.message).toMatch(/NUL/);
  });

  it('refuses a NUL in an intake summary, a reply, a staff name and a login username, writing nothing', async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM ticket');
    const intake = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ summary: '灯坏了\u0000' }));
    expect(intake.status).toBe(400);
    expect(fields(intake)).toEqual(['summary']);
    const nestedField = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ complainant: { name: '张\u0000', phone: '13900002222', address: { community: '阳光花园' } } }));
    expect(fields(nestedField)).toEqual(['complainant.name']);
    const reply = await t.http().post(`/tickets/${ticketId}/replies`).set(auth(org.eng.staff.token)).send({ content: '已处理\u0000', via: 'phone' });
    expect(reply.status).toBe(400);
    expect(fields(reply)).toEqual(['content']);
    const staff = await t
      .http()
      .post('/staff')
      .set(auth(t.adminToken))
      .send({ name: '王\u0000芳', username: 'wangfang0', password: 'password-123', roles: ['staff'] });
    expect(staff.status).toBe(400);
    expect(fields(staff)).toEqual(['name']);
    const login = await t.http().post('/auth/login').send({ username: 'admin\u0000', password: 'x' });
    expect(login.status).toBe(400);
    expect(fields(login)).toEqual(['username']);
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM ticket');
    expect(after).toBe(before);
  });

  it('refuses a lone surrogate, which would be stored as a replacement character', async () => {
    const res = await t.http().post('/tickets').set(auth(org.eng.staff.token)).set('Content-Type', 'application/json').send('{"summary":"坏了\\ud800"}');
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['summary']);
    expect(res.body.message).toMatch(/surrogate/);
  });

  it('refuses a login body nested 4,000 levels deep with 400 naming the depth rule', async () => {
    const res = await t.http().post('/auth/login').set('Content-Type', 'application/json').send(nested(4000));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nested deeper than 32 levels/);
    await t.http().get('/health').expect(200);
  });

  it('refuses a NUL in a path parameter and in a field name', async () => {
    expect((await t.http().get('/tickets/%00').set(auth(org.manager.token))).status).toBe(400);
    const key = await t.http().post('/auth/login').set('Content-Type', 'application/json').send('{"user\\u0000name":"admin","password":"x"}');
    expect(key.status).toBe(400);
  });
});
