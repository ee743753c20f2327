import type { DepartmentSummary, PersonSummary } from '../org/staff-directory.service.js';
import type { TicketView } from './dto/ticket.view.js';
import { maskPhone } from './phone.js';
import type { Ticket } from './ticket.entity.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const unknownPerson = (id: string): PersonSummary => ({ id, name: '(unknown)' });

export function toTicketView(
  t: Ticket,
  people: Map<string, PersonSummary>,
  departments: Map<string, DepartmentSummary>,
  options: { maskPhone: boolean },
): TicketView {
  const department = departments.get(t.departmentId);
  return {
    id: t.id,
    reference: t.reference,
    channel: t.channel,
    status: t.status,
    disposition: t.disposition,
    severity: t.severity,
    category: t.category,
    complainant: {
      name: t.complainantName,
      phone: options.maskPhone ? maskPhone(t.complainantPhone) : t.complainantPhone,
      address: { community: t.community, building: t.building, unit: t.unit, room: t.room },
    },
    summary: t.summary,
    requests: t.requests,
    firstResponder: people.get(t.firstResponderId) ?? unknownPerson(t.firstResponderId),
    handler: people.get(t.handlerId) ?? unknownPerson(t.handlerId),
    department: department ? { id: department.id, code: department.code, name: department.name } : { id: t.departmentId, code: '?', name: '(unknown)' },
    referral: t.disposition === 'referred_out' ? { unit: t.referredTo ?? '', writtenReplyRequested: t.writtenReplyRequested } : null,
    notReaccepted: t.disposition === 'not_reaccepted' ? { earlierTicketId: t.earlierTicketId ?? '', reason: t.notReacceptedReason ?? '' } : null,
    appointmentAt: iso(t.appointmentAt),
    onTheSpotAnswer: t.onTheSpotAnswer,
    relatedTicketId: t.relatedTicketId,
    repeatCount: t.repeatCount,
    reopenCount: t.reopenCount,
    receivedAt: iso(t.receivedAt)!,
    registeredAt: iso(t.registeredAt)!,
    lastActivityAt: iso(t.lastActivityAt)!,
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    version: t.version,
  };
}
