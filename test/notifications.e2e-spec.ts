import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Notice = { id: string; title: string; readAt: string | null };

/** Proves: GET /notifications pages like every other list (limit + cursor), newest first, per recipient. */
describe('notifications: the caller’s notices in cursor pages', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = async (query: Record<string, string>, token = org.eng.staff.token) =>
    (await t.http().get('/notifications').query(query).set(auth(token)).expect(200)).body as { items: Notice[]; nextCursor: string | null };

  beforeAll(async () => {
    t = await createTestApp('notifications');
    org = await createCompany(t);
    // Five notices a minute apart for the ENG staff member, one for the supervisor. The sweep that writes
    // them is tested in sla.e2e-spec.ts; here only the reading side matters.
    for (let i = 1; i <= 5; i++) {
      await t.db.query(
        `INSERT INTO notification (event_id, recipient_id, ticket_id, kind, title, body, created_at) VALUES (gen_random_uuid(), $1, NULL, 'sla.warning', $2, '', $3)`,
        [org.eng.staff.id, `notice ${i}`, new Date(Date.UTC(2026, 10, 28, 1, i))],
      );
    }
    await t.db.query(
      `INSERT INTO notification (event_id, recipient_id, ticket_id, kind, title, body, created_at) VALUES (gen_random_uuid(), $1, NULL, 'sla.warning', 'not yours', '', now())`,
      [org.eng.supervisor.id],
    );
  });
  afterAll(() => t.close());

  it('pages newest first with limit and nextCursor, every notice once, only the caller’s', async () => {
    const titles: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      titles.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(titles).toEqual(['notice 5', 'notice 4', 'notice 3', 'notice 2', 'notice 1']);
    expect(pages).toBe(3);
  });

  it('filters unread notices, and a notice marked read leaves that list', async () => {
    const [newest] = (await list({ limit: '1' })).items;
    await t.http().post(`/notifications/${newest.id}/read`).set(auth(org.eng.staff.token)).expect(204);
    const unread = await list({ unread: 'true' });
    expect(unread.items.map((n) => n.title)).toEqual(['notice 4', 'notice 3', 'notice 2', 'notice 1']);
    expect((await list({})).items[0]).toMatchObject({ title: 'notice 5', readAt: expect.any(String) });
  });

  it('refuses a bad cursor, limit or flag with 400 naming it', async () => {
    for (const [query, field] of [
      [{ cursor: 'x' }, 'cursor'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ unread: 'yes' }, 'unread'],
    ] as const) {
      const res = await t.http().get('/notifications').query(query).set(auth(org.eng.staff.token)).expect(400);
      expect(res.body.message).toContain(field);
    }
  });

  it('answers 404 for marking another person’s notice read', async () => {
    const [theirs] = (await list({}, org.eng.supervisor.token)).items;
    await t.http().post(`/notifications/${theirs.id}/read`).set(auth(org.eng.staff.token)).expect(404);
  });
});
