import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Subject } from 'rxjs';
import type { Principal } from '../org/principal.js';
import type { Session } from '../auth/session.js';
import { ManualClock } from '../../test/utils/manual-clock.js';
import type { Policy } from '../config/policy.js';
import type { StaffDirectory } from '../org/staff-directory.service.js';
import { liveEventVisibleTo, idsInPayload, type LiveEvent } from './live-event.js';
import type { LiveFanout } from './live-fanout.js';
import { LiveStreams, MAX_CLIENT_BUFFER_BYTES } from './live-streams.js';

const person = (roles: Principal['roles'], departmentId: string | null = 'd-eng', id = 'me'): Principal => ({
  id,
  username: id,
  name: id,
  roles,
  departmentId,
});
const event = (overrides: Partial<LiveEvent> = {}): LiveEvent => ({
  id: 'e1',
  name: 'ticket.received',
  ticketId: 't1',
  reference: 'TS-1',
  occurredAt: '2026-11-28T02:00:00.000Z',
  departmentIds: ['d-eng'],
  staffIds: ['handler'],
  ...overrides,
});

class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableLength = 0;
  destroyed = false;
  ended = false;
  write(chunk: string) {
    this.written.push(chunk);
    return true;
  }
  destroy() {
    this.destroyed = true;
  }
  end(chunk?: string) {
    if (chunk) this.written.push(chunk);
    this.ended = true;
  }
}

const session = (expiresAt = '2026-11-28T10:00:00.000Z', generation = 0): Session => ({ generation, expiresAt: new Date(expiresAt) });

/** LiveStreams over a subject, a manual clock and a directory that answers from a map of generations. */
function liveStreams(generations = new Map<string, number>(), maxStreamsPerPerson = 5) {
  const events$ = new Subject<LiveEvent>();
  const clock = new ManualClock('2026-11-28T02:00:00.000Z');
  const directory = { activeGenerations: async (ids: string[]) => new Map(ids.filter((id) => generations.has(id)).map((id) => [id, generations.get(id)!])) };
  const policy = { live: { maxStreamsPerPerson, recheckSeconds: 300 } } as Policy;
  const streams = new LiveStreams({ events$ } as unknown as LiveFanout, clock, directory as unknown as StaffDirectory, policy);
  streams.onModuleInit();
  return { events$, clock, streams };
}

describe('who sees a live event', () => {
  it('shows managers and admins every event', () => {
    expect(liveEventVisibleTo(person(['manager'], null), event({ departmentIds: ['d-other'] }))).toBe(true);
    expect(liveEventVisibleTo(person(['admin'], null), event({ departmentIds: ['d-other'] }))).toBe(true);
  });

  it('shows staff and supervisors their department’s events and those of tickets they received or handle, not others', () => {
    expect(liveEventVisibleTo(person(['staff']), event())).toBe(true);
    expect(liveEventVisibleTo(person(['supervisor'], 'd-sec'), event())).toBe(false);
    expect(liveEventVisibleTo(person(['staff'], 'd-cs', 'handler'), event())).toBe(true);
    expect(liveEventVisibleTo(person(['hr'], null), event())).toBe(false);
  });

  it('takes department and staff ids from any payload key that names them', () => {
    const ids = idsInPayload({
      fromDepartmentId: '11111111-1111-1111-1111-111111111111',
      toDepartmentId: '22222222-2222-2222-2222-222222222222',
      toHandlerId: '33333333-3333-3333-3333-333333333333',
      recipients: ['44444444-4444-4444-4444-444444444444'],
      reason: 'x',
    });
    expect(ids.departmentIds).toHaveLength(2);
    expect(ids.staffIds).toHaveLength(2);
  });
});

describe('live streams', () => {
  it('drops a client whose unread bytes pass the bound instead of buffering without end', () => {
    const { events$, streams } = liveStreams();
    const fast = new FakeResponse();
    const slow = new FakeResponse();
    streams.attach(person(['manager']), session(), fast as unknown as ServerResponse, 'now');
    streams.attach(person(['manager']), session(), slow as unknown as ServerResponse, 'now');
    slow.writableLength = MAX_CLIENT_BUFFER_BYTES;
    events$.next(event());
    expect(fast.written.at(-1)).toContain('event: ticket.received');
    expect(slow.destroyed).toBe(true);
    expect(streams.size).toBe(1);
    streams.onModuleDestroy();
  });

  it('ends a stream once its access token has expired by the clock, and one whose account moved to another generation', async () => {
    const generations = new Map([
      ['me', 0],
      ['other', 1],
    ]);
    const { clock, streams } = liveStreams(generations);
    const expiring = new FakeResponse();
    const revoked = new FakeResponse();
    const kept = new FakeResponse();
    streams.attach(person(['staff'], 'd-eng', 'me'), session('2026-11-28T03:00:00.000Z'), expiring as unknown as ServerResponse, 'now');
    streams.attach(person(['staff'], 'd-eng', 'other'), session('2026-11-28T10:00:00.000Z', 0), revoked as unknown as ServerResponse, 'now');
    streams.attach(person(['staff'], 'd-eng', 'me'), session('2026-11-28T10:00:00.000Z'), kept as unknown as ServerResponse, 'now');
    await streams.recheck();
    expect([expiring.ended, revoked.ended, kept.ended]).toEqual([false, true, false]);
    expect(revoked.written.at(-1)).toBe('event: end\ndata: {"reason":"revoked"}\n\n');
    clock.set('2026-11-28T03:00:00.000Z');
    await streams.recheck();
    expect([expiring.ended, kept.ended]).toEqual([true, false]);
    expect(expiring.written.at(-1)).toContain('"reason":"expired"');
    generations.delete('me'); // deactivated
    await streams.recheck();
    expect(kept.ended).toBe(true);
    expect(streams.size).toBe(0);
    streams.onModuleDestroy();
  });

  it('holds a person to the cap: opening one more ends their oldest stream, not anyone else’s', () => {
    const { streams } = liveStreams(new Map(), 2);
    const [first, second, third, theirs] = [new FakeResponse(), new FakeResponse(), new FakeResponse(), new FakeResponse()];
    streams.attach(person(['staff'], 'd-eng', 'them'), session(), theirs as unknown as ServerResponse, 'now');
    for (const out of [first, second, third]) streams.attach(person(['staff'], 'd-eng', 'me'), session(), out as unknown as ServerResponse, 'now');
    expect([first.ended, second.ended, third.ended, theirs.ended]).toEqual([true, false, false, false]);
    expect(first.written.at(-1)).toContain('"reason":"replaced"');
    expect(streams.size).toBe(3);
    streams.onModuleDestroy();
  });
});
