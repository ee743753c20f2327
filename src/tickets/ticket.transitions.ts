import { ruleViolated } from '../common/errors/domain-error.js';
import type { DomainEventMap } from '../events/domain-event.js';
import { CATEGORY_ZH, type LanguageFinding } from './service-language.js';
import { TicketRuleCode } from './ticket.rule-codes.js';
import type { HistoryEntry } from './ticket-writer.js';
import type { Ticket } from './ticket.entity.js';
import type { AppointmentOutcome } from './ticket.types.js';

/**
 * The ticket's state changes, one pure function each: it checks the rule (citing its article), and says
 * what changes, which history rows record it and which event tells the other modules. The service loads,
 * looks up what a transition needs, and applies the result in one transaction (TicketsService.apply).
 */
/** `N`: the ticket's own events, or another module's event about the ticket (a claim of an online complaint, src/residents). */
export interface Transition<N extends keyof DomainEventMap> {
  changes: Partial<Ticket>;
  history: HistoryEntry[];
  event: { name: N; payload: DomainEventMap[N] };
}

/** 第二条: hand to the responsible person, or to the department's supervisor when none can be named. */
export function handOff(ticket: Ticket, target: { handlerId: string; departmentId: string }, reason: string, now: Date): Transition<'ticket.handed_off'> {
  if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.Closed, 'a closed ticket cannot be handed off');
  if (target.handlerId === ticket.handlerId) throw ruleViolated(TicketRuleCode.HandoffToSomeoneElse, 'the ticket is already with that person');
  const before = { handlerId: ticket.handlerId, departmentId: ticket.departmentId };
  return {
    changes: { ...target, lastActivityAt: now },
    history: [{ action: 'handed_off', before, after: target, note: reason }],
    event: {
      name: 'ticket.handed_off',
      payload: {
        fromHandlerId: before.handlerId,
        toHandlerId: target.handlerId,
        fromDepartmentId: before.departmentId,
        toDepartmentId: target.departmentId,
        reason,
      },
    },
  };
}

/** 第一篇 一.6 规范答复, 第六条: an answer to the resident (答复), which meets the 24-hour clock. A closed matter takes none. */
export function canReply(ticket: Ticket): void {
  if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.Closed, 'a closed ticket takes no replies; reopen it first');
}

export function reply(
  ticket: Ticket,
  answer: { id: string; kind: 'reply' | 'written'; via: string; content: string; final: boolean; flagged: LanguageFinding[] },
  flagRecipients: string[],
  now: Date,
): Transition<'ticket.replied'> {
  canReply(ticket);
  const history: HistoryEntry[] = [
    { action: answer.kind === 'written' ? 'written_reply' : 'replied', after: { via: answer.via, final: answer.final }, note: answer.content },
  ];
  // 员工文明服务要求 2.②: a spoken answer was already said: it is recorded and flagged for the supervisor.
  if (answer.flagged.length) {
    history.push({
      action: 'language_flagged',
      after: { expressions: answer.flagged.map((f) => f.expression), categories: answer.flagged.map((f) => f.category), recipients: flagRecipients },
      note: `答复含禁用语：${answer.flagged.map((f) => `${f.expression}（${CATEGORY_ZH[f.category]}）`).join('、')}，已标记给主管`,
    });
  }
  return {
    changes: { lastActivityAt: now },
    history,
    event: {
      name: 'ticket.replied',
      payload: {
        replyId: answer.id,
        kind: answer.kind,
        via: answer.via,
        final: answer.final,
        handlerId: ticket.handlerId,
        departmentId: ticket.departmentId,
        content: answer.content,
        flagged: answer.flagged,
        flagRecipients: answer.flagged.length ? flagRecipients : [],
      },
    },
  };
}

/** 第七条(三)/第八条(二): a promised reply time (确定回复时间), a deadline of its own. */
export function promise(ticket: Ticket, replyBy: Date, note: string, now: Date): Transition<'ticket.promised'> {
  if (ticket.status !== 'open') throw ruleViolated(TicketRuleCode.PromiseOpenOnly, 'a reply time can be promised only on an open ticket');
  return {
    changes: { lastActivityAt: now },
    history: [{ action: 'promised', after: { replyBy: replyBy.toISOString() }, note }],
    event: {
      name: 'ticket.promised',
      payload: { replyBy: replyBy.toISOString(), note, category: ticket.category, handlerId: ticket.handlerId, departmentId: ticket.departmentId },
    },
  };
}

/** 第六条 予以解决: the matter is resolved; a follow-up visit becomes due (第二条 回访). */
export function resolve(ticket: Ticket, summary: string, now: Date): Transition<'ticket.resolved'> {
  if (ticket.status !== 'open') throw ruleViolated(TicketRuleCode.ResolveOpenOnly, `only an open ticket can be resolved; it is ${ticket.status}`);
  return {
    changes: { status: 'resolved', resolvedAt: now, lastActivityAt: now },
    history: [{ action: 'resolved', before: { status: 'open' }, after: { status: 'resolved' }, note: summary }],
    event: { name: 'ticket.resolved', payload: { handlerId: ticket.handlerId, departmentId: ticket.departmentId, category: ticket.category, summary } },
  };
}

/**
 * 第七条 记清楚: a ticket closes only when nothing is missing (five clears, report, follow-up…). An admin
 * may close over what is missing with a reason, which stays on record.
 */
