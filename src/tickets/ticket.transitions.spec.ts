import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors/domain-error.js';
import type { Ticket } from './ticket.entity.js';
import * as transitions from './ticket.transitions.js';

const now = new Date('2026-11-28T02:00:00.000Z');
const ticket = (overrides: Partial<Ticket> = {}) =>
  ({ id: 't1', status: 'open', severity: 'general', category: '报修', handlerId: 'h1', departmentId: 'd1', reopenCount: 0, ...overrides }) as Ticket;
const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).details?.rule;
  }
  throw new Error('expected a refusal');
};

describe('ticket transitions: each checks its rule and says what changes, what history records and what event tells', () => {
  it('第二条: hands off to someone else, recording who had it and who has it now', () => {
    const t = transitions.handOff(ticket(), { handlerId: 'h2', departmentId: 'd2' }, '属工程部职责', now);
    expect(t.changes).toEqual({ handlerId: 'h2', departmentId: 'd2', lastActivityAt: now });
    expect(t.history).toEqual([
      { action: 'handed_off', before: { handlerId: 'h1', departmentId: 'd1' }, after: { handlerId: 'h2', departmentId: 'd2' }, note: '属工程部职责' },
    ]);
    expect(t.event).toMatchObject({ name: 'ticket.handed_off', payload: { fromHandlerId: 'h1', toHandlerId: 'h2', toDepartmentId: 'd2' } });
    expect(rule(() => transitions.handOff(ticket(), { handlerId: 'h1', departmentId: 'd1' }, 'x', now))).toBe('handoff.to_someone_else');
    expect(rule(() => transitions.handOff(ticket({ status: 'closed' }), { handlerId: 'h2', departmentId: 'd2' }, 'x', now))).toBe('ticket.closed');
  });

  it('第七条: closes only when nothing is missing; an override keeps the missing items on record', () => {
    expect(rule(() => transitions.close(ticket({ status: 'resolved' }), ['checklist.reply'], {}, now))).toBe('ticket.close_requirements');
    const t = transitions.close(ticket({ status: 'resolved' }), ['checklist.reply'], { overrideReason: '业主已搬离' }, now);
    expect(t.history.map((h) => h.action)).toEqual(['closed', 'close_override']);
    expect(t.event.payload).toMatchObject({ override: true, missing: ['checklist.reply'] });
    expect(rule(() => transitions.close(ticket({ status: 'closed' }), [], {}, now))).toBe('ticket.already_closed');
  });

  it('第八条(二): a major complaint goes to the department supervisor, once, and needs one', () => {
    const t = transitions.escalate(ticket(), 's1', '超出权限', now);
    expect(t.changes).toMatchObject({ severity: 'major', handlerId: 's1' });
    expect(rule(() => transitions.escalate(ticket({ severity: 'major' }), 's1', 'x', now))).toBe('ticket.already_major');
    expect(rule(() => transitions.escalate(ticket(), null, 'x', now))).toBe('routing.department_has_no_supervisor');
  });

  it('第二条 回访: reopens a resolved ticket (a redo when the resident was dissatisfied), counting the reopening', () => {
    const t = transitions.reopen(ticket({ status: 'resolved', reopenCount: 1 }), '业主不满意', true, now);
    expect(t.changes).toMatchObject({ status: 'open', resolvedAt: null, reopenCount: 2 });
    expect(t.history[0].action).toBe('redo');
    expect(rule(() => transitions.reopen(ticket(), 'x', false, now))).toBe('ticket.reopen_not_open');
  });

  it('第六条: resolves only an open ticket; a promised reply time only on an open one', () => {
    expect(transitions.resolve(ticket(), '已修好', now).changes).toMatchObject({ status: 'resolved', resolvedAt: now });
    expect(rule(() => transitions.resolve(ticket({ status: 'resolved' }), 'x', now))).toBe('ticket.resolve_open_only');
    expect(rule(() => transitions.promise(ticket({ status: 'closed' }), now, 'x', now))).toBe('ticket.promise_open_only');
  });

  it('员工文明服务要求 2.②: a spoken answer with a forbidden expression is recorded and flagged for the supervisor', () => {
    const flagged = [{ expression: '不归我管', category: 'buck_passing' as const }];
    const t = transitions.reply(ticket(), { id: 'r1', kind: 'reply', via: 'phone', content: '不归我管', final: false, flagged }, ['sup1'], now);
    expect(t.history.map((h) => h.action)).toEqual(['replied', 'language_flagged']);
    expect(t.history[1]).toMatchObject({
      after: { expressions: ['不归我管'], categories: ['buck_passing'], recipients: ['sup1'] },
      note: expect.stringContaining('不归我管（推诿）'),
    });
    expect(t.event.payload).toMatchObject({ flagged, flagRecipients: ['sup1'] });
    expect(
      rule(() => transitions.reply(ticket({ status: 'closed' }), { id: 'r1', kind: 'reply', via: 'phone', content: 'x', final: false, flagged: [] }, [], now)),
    ).toBe('ticket.closed');
  });

  it('第一篇 二.4(5): records a held meeting once, reschedules after a no-show, and keeps the earlier time in the history row', () => {
    const at = new Date('2026-11-29T02:00:00.000Z');
    const booked = ticket({ disposition: 'appointment', appointmentAt: at, appointmentState: 'booked' });
    const held = transitions.appointment(booked, { outcome: 'held', note: '面谈', afterNoShow: 'respond' }, now);
    expect(held.changes).toEqual({ appointmentAt: at, appointmentState: 'held', lastActivityAt: now });
    expect(held.event).toMatchObject({ name: 'ticket.appointment_recorded', payload: { outcome: 'held', previousAppointmentAt: null } });
    expect(
      rule(() => transitions.appointment(ticket({ ...booked, appointmentState: 'held' }), { outcome: 'no_show', note: 'x', afterNoShow: 'respond' }, now)),
    ).toBe('appointment.not_pending');
    const later = new Date('2026-11-30T02:00:00.000Z');
    const moved = transitions.appointment(
      ticket({ ...booked, appointmentState: 'no_show' }),
      { outcome: 'rescheduled', note: '改约', appointmentAt: later, afterNoShow: 'respond' },
      now,
    );
    expect(moved.changes).toMatchObject({ appointmentAt: later, appointmentState: 'booked' });
    expect(moved.history[0]).toMatchObject({
      action: 'appointment_rescheduled',
      before: { appointmentAt: at.toISOString() },
      after: { appointmentAt: later.toISOString() },
    });
    expect(rule(() => transitions.appointment(ticket(), { outcome: 'held', note: 'x', afterNoShow: 'respond' }, now))).toBe('appointment.none');
  });
});
