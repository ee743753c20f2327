import type { LanguageFinding } from './service-language.js';
import type { AppointmentOutcome, Channel, Disposition, IntakeClear, Severity, TicketKind } from './ticket.types.js';

/** Payloads of the tickets module's events; each carries what its reactions need, nothing more. */
export interface TicketEventMap {
  'ticket.received': {
    reference: string;
    /** 第三条: the response clock's span is the kind's (policy kinds.<kind>). */
    kind: TicketKind;
    channel: Channel;
    category: string;
    severity: Severity;
    disposition: Disposition;
    departmentId: string;
    handlerId: string;
    firstResponderId: string;
    receivedAt: string;
    writtenReplyRequested: boolean;
    status: string;
    community: string;
    building: string | null;
    /** 第九条: the register's community and building when the address names a registered place; null for free text. */
    place: { placeId: string; communityId: string; buildingId: string | null } | null;
    /** 第一篇 二.4(5) 约谈: the agreed meeting time, for an appointment. */
    appointmentAt: string | null;
    /** 第七条 听清楚/问清楚 the first responder confirmed while recording (the intake record is the evidence). */
    confirmedClears: IntakeClear[];
  };
  /** 第八条(二): raised to a major complaint; it goes to the department supervisor and must be reported. */
  'ticket.escalated': { reference: string; fromHandlerId: string; toHandlerId: string; departmentId: string; category: string; reason: string };
  'ticket.handed_off': {
    fromHandlerId: string;
    toHandlerId: string;
    fromDepartmentId: string;
    toDepartmentId: string;
    reason: string;
  };
  'ticket.repeat_contact': { contactId: string; channel: Channel; repeatCount: number };
  'ticket.replied': {
    replyId: string;
    kind: 'reply' | 'written';
    via: string;
    final: boolean;
    handlerId: string;
    departmentId: string;
    content: string;
    /** 员工文明服务要求 2.②: forbidden expressions in a reply kept and flagged, and who is told (the supervisor). */
    flagged: LanguageFinding[];
    flagRecipients: string[];
  };
  'ticket.promised': { replyBy: string; note: string; category: string; handlerId: string; departmentId: string };
  'ticket.resolved': { handlerId: string; departmentId: string; category: string; summary: string };
  'ticket.closed': { handlerId: string; departmentId: string; override: boolean; missing: string[] };
  /** 第一篇 二.4(5) 约谈: the meeting held, the resident did not come, or another time agreed (the earlier one in `previousAppointmentAt`). */
  'ticket.appointment_recorded': {
    outcome: AppointmentOutcome;
    appointmentAt: string;
    previousAppointmentAt: string | null;
    category: string;
    handlerId: string;
    departmentId: string;
  };
  'ticket.reopened': { handlerId: string; departmentId: string; category: string; kind: TicketKind; reason: string; redo: boolean };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends TicketEventMap {}
}
