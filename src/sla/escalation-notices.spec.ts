import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '../events/domain-event.js';
import { dueTimeFormatter } from '../common/business-time.js';
import { slaNotices } from './escalation-notices.js';

const due = dueTimeFormatter('Asia/Shanghai');
const base = { id: 'e1', ticketId: 't1', actorId: null, occurredAt: '2026-11-29T02:51:21.000Z' };

describe('SLA notices (第六条): what staff read, in Chinese, with the due time in the business time zone', () => {
  it('tells the handler a deadline is near, or passed', () => {
    const payload = { clockId: 'c1', purpose: 'response' as const, dueAt: '2026-11-29T02:51:21.000Z', handlerId: 'h1', departmentId: 'd1' };
    expect(slaNotices({ ...base, name: 'sla.warned', payload } as DomainEvent<'sla.warned'>, due)).toEqual([
      { recipientId: 'h1', ticketId: 't1', kind: 'sla.warned', title: '24小时答复即将超时', body: '截止时间 2026/11/29 10:51:21' },
    ]);
    const breached = slaNotices(
      { ...base, name: 'sla.breached', payload: { ...payload, breachId: 'b1', supervisorId: null } } as DomainEvent<'sla.breached'>,
      due,
    );
    expect(breached.map((n) => [n.recipientId, n.title])).toEqual([['h1', '24小时答复已超时']]);
  });

  it('tells each escalation recipient once, naming the level', () => {
    const payload = {
      clockId: 'c1',
      purpose: 'report' as const,
      level: 2,
      recipients: ['m1', 'm2', 'm1'],
      dueAt: '2026-11-29T02:51:21.000Z',
      departmentId: 'd1',
    };
    const notices = slaNotices({ ...base, name: 'sla.escalated', payload } as DomainEvent<'sla.escalated'>, due);
    expect(notices.map((n) => n.recipientId)).toEqual(['m1', 'm2']);
    expect(notices[0]).toMatchObject({ title: '重大投诉报告超时升级（2级）', body: '截止时间 2026/11/29 10:51:21，已超时未办结' });
  });
});
