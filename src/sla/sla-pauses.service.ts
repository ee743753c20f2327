import { Injectable } from '@nestjs/common';
import type { Principal } from '../org/principal.js';
import { hasRole } from '../org/principal.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode, notFound, ruleViolated } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { IdempotentWork } from '../idempotency/idempotent-work.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { TicketsQuery } from '../tickets/tickets.query.js';
import { SlaClock, type ClockPurpose } from './sla-clock.entity.js';
import { nextCheck } from './escalation-plan.js';
import { SlaPolicy } from './sla-policy.js';
import { SlaQuery, type ClockView } from './sla.query.js';
import { SlaRuleCode } from './sla.rule-codes.js';

/**
 * DESIGN decision 2: a clock pauses only where the category's policy allows it (resident unreachable, an
 * appointment agreed with the resident), with a reason, approved by the department's supervisor.
 */
@Injectable()
export class SlaPauses {
  constructor(
    private readonly uow: IdempotentWork,
    private readonly clock: Clock,
    private readonly policy: SlaPolicy,
    private readonly tickets: TicketsQuery,
    private readonly history: TicketWriter,
    private readonly directory: StaffDirectory,
    private readonly query: SlaQuery,
  ) {}

  pause(ticketId: string, purpose: ClockPurpose, reason: string, actor: Principal, idempotency?: IdempotencyScope): Promise<ClockView> {
    return this.uow.run(idempotency, async (em) => {
      const ticket = await this.tickets.visible(em, ticketId, actor);
      if (!this.policy.spans(ticket.category).pauseAllowed) {
        throw ruleViolated(SlaRuleCode.PauseNotAllowed, `the policy for ${ticket.category} does not allow pausing its clocks`);
      }
      const clock = await em.getRepository(SlaClock).findOne({ where: { ticketId, purpose, status: 'running' }, lock: { mode: 'pessimistic_write' } });
      if (!clock) throw notFound(`running ${purpose} clock of ticket`, ticketId);
      await this.requireApprover(actor, clock.departmentId);
      const now = this.clock.now();
      if (clock.breachedAt || now >= clock.dueAt)
        throw ruleViolated(SlaRuleCode.PauseBeforeBreach, 'a clock past its deadline cannot be paused; the breach stands');
      const remaining = this.policy.remaining(clock.calendar, now, clock.dueAt);
      await em.getRepository(SlaClock).update({ id: clock.id }, { status: 'paused', pausedAt: now, remainingAtPause: remaining, nextCheckAt: null });
      await this.history.history(em, ticketId, actor.id, now, {
        action: 'clock_paused',
        after: { purpose, remainingMinutes: remaining, approvedBy: actor.id },
        note: reason,
      });
      return this.query.view({ ...clock, status: 'paused', pausedAt: now, remainingAtPause: remaining, nextCheckAt: null }, now);
    });
  }

  resume(ticketId: string, purpose: ClockPurpose, actor: Principal, idempotency?: IdempotencyScope): Promise<ClockView> {
    return this.uow.run(idempotency, async (em) => {
      await this.tickets.visible(em, ticketId, actor);
      const clock = await em.getRepository(SlaClock).findOne({ where: { ticketId, purpose, status: 'paused' }, lock: { mode: 'pessimistic_write' } });
      if (!clock) throw notFound(`paused ${purpose} clock of ticket`, ticketId);
      if (clock.handlerId !== actor.id) await this.requireApprover(actor, clock.departmentId);
      const now = this.clock.now();
      const left = clock.remainingAtPause ?? 0;
      const { dueAt, explanation } = this.policy.resume(clock.calendar, now, left);
      const spans = this.policy.spans(clock.category);
      const beforeWarn = left - Math.ceil((clock.spanMinutes * (100 - spans.warnAtPercent)) / 100);
      const warnAt = clock.warnedAt ? clock.warnAt : beforeWarn > 0 ? this.policy.resume(clock.calendar, now, beforeWarn).dueAt : now;
      const pausedFor = Math.round((now.getTime() - clock.pausedAt!.getTime()) / 60_000);
      const resumed: SlaClock = {
        ...clock,
        status: 'running',
        dueAt,
        warnAt,
        pausedAt: null,
        remainingAtPause: null,
        pausedMinutes: clock.pausedMinutes + pausedFor,
        explanation: { ...explanation, text: `${clock.explanation.text}；暂停 ${clock.pausedMinutes + pausedFor} 分钟后顺延：${explanation.text}` },
      };
      resumed.nextCheckAt = nextCheck(resumed, this.policy.escalation);
      const { id, ...changes } = resumed;
      await em.getRepository(SlaClock).update({ id }, changes);
      await this.history.history(em, ticketId, actor.id, now, {
        action: 'clock_resumed',
        before: { dueAt: clock.dueAt.toISOString() },
        after: { purpose, dueAt: dueAt.toISOString(), pausedMinutes: pausedFor },
      });
      return this.query.view(resumed, now);
    });
  }

  private async requireApprover(actor: Principal, departmentId: string): Promise<void> {
    if (hasRole(actor, 'manager', 'admin')) return;
    const department = await this.directory.department(departmentId);
    if (hasRole(actor, 'supervisor') && department?.supervisorId === actor.id) return;
    throw new DomainError(DomainErrorCode.Forbidden, 'a pause needs the approval of the department’s supervisor or a manager');
  }
}
