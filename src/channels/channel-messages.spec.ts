import { describe, expect, it } from '@jest/globals';
import type { AnyDomainEvent } from '../events/domain-event.js';
import { channelMessage } from './channel-messages.js';

const due = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const event = (name: string, payload: Record<string, unknown>) =>
  ({
    id: '0b7c3e52-8f3e-4c36-9a43-5b0f6c1d2e7a',
    name,
    ticketId: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
    actorId: null,
    occurredAt: '2026-11-02T02:00:00.000Z',
    payload,
  }) as unknown as AnyDomainEvent;

/** 派单/签收/退单 sent to channels (issue 17; docs/asyncapi.yaml): Chinese, named by reference and department, never an English event name. */
describe('channel messages of dispatch events', () => {
  const names = { reference: 'TS-20261102-0001', receivingDepartmentName: '工程部' };

  it('says where a dispatch went and by when it is signed for, with its ids in data', () => {
    const m = channelMessage(
      event('dispatch.created', {
        ...names,
        dispatchId: 'd1',
        fromDepartmentId: 'f1',
        toDepartmentId: 't1',
        signDueAt: '2026-11-02T03:00:00.000Z',
        recipients: ['x'],
      }),
      'TS-20261102-0001',
      due,
    );
    expect(m.title).toBe('派单：TS-20261102-0001');
    expect(m.text).toBe('投诉单 TS-20261102-0001 已派至工程部，请于 2026/11/2 11:00:00 前签收。');
    expect(m.data).toMatchObject({ dispatchId: 'd1', toDepartmentId: 't1', signDueAt: '2026-11-02T03:00:00.000Z' });
    expect(m.data).not.toHaveProperty('recipients');
  });

  it.each([
    ['dispatch.signed', {}, '已由工程部签收办理'],
    ['dispatch.warned', { signDueAt: '2026-11-02T03:00:00.000Z' }, '将于 2026/11/2 11:00:00 超过签收时限'],
    ['dispatch.breached', { signDueAt: '2026-11-02T03:00:00.000Z' }, '已于 2026/11/2 11:00:00 超过签收时限未签收'],
    ['dispatch.escalated', { level: 2 }, '已上报公司领导'],
    ['dispatch.returned', { reasonCode: 'not_our_duty', returnCount: 1 }, '工程部退回投诉单 TS-20261102-0001，待派单人处理'],
    ['dispatch.return_accepted', {}, '已同意退单'],
    ['dispatch.return_rejected', {}, '须签收办理'],
    ['dispatch.third_return', { returnCount: 3 }, '已被退单 3 次'],
  ])('words %s in Chinese', (name, payload, expected) => {
    const m = channelMessage(event(name, { ...names, dispatchId: 'd1', ...payload }), 'TS-20261102-0001', due);
    expect(m.text).toContain(expected);
    expect(`${m.title}${m.text}`).not.toMatch(/dispatch/);
  });
});
