import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketWork } from '../tickets/ticket-work.js';
import { leadersDue, nextDispatchCheck, type DispatchSweepReport } from './dispatch-clock.js';
import { dispatchNames, localTime } from './dispatch-wording.js';
import { Dispatch } from './dispatch.entity.js';

/** The unsigned dispatches' own clock (派单 签收时限), swept by the scheduler beside the SLA clocks and supervision orders. */
@Injectable()
export class DispatchSweeper {
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly work: TicketWork,
  ) {}

  stop(): void {
    this.stopping = true;
  }

  /**
   * One sweep of unsigned dispatches, each step once: the warning, then the breach with its escalation to the receiving
   * department's supervisor (level 1), then, still unsigned `leadersAfterBreachMinutes` later, to company leaders (level 2).
   */
  async sweep(batchSize = 500): Promise<DispatchSweepReport> {
    const report = { warned: 0, breached: 0, escalatedToLeaders: 0 };
    const now = this.work.clock.now();
    const leadersAfter = this.work.policy.dispatch.leadersAfterBreachMinutes;
    let managers: string[] | undefined;
    while (!this.stopping) {
      const n = await this.db.transaction(async (em) => {
        const due = await em
          .getRepository(Dispatch)
          .createQueryBuilder('d')
          .where(`d.next_check_at <= :now AND d.status = 'open'`, { now })
          .orderBy('d.next_check_at')
          .limit(batchSize)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        if (!due.length) return 0;
        const departments = await this.work.directory.departments(
          due.map((d) => d.toDepartmentId),
          em,
        );
        for (const d of due) {
          const to = departments.get(d.toDepartmentId);
          const supervisor = to?.supervisorId ? [to.supervisorId] : [];
          if (!d.breachedAt && now < d.signDueAt) {
            d.warnedAt = now;
            report.warned++;
            await this.work.writer.history(em, d.ticketId, null, now, {
              action: 'dispatch_warned',
              after: { dispatchId: d.id, signDueAt: d.signDueAt.toISOString(), recipients: supervisor },
              note: `派单即将超过签收时限（${localTime(this.work.policy, d.signDueAt)}），请尽快签收`,
            });
            await this.work.bus.publish(em, {
              name: 'dispatch.warned',
              ticketId: d.ticketId,
              actorId: null,
              occurredAt: now,
              payload: {
                ...(await dispatchNames(this.work, em, d)),
                dispatchId: d.id,
                toDepartmentId: d.toDepartmentId,
                signDueAt: d.signDueAt.toISOString(),
                recipients: supervisor,
              },
            });
          } else if (!d.breachedAt) {
            // A warning not yet given is skipped: the breach says it all.
            d.breachedAt = d.signDueAt;
            d.escalationLevel = 1;
            report.breached++;
            await this.work.writer.history(
              em,
              d.ticketId,
              null,
              now,
              {
                action: 'dispatch_breached',
                after: { dispatchId: d.id, signDueAt: d.signDueAt.toISOString() },
                note: `${to?.name ?? ''}超过签收时限（${localTime(this.work.policy, d.signDueAt)}）未签收`,
              },
              {
                action: 'dispatch_escalated',
                after: { dispatchId: d.id, level: 1, recipients: supervisor },
                note: `未签收派单已上报${to?.name ?? ''}主管`,
              },
            );
            await this.work.bus.publish(em, {
              name: 'dispatch.breached',
              ticketId: d.ticketId,
              actorId: null,
              occurredAt: now,
              payload: {
                ...(await dispatchNames(this.work, em, d)),
                dispatchId: d.id,
                toDepartmentId: d.toDepartmentId,
                signDueAt: d.signDueAt.toISOString(),
                recipients: [d.fromPersonId],
              },
            });
            await this.work.bus.publish(em, {
              name: 'dispatch.escalated',
              ticketId: d.ticketId,
              actorId: null,
              occurredAt: now,
              payload: {
                ...(await dispatchNames(this.work, em, d)),
                dispatchId: d.id,
                toDepartmentId: d.toDepartmentId,
                level: 1,
                recipients: supervisor,
              },
            });
          }
          const leadersAt = leadersDue(d, leadersAfter);
          if (d.escalationLevel === 1 && leadersAt && now >= leadersAt) {
            d.escalationLevel = 2;
            report.escalatedToLeaders++;
            const leaders = (managers ??= (await this.work.directory.withRole('manager', em)).map((m) => m.id));
            await this.work.writer.history(em, d.ticketId, null, now, {
              action: 'dispatch_escalated',
              after: { dispatchId: d.id, level: 2, recipients: leaders },
              note: `派单超过签收时限仍未签收，已上报公司领导`,
            });
            await this.work.bus.publish(em, {
              name: 'dispatch.escalated',
              ticketId: d.ticketId,
              actorId: null,
              occurredAt: now,
              payload: {
                ...(await dispatchNames(this.work, em, d)),
                dispatchId: d.id,
                toDepartmentId: d.toDepartmentId,
                level: 2,
                recipients: leaders,
              },
            });
          }
          d.nextCheckAt = nextDispatchCheck(d, leadersAfter);
          await em
            .getRepository(Dispatch)
            .update({ id: d.id }, { warnedAt: d.warnedAt, breachedAt: d.breachedAt, escalationLevel: d.escalationLevel, nextCheckAt: d.nextCheckAt });
        }
        return due.length;
      });
      if (n < batchSize) break;
    }
    return report;
  }
}
