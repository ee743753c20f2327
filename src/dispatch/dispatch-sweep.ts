import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DomainEventName } from '../events/domain-event.js';
import type { PublishInput } from '../events/event-bus.js';
import { TicketWork } from '../tickets/ticket-work.js';
import type { HistoryEntry, TicketWriter } from '../tickets/ticket-writer.js';
import { leadersDue, nextDispatchCheck, type DispatchSweepReport } from './dispatch-clock.js';
import { localTime } from './dispatch-wording.js';
import { Dispatch } from './dispatch.entity.js';
import type { DispatchEventMap, DispatchNames } from './dispatch.events.js';

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
        // What the notices name, read once for the batch: the tickets' references and the receiving departments.
        const [references, departments] = await Promise.all([
          this.work.tickets.referencesOf(
            due.map((d) => d.ticketId),
            em,
          ),
          this.work.directory.departments(
            due.map((d) => d.toDepartmentId),
            em,
          ),
        ]);
        const events: PublishInput<DomainEventName>[] = [];
        const history: Parameters<TicketWriter['historyRows']>[1] = [];
        type Step = 'dispatch.warned' | 'dispatch.breached' | 'dispatch.escalated';
        const step = <N extends Step>(d: Dispatch, name: N, payload: Omit<DispatchEventMap[N], keyof DispatchNames | 'dispatchId' | 'toDepartmentId'>) =>
          events.push({
            name,
            ticketId: d.ticketId,
            actorId: null,
            occurredAt: now,
            payload: {
              reference: references.get(d.ticketId) ?? '',
              receivingDepartmentName: departments.get(d.toDepartmentId)?.name ?? '',
              dispatchId: d.id,
              toDepartmentId: d.toDepartmentId,
              ...payload,
            } as DispatchEventMap[N],
          });
        const record = (d: Dispatch, entry: HistoryEntry) => history.push({ ticketId: d.ticketId, actorId: null, at: now, ...entry });
        for (const d of due) {
          const to = departments.get(d.toDepartmentId);
          const supervisor = to?.supervisorId ? [to.supervisorId] : [];
          if (!d.breachedAt && now < d.signDueAt) {
            d.warnedAt = now;
            report.warned++;
            record(d, {
              action: 'dispatch_warned',
              after: { dispatchId: d.id, signDueAt: d.signDueAt.toISOString(), recipients: supervisor },
              note: `派单即将超过签收时限（${localTime(this.work.policy, d.signDueAt)}），请尽快签收`,
            });
            step(d, 'dispatch.warned', { signDueAt: d.signDueAt.toISOString(), recipients: supervisor });
          } else if (!d.breachedAt) {
            // A warning not yet given is skipped: the breach says it all.
            d.breachedAt = d.signDueAt;
            d.escalationLevel = 1;
            report.breached++;
            record(d, {
              action: 'dispatch_breached',
              after: { dispatchId: d.id, signDueAt: d.signDueAt.toISOString() },
              note: `${to?.name ?? ''}超过签收时限（${localTime(this.work.policy, d.signDueAt)}）未签收`,
            });
            record(d, {
              action: 'dispatch_escalated',
              after: { dispatchId: d.id, level: 1, recipients: supervisor },
              note: `未签收派单已上报${to?.name ?? ''}主管`,
            });
            step(d, 'dispatch.breached', { signDueAt: d.signDueAt.toISOString(), recipients: [d.fromPersonId] });
            step(d, 'dispatch.escalated', { level: 1, recipients: supervisor });
          }
          const leadersAt = leadersDue(d, leadersAfter);
          if (d.escalationLevel === 1 && leadersAt && now >= leadersAt) {
            d.escalationLevel = 2;
            report.escalatedToLeaders++;
            const leaders = (managers ??= (await this.work.directory.withRole('manager', em)).map((m) => m.id));
            record(d, {
              action: 'dispatch_escalated',
              after: { dispatchId: d.id, level: 2, recipients: leaders },
              note: `派单超过签收时限仍未签收，已上报公司领导`,
            });
            step(d, 'dispatch.escalated', { level: 2, recipients: leaders });
          }
          d.nextCheckAt = nextDispatchCheck(d, leadersAfter);
        }
        // The batch's history, events and clock steps in three statements (and the events' reactions), as the SLA sweep writes its own.
        await this.work.writer.historyRows(em, history);
        await this.work.bus.publishMany(em, events);
        await em.query(
          `UPDATE dispatch d SET warned_at = v.w, breached_at = v.b, escalation_level = v.l, next_check_at = v.n
             FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::timestamptz[]) AS v(id, w, b, l, n)
            WHERE d.id = v.id`,
          [due.map((d) => d.id), due.map((d) => d.warnedAt), due.map((d) => d.breachedAt), due.map((d) => d.escalationLevel), due.map((d) => d.nextCheckAt)],
        );
        return due.length;
      });
      if (n < batchSize) break;
    }
    return report;
  }
}
