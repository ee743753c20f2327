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

/**
 * The notice text of an event; `due` formats an instant in the company's zone, `departmentName` names the
 * department the payload's `departmentId` points at (督办 and 协办 notices say whose turn it is).
 */
export function channelMessage(
  event: AnyDomainEvent,
  reference: string | null,
  due: (d: Date) => string,
  departmentName: string | null = null,
): ChannelMessage {
  const p = event.payload as P;
  const ref = reference ?? '（无单号）';
  const purpose = PURPOSE_ZH[p.purpose as keyof typeof PURPOSE_ZH] ?? '时限';
  const dept = str(p.receivingDepartmentName) ?? '接收部门';
  const at = (key: string) => (str(p[key]) ? due(new Date(String(p[key]))) : '');
  const named = departmentName ?? '责任部门';
  // A 督办单 is on a ticket or on a recurring problem (第九条), which has no reference.
  const subject = reference ? `投诉单 ${reference} ` : '重复问题';
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
      // 督办单 (issue 17 item 4): issued, 催办 at the policy's points, feedback, closed or breached.
      case 'supervision.issued':
        return [`督办：${ref}`, `${subject}已下督办单，由${named}于 ${at('dueAt')} 前书面反馈。`];
      case 'supervision.reminded':
        return [`催办：${ref}`, `${subject}的督办单已过时限的 ${String(p.percent)}%，请${named}于 ${at('dueAt')} 前书面反馈。`];
      case 'supervision.feedback_submitted':
        return [`督办反馈：${ref}`, `${subject}的督办单已提交书面反馈，待督办人审核。`];
      case 'supervision.feedback_rejected':
        return [`督办反馈未获认可：${ref}`, `${subject}的督办单书面反馈未获认可，请补充后重新提交。`];
      case 'supervision.closed':
        return [`督办办结：${ref}`, `${subject}的督办单书面反馈已获认可，督办办结${p.late === true ? '（逾期）' : ''}。`];
      case 'supervision.breached':
        return [`督办超时：${ref}`, `${subject}的督办单已于 ${at('dueAt')} 超时，未有获认可的书面反馈，已上报部门主管和公司领导。`];
      // 联合办理 (issue 17 item 5): a co-department's task and its clock.
      case 'joint.task_created':
        return [`联合办理：${ref}`, `投诉单 ${ref} 请${named}协办，请于 ${at('dueAt')} 前完成。`];
      case 'joint.task_assigned':
        return [`协办已指派：${ref}`, `${named}已指派投诉单 ${ref} 的协办经办人。`];
      case 'joint.task_signed_off':
        return [`协办完成：${ref}`, `${named}已完成投诉单 ${ref} 的协办任务。`];
      case 'joint.task_warned':
        return [`协办即将超时：${ref}`, `${named}协办的投诉单 ${ref} 将于 ${at('dueAt')} 到期，请尽快完成。`];
      case 'joint.task_breached':
        return [`协办已超时：${ref}`, `${named}协办的投诉单 ${ref} 已于 ${at('dueAt')} 超时未完成。`];
      case 'joint.task_escalated':
        return [`协办超时升级：${ref}`, `${named}协办的投诉单 ${ref} 超时未完成，已升级至第 ${String(p.level)} 级。`];
      // 延期 (issue 17 item 3).
      case 'extension.requested':
        return [`延期申请：${ref}`, `投诉单 ${ref} 的${purpose}申请延期至 ${at('requestedDueAt')}，请主管于 ${at('originalDueAt')} 前审批。`];
      case 'extension.approved':
        return [`延期已批准：${ref}`, `投诉单 ${ref} 的${purpose}已延期至 ${at('dueAt')}（原时限 ${at('originalDueAt')}）。`];
      case 'extension.refused':
        return [`延期未批准：${ref}`, `投诉单 ${ref} 的${purpose}延期申请未获批准，原时限不变。`];
      // 首问负责制 under resident.firstResponder.mode first_claim: an online complaint for the department in charge to claim.
      case 'ticket.claim_opened':
        return [
          `线上投诉待认领：${ref}`,
          `网上受理的投诉单 ${ref}（${String(p.category ?? '')}）待${named}认领，${at('claimableUntil')} 前认领即成为首问负责人。`,
        ];
      case 'ticket.first_responder_claimed':
        return [`已认领：${ref}`, `网上受理的投诉单 ${ref} 已由${named}员工认领，成为首问负责人。`];
      case 'leader_report.recorded':
        return [`书面报告：${ref}`, `投诉单 ${ref} 已书面报告公司领导（第七条(六)）。`];
      default:
        return [`投诉单动态：${ref}`, `投诉单 ${ref} 有新动态。`];
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
    'orderId',
    'taskId',
    'extensionId',
    'claimableUntil',
    'percent',
    'requestedDueAt',
    'originalDueAt',
  ])
    if (typeof p[key] === 'string' || typeof p[key] === 'number') data[key] = p[key] as string | number;
  return { version: 1, title, text, reference, data };
}
