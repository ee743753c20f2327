import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { APP_CONFIG } from '../../src/config/config.module.js';
import { OutboxDispatcher } from '../../src/events/outbox-dispatcher.js';
import { createLogger } from '../../src/logging/logger.js';
import { createCompany, createStaff } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { openSse, type SseStream } from '../utils/sse-client.js';

/** How long a test waits for the server to end a stream; the re-check runs every second here. */
const ENDS_WITHIN_MS = 8000;

/**
 * Issue 13, hole 6: a deactivated user's open event stream kept delivering ticket events, and one
 * 60-second stream token opened 300 streams that all stayed open after it expired. Open streams are now
 * re-authorised every `live.recheckSeconds` (1 s in this file), stream tokens open one stream each, on any
 * instance, and a person holds at most `live.maxStreamsPerPerson` streams per instance.
 */
describe('hole 6: live streams end with the sign-in behind them', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let urlA: string;
  let urlB: string;
  const streams: SseStream[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const admin = () => auth(t.adminToken);

  const streamToken = async (token: string) => (await t.http().post('/events/stream-token').set(auth(token)).expect(200)).body.token as string;
  const connect = async (base: string, streamTokenValue: string) => {
    const stream = await openSse(`${base}/events/stream?token=${encodeURIComponent(streamTokenValue)}`);
    streams.push(stream);
    return stream;
  };
  const open = async (base: string, token: string) => {
    const stream = await connect(base, await streamToken(token));
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.event === 'ready');
    return stream;
  };
  const drain = () => t.app.get(OutboxDispatcher).drain();
  const endReason = (stream: SseStream) => stream.events.find((e) => e.event === 'end')?.data.reason;

  beforeAll(async () => {
    t = await createTestApp('hole6', { policy: (p) => ({ ...p, live: { ...p.live, recheckSeconds: 1 } }) });
    org = await createCompany(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    urlA = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    second = await createApp(
      { config: t.app.get<AppConfig>(APP_CONFIG), policy: t.policy, databaseUrl: t.databaseUrl, clock: t.clock },
      createLogger('silent'),
    );
    await second.listen({ port: 0, host: '127.0.0.1' });
    urlB = (await second.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await second?.close();
    await t.close();
  });

  it('hole 6: an open stream closes within seconds of deactivation, and delivers nothing after', async () => {
    const staff = await createStaff(t, { department: org.eng.department });
    const stream = await open(urlB, staff.token);
    const before = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    await drain();
    await stream.waitFor((e) => e.data.ticketId === before.id);

    await t.http().patch(`/staff/${staff.id}`).set(admin()).send({ active: false }).expect(200);
    await stream.ended(ENDS_WITHIN_MS);
    expect(endReason(stream)).toBe('revoked');
    const after = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    await drain();
    expect(stream.events.some((e) => e.data.ticketId === after.id)).toBe(false);
  });

  it.each<[string, () => Record<string, unknown>]>([
    ['a role change', () => ({ roles: ['staff', 'hr'] })],
    ['a move to another department', () => ({ departmentId: org.sec.department.id })],
    ['a password reset', () => ({ password: 'reset-by-admin-6' })],
  ])('hole 6: an open stream closes within seconds of %s', async (_, change) => {
    const staff = await createStaff(t, { department: org.eng.department });
    const stream = await open(urlA, staff.token);
    await t.http().patch(`/staff/${staff.id}`).set(admin()).send(change()).expect(200);
    await stream.ended(ENDS_WITHIN_MS);
    expect(endReason(stream)).toBe('revoked');
  });

  it('hole 6: a stream token opens one stream: used again, on this instance or another, it is refused', async () => {
    const token = await streamToken(org.manager.token);
    const first = await connect(urlA, token);
    expect(first.status).toBe(200);
    await first.waitFor((e) => e.event === 'ready');
    expect((await connect(urlA, token)).status).toBe(401);
    expect((await connect(urlB, token)).status).toBe(401);
    // The stream it did open is unaffected.
    const ticket = await fileTicket(t, org.cs.staff.token);
    await drain();
    await first.waitFor((e) => e.data.ticketId === ticket.id);
  });

  it('hole 6: the per-person cap holds: opening one stream more ends the person’s oldest on that instance', async () => {
    const max = t.policy.live.maxStreamsPerPerson;
    const person = await createStaff(t, { department: org.env.department });
    const mine: SseStream[] = [];
    for (let i = 0; i < max; i++) mine.push(await open(urlA, person.token));
    const extra = await open(urlA, person.token);
    await mine[0].ended(ENDS_WITHIN_MS);
    expect(endReason(mine[0])).toBe('replaced');

    const ticket = await fileTicket(t, org.cs.staff.token, { category: '卫生' });
    await drain();
    for (const stream of [...mine.slice(1), extra]) await stream.waitFor((e) => e.data.ticketId === ticket.id);
    expect([...mine, extra].filter((s) => !s.isEnded)).toHaveLength(max);
  });

  it('hole 6: an open stream closes at the end of the access token’s life, by the clock', async () => {
    const staff = await createStaff(t, { department: org.eng.department });
    const stream = await open(urlA, staff.token);
    const onOtherInstance = await open(urlB, staff.token);
    const started = t.clock.now();
    try {
      t.clock.advance((t.app.get<AppConfig>(APP_CONFIG).jwtTtlSeconds + 1) * 1000);
      await stream.ended(ENDS_WITHIN_MS);
      await onOtherInstance.ended(ENDS_WITHIN_MS);
      expect([endReason(stream), endReason(onOtherInstance)]).toEqual(['expired', 'expired']);
    } finally {
      t.clock.set(started);
    }
  });
});
