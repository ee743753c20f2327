import type { DomainEvent } from '../events/domain-event.js';
import type { ClockPurpose } from './sla-clock.entity.js';

export const PURPOSE_ZH: Record<ClockPurpose, string> = {
  response: '24小时答复',
  promised_reply: '承诺回复',
  written_reply: '书面答复',
  follow_up: '回访',
  report: '重大投诉报告',
  activity: '无进展',
  appointment: '约谈结果记录',
};

export type SlaNoticeEvent = DomainEvent<'sla.warned'> | DomainEvent<'sla.breached'> | DomainEvent<'sla.escalated'>;

export interface SlaNotice {
  recipientId: string;
  ticketId: string | null;
  kind: SlaNoticeEvent['name'];
  title: string;
  body: string;
}

/** The notices an SLA event sends (in Chinese: staff read them), one per recipient. */
export function slaNotices(event: SlaNoticeEvent, due: (d: Date) => string): SlaNotice[] {
  const name = PURPOSE_ZH[event.payload.purpose];
  const at = due(new Date(event.payload.dueAt));
  const base = { ticketId: event.ticketId, kind: event.name };
  switch (event.name) {
    case 'sla.warned':
      // 第一篇 二.4(5): an appointment's warning is the reminder before the meeting.
      if (event.payload.purpose === 'appointment') {
        return [{ ...base, recipientId: event.payload.handlerId, title: '约谈提醒：约谈时间将到', body: `请按时接待业主，并在 ${at} 前记录约谈结果` }];
      }
      return [{ ...base, recipientId: event.payload.handlerId, title: `${name}即将超时`, body: `截止时间 ${at}` }];
    case 'sla.breached':
      return [{ ...base, recipientId: event.payload.handlerId, title: `${name}已超时`, body: `截止时间 ${at}` }];
    case 'sla.escalated':
      return [...new Set(event.payload.recipients)].map((recipientId) => ({
        ...base,
        recipientId,
        title: `${name}超时升级（${event.payload.level}级）`,
        body: `截止时间 ${at}，已超时未办结`,
      }));
  }
}
