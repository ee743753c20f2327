import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Subject } from 'rxjs';
import type { Principal } from '../auth/principal.js';
import { liveEventVisibleTo, idsInPayload, type LiveEvent } from './live-event.js';
import type { LiveFanout } from './live-fanout.js';
import { LiveStreams, MAX_CLIENT_BUFFER_BYTES } from './live-streams.js';

const person = (roles: Principal['roles'], departmentId: string | null = 'd-eng', id = 'me'): Principal => ({ id, username: id, name: id, roles, departmentId });
const event = (overrides: Partial<LiveEvent> = {}): LiveEvent => ({
  id: 'e1', name: 'ticket.received', ticketId: 't1', reference: 'TS-1', occurredAt: '2026-11-28T02:00:00.000Z', departmentIds: ['d-eng'], staffIds: ['handler'], ...overrides,
});

class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableLength = 0;
  destroyed = false;
  write(chunk: string) { this.written.push(chunk); return true; }
  destroy() { this.destroyed = true; }
  end() {}
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
      fromDepartmentId: '11111111-1111-1111-1111-111111111111', toDepartmentId: '22222222-2222-2222-2222-222222222222',
      toHandlerId: '33333333-3333-3333-3333-333333333333', recipients: ['44444444-4444-4444-4444-444444444444'], reason: 'x',
    });
    expect(ids.departmentIds).toHaveLength(2);
    expect(ids.staffIds).toHaveLength(2);
  });
});

describe('live streams', () => {
  it('drops a client whose unread bytes pass the bound instead of buffering without end', () => {
    const events$ = new Subject<LiveEvent>();
    const streams = new LiveStreams({ events$ } as unknown as LiveFanout);
    streams.onModuleInit();
    const fast = new FakeResponse();
    const slow = new FakeResponse();
    streams.attach(person(['manager']), fast as unknown as ServerResponse, 'now');
    streams.attach(person(['manager']), slow as unknown as ServerResponse, 'now');
    slow.writableLength = MAX_CLIENT_BUFFER_BYTES;
    events$.next(event());
    expect(fast.written.at(-1)).toContain('event: ticket.received');
    expect(slow.destroyed).toBe(true);
    expect(streams.size).toBe(1);
    streams.onModuleDestroy();
  });
});
