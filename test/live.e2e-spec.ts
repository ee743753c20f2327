import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory.js';
import { APP_CONFIG } from '../src/config/config.module.js';
import { OutboxDispatcher } from '../src/events/outbox-dispatcher.js';
import { createLogger } from '../src/logging/logger.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';
import { openSse, type SseStream } from './utils/sse-client.js';

describe('live events over server-sent events, fanned out to every instance with LISTEN/NOTIFY', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let urlA: string;
  let urlB: string;
  const streams: SseStream[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const streamToken = async (token: string) => (await t.http().post('/events/stream-token').set(auth(token)).expect(200)).body.token as string;
  const open = async (base: string, token: string) => {
    const stream = await openSse(`${base}/events/stream?token=${encodeURIComponent(await streamToken(token))}`);
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.event === 'ready');
    return stream;
  };
  const drain = () => t.app.get(OutboxDispatcher).drain();

  beforeAll(async () => {
    t = await createTestApp('live');
    org = await createCompany(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    urlA = await t.app.getUrl();
    // A second instance of the app on the same database: its streams must get events delivered by the first.
    second = await createApp({ config: t.app.get(APP_CONFIG), policy: t.policy, databaseUrl: t.databaseUrl, clock: t.clock }, createLogger('silent'));
    await second.listen({ port: 0, host: '127.0.0.1' });
    urlB = await second.getUrl();
    urlA = urlA.replace('[::1]', '127.0.0.1');
    urlB = urlB.replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await second?.close();
    await t.close();
  });

  it('refuses the long-lived access token on the stream, and a stream token as a bearer token', async () => {
    const withAccess = await openSse(`${urlA}/events/stream?token=${encodeURIComponent(org.manager.token)}`);
    streams.push(withAccess);
    expect(withAccess.status).toBe(401);
    const token = await streamToken(org.manager.token);
    await t.http().get('/sla/board').set(auth(token)).expect(401);
  });

  it('refuses a stream token after its minute is up', async () => {
    const token = await streamToken(org.manager.token);
    t.clock.advance(61_000);
    const late = await openSse(`${urlA}/events/stream?token=${encodeURIComponent(token)}`);
    streams.push(late);
    expect(late.status).toBe(401);
  });

  it('delivers a ticket filed on one instance to a manager’s stream on the other instance', async () => {
    const manager = await open(urlB, org.manager.token);
    const ticket = await fileTicket(t, org.cs.staff.token);
    await drain();
    const event = await manager.waitFor((e) => e.event === 'ticket.received' && e.data.ticketId === ticket.id);
    expect(event.data).toMatchObject({ name: 'ticket.received', reference: ticket.reference, departmentIds: [org.eng.department.id] });
    expect(event.id).toBe(event.data.id);
  });

  it('sends staff their department’s events and those of tickets they received, and nothing of other departments', async () => {
    const eng = await open(urlA, org.eng.staff.token);
    const sec = await open(urlB, org.sec.staff.token);
    const firstResponder = await open(urlB, org.cs.staff.token);
    const repair = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    const security = await fileTicket(t, org.cs.staff.token, { category: '安全' });
    await drain();
    await eng.waitFor((e) => e.data.ticketId === repair.id);
    await firstResponder.waitFor((e) => e.data.ticketId === repair.id);
    await firstResponder.waitFor((e) => e.data.ticketId === security.id);
    await sec.waitFor((e) => e.data.ticketId === security.id);
    expect(sec.events.some((e) => e.data.ticketId === repair.id)).toBe(false);
    expect(eng.events.some((e) => e.data.ticketId === security.id)).toBe(false);
  });

  it('streams breaches to the department supervisor when the sweep finds them', async () => {
    const supervisor = await open(urlB, org.env.supervisor.token);
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '卫生' });
    t.clock.advance(24 * 3600_000 + 60_000);
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    const breach = await supervisor.waitFor((e) => e.event === 'sla.breached' && e.data.ticketId === ticket.id);
    expect(breach.data.departmentIds).toContain(org.env.department.id);
  });
});
