import { Injectable } from '@nestjs/common';
import type { TicketWork } from '../tickets/ticket-work.js';
import { ComplaintDecisions } from './complaint-decisions.js';
import type { Principal } from '../org/principal.js';
import { DomainError, DomainErrorCode, invalidInput, ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { ValidComplaintView } from './dto/scoring.view.js';
import { toEntryView } from './scoring.views.js';
import { ValidComplaint } from './valid-complaint.entity.js';
import { missingConditions } from './valid-complaint.rules.js';
import { ScoringRuleCode } from './scoring.rule-codes.js';

export interface ValidComplaintInput {
  employeeId: string;
  withinDuties: boolean;
  assignedBySupervisor: boolean;
  couldBeDoneAtOnce: boolean;
  verdict: 'valid' | 'invalid';
  reason: string;
}

/** 有效投诉 (第十一条): the employee's department supervisor decides; a valid one is counted per employee. */
@Injectable()
export class ValidComplaintsService {
  constructor(private readonly decisions: ComplaintDecisions) {}

  private get work(): TicketWork {
    return this.decisions.work;
  }

  decide(ticketId: string, input: ValidComplaintInput, actor: Principal, idempotency?: IdempotencyScope): Promise<ValidComplaintView> {
    // 第十一条 concerns complaints.
    const refusal = { rule: ScoringRuleCode.ValidComplaintComplaintsOnly, what: 'a valid complaint is determined' };
    return this.decisions.onComplaint(ticketId, actor, idempotency, refusal, async (em, ticket, now) => {
      const employee = await this.work.directory.member(input.employeeId, em);
      if (!employee) throw invalidInput('employeeId', 'no staff member with this id');
      const post = await this.decisions.responsibility.at(em, employee.id, employee.departmentId, now);
      if (!post.departmentId || post.supervisorId !== actor.id) {
        throw new DomainError(DomainErrorCode.Forbidden, 'only the supervisor of the employee’s department decides a valid complaint', {
          rule: ScoringRuleCode.ValidComplaintOwnDepartmentSupervisor,
        });
      }
      const missing = missingConditions(input);
      if (input.verdict === 'valid' && missing.length) {
        throw ruleViolated(ScoringRuleCode.ValidComplaintConditions, `a valid complaint needs: ${missing.join('; ')} (第十一条)`, { missing });
      }
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(ValidComplaint)
        .values({
          ticketId,
          employeeId: employee.id,
          departmentId: post.departmentId,
          withinDuties: input.withinDuties,
          assignedBySupervisor: input.assignedBySupervisor,
          couldBeDoneAtOnce: input.couldBeDoneAtOnce,
          verdict: input.verdict,
          reason: input.reason,
          decidedById: actor.id,
          decidedAt: now,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id)
        throw new DomainError(DomainErrorCode.Duplicate, 'a determination for this employee on this ticket is already recorded', {
          rule: ScoringRuleCode.ValidComplaintOncePerTicketEmployee,
        });
      const charges =
        input.verdict === 'valid'
          ? [
              {
                employeeId: employee.id,
                role: 'employee' as const,
                rule: 'valid_complaint' as const,
                points: this.work.policy.penalties.validComplaintPoints,
                amountFen: 0,
                sanction: 'none' as const,
              },
            ]
          : [];
      const entries = await this.decisions.ledger.post(em, charges, {
        ticketId,
        sourceKind: 'valid_complaint',
        sourceId: id,
        occurredAt: now,
        recordedById: actor.id,
        recordedAt: now,
        departments: new Map([[employee.id, post.departmentId]]),
      });
      await this.work.writer.history(em, ticketId, actor.id, now, {
        action: 'valid_complaint_decided',
        after: {
          validComplaintId: id,
          employeeId: employee.id,
          verdict: input.verdict,
          withinDuties: input.withinDuties,
          assignedBySupervisor: input.assignedBySupervisor,
          couldBeDoneAtOnce: input.couldBeDoneAtOnce,
        },
        note: input.reason,
      });
      await this.work.bus.publish(em, {
        name: 'scoring.valid_complaint_recorded',
        ticketId,
        actorId: actor.id,
        payload: { validComplaintId: id, employeeId: employee.id, verdict: input.verdict, entryIds: entries.map((e) => e.id) },
      });
      return {
        id,
        ticketId,
        ...input,
        employee: { id: employee.id, name: employee.name },
        departmentId: post.departmentId,
        decidedAt: now.toISOString(),
        charges: entries.map(toEntryView),
      };
    });
  }
}
