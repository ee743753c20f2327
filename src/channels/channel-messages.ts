import type { AnyDomainEvent } from '../events/domain-event.js';
import { PURPOSE_ZH } from '../sla/escalation-notices.js';

/** What a channel sends for one event: Chinese, naming the ticket and what happened, without residents' data. */
export interface ChannelMessage {
  /** Payload version of the generic webhook (docs/asyncapi.yaml). */
  version: 1;
  title: string;
  text: string;
  reference: string | null;
  /** Safe facts for machines: ids, times, levels; never a resident's name, phone or address. */
  data: Record<string, string | number | boolean | null>;
}

type P = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The notice text of an event; `due` formats an instant in the company's zone. */
export function channelMessage(event: AnyDomainEvent, reference: string | null, due: (d: Date) => string): ChannelMessage {
  const p = event.payload as P;
  const ref = reference ?? '（无单号）';
  const purpose = PURPOSE_ZH[p.purpose as keyof typeof PURPOSE_ZH] ?? '时限';
  const at = (key: string) => (str(p[key]) ? due(new Date(String(p[key]))) : '');
  const [title, text] = ((): [string, string] => {
    switch (event.name) {
      case 'sla.warned':
        return [`即将超时：${ref}`, `投诉单 ${ref} 的${purpose}将于 ${at('dueAt')} 到期，请尽快处理。`];
      case 'sla.breached':
        return [`已超时：${ref}`, `投诉单 ${ref} 的${purpose}已于 ${at('dueAt')} 超时，已记录（第六条）。`];
      case 'sla.escalated':
        return [`超时升级：${ref}`, `投诉单 ${ref} 的${purpose}超时未处理，已升级至第 ${String(p.level)} 级（第六条）。`];
      case 'ticket.escalated':
        return [`重大投诉：${ref}`, `投诉单 ${ref} 已升为重大投诉，转部门主管处理（第八条）。`];
      case 'ticket.received':
        return [`新投诉：${ref}`, `已受理新投诉 ${ref}（${String(p.category ?? '')}）。`];
      case 'ticket.promised':
        return [`承诺答复：${ref}`, `投诉单 ${ref} 已承诺于 ${at('replyBy')} 前答复住户。`];
      case 'ticket.replied':
        return [`已答复：${ref}`, `投诉单 ${ref} 已答复住户。`];
      case 'ticket.resolved':
        return [`已处理：${ref}`, `投诉单 ${ref} 已处理完毕，待回访。`];
      case 'leader_report.recorded':
        return [`书面报告：${ref}`, `投诉单 ${ref} 已书面报告公司领导（第七条(六)）。`];
      default:
        return [`投诉单动态：${ref}`, `投诉单 ${ref} 有新动态（${event.name}）。`];
    }
  })();
  const data: ChannelMessage['data'] = { eventId: event.id, ticketId: event.ticketId, occurredAt: event.occurredAt };
  for (const key of ['purpose', 'dueAt', 'level', 'replyBy', 'category', 'departmentId', 'breachId', 'clockId'])
    if (typeof p[key] === 'string' || typeof p[key] === 'number') data[key] = p[key] as string | number;
  return { version: 1, title, text, reference, data };
}
