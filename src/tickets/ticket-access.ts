import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';

/** The columns that decide who may see a ticket. */
export interface TicketOwnership {
  firstResponderId: string;
  handlerId: string;
  departmentId: string;
}

/** Who sees every ticket: managers and admins to run the company, HR to hold staff to account. */
export function seesAll(principal: Principal): boolean {
  return hasRole(principal, 'manager', 'admin', 'hr');
}

/** Staff and supervisors see what they received, handle, or their department's (DESIGN: who may see what). */
function involved(principal: Principal, t: TicketOwnership): boolean {
  return t.firstResponderId === principal.id || t.handlerId === principal.id || (principal.departmentId !== null && t.departmentId === principal.departmentId);
}

export function canSee(principal: Principal, t: TicketOwnership): boolean {
  return seesAll(principal) || involved(principal, t);
}

/** SQL for the same rule, for lists; `alias` is the ticket table's alias. */
export function visibilitySql(principal: Principal, alias = 't'): { sql: string; params: Record<string, unknown> } {
  if (seesAll(principal)) return { sql: 'TRUE', params: {} };
  return {
    sql: `(${alias}.first_responder_id = :viewerId OR ${alias}.handler_id = :viewerId OR ${alias}.department_id = :viewerDept)`,
    params: { viewerId: principal.id, viewerDept: principal.departmentId ?? '00000000-0000-0000-0000-000000000000' },
  };
}

/**
 * 个人信息保护法: the resident's name, number and home are shown only to whom the job needs them for.
 * Managers and admins run the service; staff and supervisors handle the ticket they see as staff.
 * Someone who sees the ticket only as HR (accountability, DESIGN decision 8) gets it masked, whatever
 * other roles they hold.
 */
export function seesResidentData(principal: Principal, t: TicketOwnership): boolean {
  if (hasRole(principal, 'manager', 'admin')) return true;
  return hasRole(principal, 'staff', 'supervisor') && involved(principal, t);
}
