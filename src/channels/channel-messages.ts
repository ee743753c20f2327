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
  const dept = str(p.receivingDepartmentName) ?? '接收部门';
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
      // 派单/签收/退单 (docs/asyncapi.yaml): named by the ticket's reference and the department it went to.
      case 'dispatch.created':
        return [`派单：${ref}`, `投诉单 ${ref} 已派至${dept}，请于 ${at('signDueAt')} 前签收。`];
      case 'dispatch.signed':
        return [`已签收：${ref}`, `投诉单 ${ref} 已由${dept}签收办理。`];
      case 'dispatch.warned':
        return [`签收预警：${ref}`, `派至${dept}的投诉单 ${ref} 将于 ${at('signDueAt')} 超过签收时限，请尽快签收。`];
      case 'dispatch.breached':
        return [`超时未签收：${ref}`, `派至${dept}的投诉单 ${ref} 已于 ${at('signDueAt')} 超过签收时限未签收。`];
      case 'dispatch.escalated':
        return [`未签收上报：${ref}`, `派至${dept}的投诉单 ${ref} 未签收，已上报${p.level === 2 ? '公司领导' : '部门主管'}。`];
      case 'dispatch.returned':
        return [`退单：${ref}`, `${dept}退回投诉单 ${ref}，待派单人处理。`];
      case 'dispatch.return_accepted':
        return [`退单已同意：${ref}`, `${dept}退回的投诉单 ${ref} 已同意退单，将重新派单。`];
      case 'dispatch.return_rejected':
        return [`退单未同意：${ref}`, `${dept}退回的投诉单 ${ref} 未获同意，须签收办理。`];
      case 'dispatch.third_return':
        return [`多次退单：${ref}`, `投诉单 ${ref} 已被退单 ${String(p.returnCount)} 次，请公司领导协调。`];
      case 'leader_report.recorded':
        return [`书面报告：${ref}`, `投诉单 ${ref} 已书面报告公司领导（第七条(六)）。`];
      default:
        return [`投诉单动态：${ref}`, `投诉单 ${ref} 有新动态（${event.name}）。`];
    }
  })();
  const data: ChannelMessage['data'] = { eventId: event.id, ticketId: event.ticketId, occurredAt: event.occurredAt };
  for (const key of [
    'purpose',
    'dueAt',
    'level',
    'replyBy',
    'category',
    'departmentId',
    'breachId',
    'clockId',
    'dispatchId',
    'toDepartmentId',
    'signDueAt',
    'returnId',
    'reasonCode',
    'returnCount',
  ])
    if (typeof p[key] === 'string' || typeof p[key] === 'number') data[key] = p[key] as string | number;
  return { version: 1, title, text, reference, data };
}
