import type { DepartmentSummary, PersonSummary } from '../org/staff-directory.service.js';
import type { TicketView } from './dto/ticket.view.js';
import { maskPhone } from './phone.js';
import { maskName, maskPhonesInText } from './resident-data.js';
import type { Ticket } from './ticket.entity.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const unknownPerson = (id: string): PersonSummary => ({ id, name: '(unknown)' });

export function toTicketView(
  t: Ticket,
  people: Map<string, PersonSummary>,
  departments: Map<string, DepartmentSummary>,
  options: { maskResident: boolean },
): TicketView {
  const department = departments.get(t.departmentId);
  // A masked viewer gets the resident's surname, a masked number, the building but not the home, and
  // free text with phone-like values masked.
  const mask = options.maskResident;
  const text = (s: string) => (mask ? maskPhonesInText(s) : s);
  const textOrNull = (s: string | null) => (s === null ? null : text(s));
  return {
    id: t.id,
    reference: t.reference,
    kind: t.kind,
    channel: t.channel,
    status: t.status,
    disposition: t.disposition,
    severity: t.severity,
    category: t.category,
    complainant: {
      name: mask ? maskName(t.complainantName) : t.complainantName,
      phone: mask ? maskPhone(t.complainantPhone) : t.complainantPhone,
      address: {
        community: t.community,
        building: t.building,
        unit: mask ? null : t.unit,
        room: mask ? null : t.room,
        placeId: mask ? null : (t.placeId ?? null),
      },
    },
    summary: text(t.summary),
    requests: text(t.requests),
    firstResponder: people.get(t.firstResponderId) ?? unknownPerson(t.firstResponderId),
    handler: people.get(t.handlerId) ?? unknownPerson(t.handlerId),
    department: department ? { id: department.id, code: department.code, name: department.name } : { id: t.departmentId, code: '?', name: '(unknown)' },
    referral: t.disposition === 'referred_out' ? { unit: t.referredTo ?? '', writtenReplyRequested: t.writtenReplyRequested } : null,
    notReaccepted: t.disposition === 'not_reaccepted' ? { earlierTicketId: t.earlierTicketId ?? '', reason: text(t.notReacceptedReason ?? '') } : null,
    appointmentAt: iso(t.appointmentAt),
    appointmentState: t.appointmentState,
    onTheSpotAnswer: textOrNull(t.onTheSpotAnswer),
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