export function close(ticket: Ticket, missing: string[], input: { note?: string; overrideReason?: string }, now: Date): Transition<'ticket.closed'> {
  if (ticket.status === 'closed') throw ruleViolated(TicketRuleCode.AlreadyClosed, 'the ticket is already closed');
  if (missing.length && !input.overrideReason) {
    throw ruleViolated(TicketRuleCode.CloseRequirements, `cannot close: still open: ${missing.join(', ')}`, { missing });
  }
  const history: HistoryEntry[] = [{ action: 'closed', before: { status: ticket.status }, after: { status: 'closed' }, note: input.note ?? null }];
  if (missing.length) history.push({ action: 'close_override', after: { missing }, note: input.overrideReason! });
  return {
    changes: { status: 'closed', closedAt: now, lastActivityAt: now },
    history,
    event: { name: 'ticket.closed', payload: { handlerId: ticket.handlerId, departmentId: ticket.departmentId, override: missing.length > 0, missing } },
  };
}

/** 第八条(二): a complaint beyond one's authority becomes major and goes to the department supervisor. */
export function escalate(ticket: Ticket, supervisorId: string | null, reason: string, now: Date): Transition<'ticket.escalated'> {
  if (ticket.status !== 'open') throw ruleViolated(TicketRuleCode.EscalateOpenOnly, 'only an open ticket can be raised to major');
  if (ticket.severity === 'major') throw ruleViolated(TicketRuleCode.AlreadyMajor, 'the ticket is already a major complaint');
  if (!supervisorId) throw ruleViolated(TicketRuleCode.DepartmentHasNoSupervisor, 'the department has no supervisor to take a major complaint');
  const before = { severity: ticket.severity, handlerId: ticket.handlerId };
  return {
    changes: { severity: 'major', handlerId: supervisorId, lastActivityAt: now },
    history: [{ action: 'escalated_major', before, after: { severity: 'major', handlerId: supervisorId }, note: reason }],
    event: {
      name: 'ticket.escalated',
      payload: {
        reference: ticket.reference,
        fromHandlerId: before.handlerId,
        toHandlerId: supervisorId,
        departmentId: ticket.departmentId,
        category: ticket.category,
        reason,
      },
    },
  };
}

/** 第二条 回访: a resolved or closed matter reopens; a dissatisfied follow-up reopens it as a redo (重办). */
export function reopen(ticket: Ticket, reason: string, redo: boolean, now: Date): Transition<'ticket.reopened'> {
  if (ticket.status === 'open') throw ruleViolated(TicketRuleCode.ReopenNotOpen, 'the ticket is already open');
  return {
    changes: { status: 'open', resolvedAt: null, closedAt: null, reopenCount: ticket.reopenCount + 1, lastActivityAt: now },
    history: [{ action: redo ? 'redo' : 'reopened', before: { status: ticket.status }, after: { status: 'open' }, note: reason }],
    event: {
      name: 'ticket.reopened',
      payload: { handlerId: ticket.handlerId, departmentId: ticket.departmentId, category: ticket.category, kind: ticket.kind, reason, redo },
    },
  };
}

const APPOINTMENT_ACTION: Record<AppointmentOutcome, string> = {
  held: 'appointment_held',
  no_show: 'appointment_no_show',
  rescheduled: 'appointment_rescheduled',
};

/**
 * 第一篇 二.4(5) 约谈: what became of the agreed meeting. Held or no-show once per booking; a reschedule (with its
 * reason) moves the appointment, also after a no-show, and the earlier time stays in the history row.
 */
export function appointment(
  ticket: Ticket,
  input: { outcome: AppointmentOutcome; note: string; appointmentAt?: Date; afterNoShow: string },
  now: Date,
): Transition<'ticket.appointment_recorded'> {
  if (ticket.disposition !== 'appointment' || !ticket.appointmentAt || ticket.status !== 'open') {
    throw ruleViolated(TicketRuleCode.AppointmentNone, 'an appointment outcome is recorded on an open ticket booked as an appointment (约谈)');
  }
  const state = ticket.appointmentState;
  const pending = input.outcome === 'rescheduled' ? state === 'booked' || state === 'no_show' : state === 'booked';
  if (!pending)
    throw ruleViolated(TicketRuleCode.AppointmentNotPending, `the appointment is ${state ?? 'not booked'}; nothing is pending to record as ${input.outcome}`);
  const previous = ticket.appointmentAt.toISOString();
  const at = input.outcome === 'rescheduled' ? input.appointmentAt! : ticket.appointmentAt;
  const nextState = input.outcome === 'rescheduled' ? 'booked' : input.outcome;
  const after: Record<string, unknown> = { appointmentState: nextState, appointmentAt: at.toISOString() };
  if (input.outcome === 'no_show') after.next = input.afterNoShow;
  return {
    changes: { appointmentAt: at, appointmentState: nextState, lastActivityAt: now },
    history: [{ action: APPOINTMENT_ACTION[input.outcome], before: { appointmentState: state, appointmentAt: previous }, after, note: input.note }],
    event: {
      name: 'ticket.appointment_recorded',
      payload: {
        outcome: input.outcome,
        appointmentAt: at.toISOString(),
        previousAppointmentAt: input.outcome === 'rescheduled' ? previous : null,
        category: ticket.category,
        handlerId: ticket.handlerId,
        departmentId: ticket.departmentId,
      },
    },
  };
}
