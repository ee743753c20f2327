import type { Principal } from '../auth/principal.js';
import { hasRole } from '../auth/principal.js';

/** Who sees a ticket: managers, admins and HR all; staff and supervisors what they received, handle, or their department's. */
export function seesAll(principal: Principal): boolean {
  return hasRole(principal, 'manager', 'admin', 'hr');
}

export function canSee(principal: Principal, t: { firstResponderId: string; handlerId: string; departmentId: string }): boolean {
  return (
    seesAll(principal) ||
    t.firstResponderId === principal.id ||
    t.handlerId === principal.id ||
    (principal.departmentId !== null && t.departmentId === principal.departmentId)
  );
}

/** SQL for the same rule, for lists; `alias` is the ticket table's alias. */
export function visibilitySql(principal: Principal, alias = 't'): { sql: string; params: Record<string, unknown> } {
  if (seesAll(principal)) return { sql: 'TRUE', params: {} };
  return {
    sql: `(${alias}.first_responder_id = :viewerId OR ${alias}.handler_id = :viewerId OR ${alias}.department_id = :viewerDept)`,
    params: { viewerId: principal.id, viewerDept: principal.departmentId ?? '00000000-0000-0000-0000-000000000000' },
  };
}

/** HR reads tickets for accountability, never residents' numbers (decision 8). */
export const masksResidentData = (principal: Principal) => hasRole(principal, 'hr') && !hasRole(principal, 'manager', 'admin', 'supervisor', 'staff');
