import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FollowThroughDigests } from '../src/notifications/follow-through-digest.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Notice = { kind: string; ticketId: string | null; title: string; body: string; createdAt: string };

/** Proves: 第二条 首问负责制 and 第七条(三) 跟清楚 — a first responder who handed a ticket off keeps hearing of it. */
describe('first-responder follow-through (第二条, 第七条(三))', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let handedOff: { id: string; reference: string };
  let kept: { id: string; reference: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sweep = async () => (await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200)).body as { followThroughDigests: number };
  const notices = async (token: string) => (await t.http().get('/notifications').query({ limit: '200' }).set(auth(token)).expect(200)).body.items as Notice[];

  beforeAll(async () => {
    t = await createTestApp('follow_through', { start: '2026-11-02T02:00:00Z' }); // Monday 10:00 in Shanghai
    org = await createCompany(t);
    // The customer-service clerk records a repair: it goes to 工程部's supervisor (a handoff at intake).
    handedOff = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    expect((handedOff as unknown as { handler: { id: string } }).handler.id).toBe(org.eng.supervisor.id);
    // A matter of the clerk's own department stays with them: nothing was handed off.
    kept = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
  });
  afterAll(() => t.close());

  it('第七条(三) 跟清楚: copies the warnings, breaches and escalations of a handed-off ticket to its first responder, once per event', async () => {
    t.clock.set('2026-11-02T20:00:00Z'); // 18 h of 24: the warning
    await sweep();
    t.clock.set('2026-11-03T02:01:00Z'); // the breach and the level-1 escalation
    await sweep();
    t.clock.set('2026-11-03T06:02:00Z'); // level 2 to company leaders
    await sweep();
    await sweep(); // nothing new: no copy twice
    const copies = (await notices(org.cs.staff.token)).filter((n) => n.ticketId === handedOff.id);
    const kinds = copies.map((n) => n.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(['sla.breached', 'sla.escalated', 'sla.warned']));
    expect(copies.every((n) => n.title.startsWith('【首问跟进】'))).toBe(true);
    const [{ n, events }] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM notification WHERE recipient_id = $1 AND ticket_id = $2`,
      [org.cs.staff.id, handedOff.id],
    );
    expect(n).toBe(events);
    // The handler has the notices themselves; on a ticket the clerk kept, they get them as its handler, not as copies.
    expect((await notices(org.eng.supervisor.token)).some((x) => x.ticketId === handedOff.id && x.kind === 'sla.breached')).toBe(true);
    const own = (await notices(org.cs.staff.token)).filter((x) => x.ticketId === kept.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((x) => x.title.startsWith('【首问跟进】'))).toBe(false);
  });

  it('第二条: sends the first responder a daily digest of their open handed-off tickets with due times, from the policy’s local time, once a day', async () => {
    t.clock.set('2026-11-04T00:29:00Z'); // Wednesday 08:29 in Shanghai: not yet
    expect((await sweep()).followThroughDigests).toBe(0);
    t.clock.set('2026-11-04T00:31:00Z');
    expect((await sweep()).followThroughDigests).toBe(1);
    expect((await sweep()).followThroughDigests).toBe(0);
    const digests = (await notices(org.cs.staff.token)).filter((n) => n.kind === 'follow_through.digest' && n.createdAt === '2026-11-04T00:31:00.000Z');
    expect(digests).toHaveLength(1);
    expect(digests[0].title).toBe('首问跟进日报：1 件已转交未办结');
    expect(digests[0].body).toContain(handedOff.reference);
    expect(digests[0].body).toContain('处理人 工程部主管');
    expect(digests[0].body).toContain('下一时限');
    expect(digests[0].body).not.toContain(kept.reference);
    expect((await notices(org.eng.supervisor.token)).some((n) => n.kind === 'follow_through.digest')).toBe(false);
  });

  it('第二条: sends no digest on a day off of the policy’s calendar, and one on the next working day', async () => {
    t.clock.set('2026-11-07T01:00:00Z'); // Saturday
    expect((await sweep()).followThroughDigests).toBe(0);
    t.clock.set('2026-11-09T01:00:00Z'); // Monday
    expect((await sweep()).followThroughDigests).toBe(1);
  });

  it('sends a day’s digest once when several instances run the scheduler at the same moment', async () => {
    t.clock.set('2026-11-10T01:00:00Z');
    const digests = t.app.get(FollowThroughDigests);
    const sent = await Promise.all([digests.run(), digests.run(), digests.run()]);
    expect(sent.sort()).toEqual([0, 0, 1]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'follow_through.digest' AND created_at = $1`, [
      '2026-11-10T01:00:00Z',
    ]);
    expect(n).toBe(1);
  });
});
