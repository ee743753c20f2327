import type { EntityManager } from 'typeorm';
import type { Policy } from '../config/policy.js';
import type { TicketWork } from '../tickets/ticket-work.js';
import type { DispatchNames } from './dispatch.events.js';

/** The Chinese label of a return reason code from policy (the code itself when policy no longer lists it). */
export function reasonLabel(policy: Pick<Policy, 'dispatch'>, code: string): string {
  return policy.dispatch.returnReasons.find((r) => r.code === code)?.label ?? code;
}

/** A time as the company's staff read it, in the business time zone. */
export function localTime(policy: Pick<Policy, 'company'>, at: Date): string {
  return at.toLocaleString('zh-CN', { timeZone: policy.company.timeZone, hour12: false });
}

/** What a dispatch's notices name it by: its ticket's reference and the department it went to, in the step's transaction. */
export async function dispatchNames(work: TicketWork, em: EntityManager, d: { ticketId: string; toDepartmentId: string }): Promise<DispatchNames> {
  const reference = (await work.tickets.referencesOf([d.ticketId], em)).get(d.ticketId) ?? '';
  const to = await work.directory.department(d.toDepartmentId, em);
  return { reference, receivingDepartmentName: to?.name ?? '' };
}
