import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';

/**
 * What a live stream carries for one domain event: enough for a dashboard to know what changed and to
 * filter by viewer, never the ticket itself (the NOTIFY payload must stay under 8000 bytes; clients
 * re-fetch what they show).
 */
export interface LiveEvent {
  id: string;
  name: string;
  ticketId: string | null;
  reference: string | null;
  occurredAt: string;
  /** Departments the event concerns (the ticket's, and both sides of a handoff). */
  departmentIds: string[];
  /** Staff it concerns: first responder, handlers before and after, supervisor, escalation recipients. */
  staffIds: string[];
}

/** Managers and admins see every event; everyone else their department's and the tickets they received or handle. */
export function liveEventVisibleTo(viewer: Principal, event: LiveEvent): boolean {
  if (hasRole(viewer, 'manager', 'admin')) return true;
  if (viewer.departmentId && event.departmentIds.includes(viewer.departmentId)) return true;
  return event.staffIds.includes(viewer.id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The department and staff ids a payload names (`departmentId`, `toDepartmentId`, `handlerId`, `recipients`…). */
export function idsInPayload(payload: Record<string, unknown>): { departmentIds: string[]; staffIds: string[] } {
  const departmentIds = new Set<string>();
  const staffIds = new Set<string>();
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === 'string' && UUID.test(value)) {
      if (/departmentId$/i.test(key)) departmentIds.add(value);
      else if (/(handlerId|firstResponderId|supervisorId)$/i.test(key)) staffIds.add(value);
    } else if (key === 'recipients' && Array.isArray(value)) {
      for (const id of value) if (typeof id === 'string' && UUID.test(id)) staffIds.add(id);
    }
  }
  return { departmentIds: [...departmentIds], staffIds: [...staffIds] };
}
