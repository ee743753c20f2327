import type { DomainEvent } from '../events/domain-event.js';
import type { SlaNotice, SlaNoticeEvent } from '../sla/escalation-notices.js';

export type LeaderReportEvent = DomainEvent<'leader_report.recorded'>;

export interface Notice {
  recipientId: string;
  ticketId: string | null;
  kind: string;
  title: string;
  body: string;
}

const REASON_ZH = { major: '重大投诉', important: '重要事项' } as const;

/** 第七条(六): each company leader a written report went to hears of it at once. */
export function leaderReportNotices(event: LeaderReportEvent): Notice[] {
  const p = event.payload;
  return [...new Set(p.recipients)].map((recipientId) => ({
    recipientId,
    ticketId: event.ticketId,
    kind: event.name,
    title: `${REASON_ZH[p.reason]}报告：${p.reference}`,
    body: `工单 ${p.reference} 已向您书面报告，请查阅工单`,
  }));
}

/**
 * 第二条, 第七条(三) 跟清楚: a first responder who handed the ticket off stays accountable, so they get a copy
 * of its warnings, breaches and escalations. Nobody gets a notice twice for one event.
 */
export function firstResponderCopies(
  event: SlaNoticeEvent,
  notices: SlaNotice[],
  owner: { firstResponderId: string; handlerId: string } | undefined,
): Notice[] {
  if (!owner || owner.firstResponderId === owner.handlerId) return [];
  if (notices.some((n) => n.recipientId === owner.firstResponderId)) return [];
  const first = notices[0];
  if (!first) return [];
  return [{ ...first, recipientId: owner.firstResponderId, title: `【首问跟进】${first.title}`, body: `${first.body}（您是首问责任人，此为抄送）` }];
}
