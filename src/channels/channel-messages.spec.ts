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

/** 督办单, 联合办理 and 延期 sent to channels (issue 19: supervision orders among the notices): Chinese, naming the ticket or the recurring problem and the department. */
describe('channel messages of supervision, joint-handling and extension events', () => {
  const at = { dueAt: '2026-11-03T02:00:00.000Z' };
  it.each([
    ['supervision.issued', { orderId: 'o1', departmentId: 'd1', ...at }, '投诉单 TS-20261102-0001 已下督办单，由工程部于 2026/11/3 10:00:00 前书面反馈。'],
    ['supervision.reminded', { orderId: 'o1', departmentId: 'd1', percent: 50, ...at }, '已过时限的 50%，请工程部于 2026/11/3 10:00:00 前书面反馈'],
    ['supervision.feedback_submitted', { orderId: 'o1', feedbackId: 'f1' }, '已提交书面反馈，待督办人审核'],
    ['supervision.feedback_rejected', { orderId: 'o1', feedbackId: 'f1' }, '书面反馈未获认可'],
    ['supervision.closed', { orderId: 'o1', feedbackId: 'f1', late: true }, '督办办结（逾期）'],
    ['supervision.breached', { orderId: 'o1', departmentId: 'd1', ...at }, '已于 2026/11/3 10:00:00 超时，未有获认可的书面反馈，已上报部门主管和公司领导'],
    ['joint.task_created', { taskId: 't1', departmentId: 'd1', ...at }, '请工程部协办，请于 2026/11/3 10:00:00 前完成'],
    ['joint.task_assigned', { taskId: 't1', departmentId: 'd1', handlerId: 'h1' }, '工程部已指派投诉单 TS-20261102-0001 的协办经办人'],
    ['joint.task_signed_off', { taskId: 't1', departmentId: 'd1' }, '工程部已完成投诉单 TS-20261102-0001 的协办任务'],
    ['joint.task_warned', { taskId: 't1', departmentId: 'd1', ...at }, '将于 2026/11/3 10:00:00 到期'],
    ['joint.task_breached', { taskId: 't1', departmentId: 'd1', ...at }, '已于 2026/11/3 10:00:00 超时未完成'],
    ['joint.task_escalated', { taskId: 't1', departmentId: 'd1', level: 2, ...at }, '已升级至第 2 级'],
    [
      'extension.requested',
      { extensionId: 'e1', clockId: 'c1', purpose: 'response', requestedDueAt: '2026-11-04T02:00:00.000Z', originalDueAt: '2026-11-03T02:00:00.000Z' },
      '申请延期至 2026/11/4 10:00:00，请主管于 2026/11/3 10:00:00 前审批',
    ],
    [
      'extension.approved',
      { extensionId: 'e1', clockId: 'c1', purpose: 'response', dueAt: '2026-11-04T02:00:00.000Z', originalDueAt: '2026-11-03T02:00:00.000Z' },
      '（原时限 2026/11/3 10:00:00）',
    ],
    ['extension.refused', { extensionId: 'e1', clockId: 'c1', purpose: 'response' }, '延期申请未获批准，原时限不变'],
  ])('words %s in Chinese, without the event name', (name, payload, expected) => {
    const m = channelMessage(event(name, payload), 'TS-20261102-0001', due, '工程部');
    expect(m.text).toContain(expected);
    expect(`${m.title}${m.text}`.replaceAll('TS-20261102-0001', '')).not.toMatch(/[A-Za-z]/);
  });

  it('names a supervision order on a recurring problem (第九条) by the problem, as it has no ticket reference', () => {
    const m = channelMessage(event('supervision.issued', { orderId: 'o1', departmentId: 'd1', dueAt: '2026-11-03T02:00:00.000Z' }), null, due, '工程部');
    expect(m.text).toBe('重复问题已下督办单，由工程部于 2026/11/3 10:00:00 前书面反馈。');
    expect(m.data).toMatchObject({ orderId: 'o1', departmentId: 'd1' });
  });

  it('tells the department in charge an online complaint waits to be claimed, and by when (首问负责制, first_claim)', () => {
    const opened = { category: '报修', departmentId: 'd1', claimableUntil: '2026-11-03T02:30:00.000Z', recipients: ['s1'] };
    const m = channelMessage(event('ticket.claim_opened', opened), 'TS-20261102-0001', due, '工程部');
    expect(m.title).toBe('线上投诉待认领：TS-20261102-0001');
    expect(m.text).toBe('网上受理的投诉单 TS-20261102-0001（报修）待工程部认领，2026/11/3 10:30:00 前认领即成为首问负责人。');
    expect(m.data).toMatchObject({ departmentId: 'd1', claimableUntil: '2026-11-03T02:30:00.000Z' });
    const claimed = channelMessage(event('ticket.first_responder_claimed', { departmentId: 'd1' }), 'TS-20261102-0001', due, '工程部');
    expect(claimed.text).toBe('网上受理的投诉单 TS-20261102-0001 已由工程部员工认领，成为首问负责人。');
  });

  it('an event it has no words for still reads in Chinese, never showing its English name', () => {
    const m = channelMessage(event('ticket.reopened', {}), 'TS-20261102-0001', due);
    expect(m.text).toBe('投诉单 TS-20261102-0001 有新动态。');
  });
});
