import { invalidInput, ruleViolated } from '../common/errors/domain-error.js';
import type { DepartmentSummary, Member } from '../org/staff-directory.service.js';
import type { Channel, Disposition, Severity, TicketStatus } from './ticket.types.js';
import { TicketRuleCode } from './ticket.rule-codes.js';

/**
 * 第二条 首问负责制 and 第八条: who takes a new complaint.
 * - answered on the spot, or not accepted again: the first responder;
 * - major (beyond one's authority, 第八条(二)) or written (第八条(三)): the department supervisor;
 * - a named responsible person of the routed department;
 * - the first responder when the matter is within their own department's duties;
 * - otherwise the department's supervisor (无法确定责任人的报部门主管处理).
 */
export function initialHandler(input: {
  disposition: Disposition;
  severity: Severity;
  channel: Channel;
  firstResponder: Member;
  department: DepartmentSummary;
  named: Member | null;
}): { handlerId: string; reason: string; assignedBy: 'clerk' | 'routing' } {
  const { disposition, severity, channel, firstResponder, department, named } = input;
  if (disposition === 'on_the_spot' || disposition === 'not_reaccepted') {
    return { handlerId: firstResponder.id, reason: disposition === 'on_the_spot' ? '当场答复' : '不再受理', assignedBy: 'clerk' };
  }
  const supervisor = () => {
    if (!department.supervisorId) {
      throw ruleViolated(
        TicketRuleCode.DepartmentHasNoSupervisor,
        `${department.name} has no supervisor to take the complaint; name a responsible person or appoint a supervisor`,
        {
          department: department.code,
        },
      );
    }
    return department.supervisorId;
  };
  if (severity === 'major') return { handlerId: supervisor(), reason: '重大投诉移交部门主管', assignedBy: 'routing' };
  if (channel === 'written') return { handlerId: supervisor(), reason: '书面投诉登记后呈部门主管', assignedBy: 'routing' };
  if (named) {
    if (!named.active || named.departmentId !== department.id) {
      throw ruleViolated(TicketRuleCode.ResponsiblePersonInDepartment, `the responsible person must be an active member of ${department.name}`, {
        field: 'handlerId',
      });
    }
    return { handlerId: named.id, reason: '交责任人处置', assignedBy: 'clerk' };
  }
  if (firstResponder.departmentId === department.id) return { handlerId: firstResponder.id, reason: '属本部门职责，首问人处理', assignedBy: 'routing' };
  return { handlerId: supervisor(), reason: '无法确定责任人，报部门主管处理', assignedBy: 'routing' };
}

export function initialStatus(disposition: Disposition): TicketStatus {
  if (disposition === 'on_the_spot') return 'resolved';
  if (disposition === 'not_reaccepted') return 'closed';
  return 'open';
}

/** Handoff target: a named person (of the department, when one is given), or the department's supervisor. */
export function handoffTarget(department: DepartmentSummary | null, person: Member | null): { handlerId: string; departmentId: string } {
  if (person) {
    if (!person.active) throw ruleViolated(TicketRuleCode.HandoffTargetActive, 'the person is not active', { field: 'staffId' });
    if (!person.departmentId) throw ruleViolated(TicketRuleCode.HandoffTargetHasDepartment, 'the person belongs to no department', { field: 'staffId' });
    if (department && person.departmentId !== department.id) {
      throw ruleViolated(TicketRuleCode.ResponsiblePersonInDepartment, `the responsible person must be a member of ${department.name}`, { field: 'staffId' });
    }
    return { handlerId: person.id, departmentId: person.departmentId };
  }
  if (!department) throw ruleViolated(TicketRuleCode.HandoffTarget, 'staffId or departmentId is required');
  if (!department.supervisorId) {
    throw ruleViolated(TicketRuleCode.DepartmentHasNoSupervisor, `${department.name} has no supervisor; name the responsible person`, {
      field: 'departmentId',
    });
  }
  return { handlerId: department.supervisorId, departmentId: department.id };
}

/** 第一篇 二.4(5) 约谈: an appointment is agreed for a time to come, and not beyond the policy's reach. */
export function appointmentTime(raw: string, now: Date, maxAheadDays: number): Date {
  const at = new Date(raw);
  if (at.getTime() <= now.getTime()) throw invalidInput('appointmentAt', 'must lie in the future');
  if (at.getTime() - now.getTime() > maxAheadDays * 24 * 3600_000) throw invalidInput('appointmentAt', `may be at most ${maxAheadDays} days ahead`);
  return at;
}
