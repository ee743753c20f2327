import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import type { DomainEventName } from '../events/domain-event.js';
import { EventBus, type PublishInput } from '../events/event-bus.js';
import { metricsRegistry } from '../common/metrics.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { SlaBoardCounts } from './sla-board-counts.service.js';
import { SlaClock } from './sla-clock.entity.js';
import { needsManagers, planDueSteps, stepRecipients } from './escalation-plan.js';
import { SlaPolicy } from './sla-policy.js';

export interface SweepReport {
  claimed: number;
  warned: number;
  breached: number;
  escalated: number;
  batches: number;
  lagSeconds: number;
  durationMs: number;
}

const sweepDuration = new Histogram({
  name: 'complaint_desk_sla_sweep_duration_seconds',
  help: 'Duration of one SLA sweep',
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  registers: [metricsRegistry],
});
const sweepLag = new Gauge({
  name: 'complaint_desk_sla_sweep_lag_seconds',
  help: 'Now minus the oldest unprocessed due time at the start of the last sweep',
  registers: [metricsRegistry],
});
const breachesTotal = new Counter({
  name: 'complaint_desk_sla_breaches_total',
  help: 'Deadlines breached',
  labelNames: ['purpose'] as const,
  registers: [metricsRegistry],
});
const escalationsTotal = new Counter({
  name: 'complaint_desk_sla_escalations_total',
  help: 'Escalations fired',
  labelNames: ['level'] as const,
  registers: [metricsRegistry],
});

/**
 * Claims due clocks in batches (`FOR UPDATE SKIP LOCKED` on the indexed next check time) and fires their
 * warnings, breaches and escalation steps. Each fires once per clock by a unique key, so racing sweeps
 * or a sweep that died half way can neither skip nor repeat one. What to fire and whom it reaches is
 * planned by the pure functions of escalation-plan.ts; the notices are an after-commit consumer's.
 */
@Injectable()
export class EscalationSweeper {
  private readonly logger = new Logger(EscalationSweeper.name);
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly policy: SlaPolicy,
    private readonly bus: EventBus,
    private readonly directory: StaffDirectory,
    private readonly history: TicketWriter,
    private readonly boardCounts: SlaBoardCounts,
  ) {}

  /** Asks a running sweep to stop after its current batch (graceful shutdown). */
  stop(): void {
    this.stopping = true;
  }

  async sweep(batchSize = 500): Promise<SweepReport> {
    const started = performance.now();
    const now = this.clock.now();
    const [{ oldest }] = await this.db.query(`SELECT min(next_check_at) AS oldest FROM sla_clock WHERE next_check_at <= $1`, [now]);
    const report: SweepReport = {
      claimed: 0,
      warned: 0,
      breached: 0,
      escalated: 0,
      batches: 0,
      lagSeconds: oldest ? (now.getTime() - new Date(oldest).getTime()) / 1000 : 0,
      durationMs: 0,
    };
    sweepLag.set(report.lagSeconds);
    while (!this.stopping) {
      const n = await this.batch(now, batchSize, report);
      report.batches++;
      if (n < batchSize) break;
    }
    // The board's open counts gain a delta row per change; folding them here keeps the board's read small.
    await this.boardCounts.compact();
    report.durationMs = Math.round(performance.now() - started);
    sweepDuration.observe(report.durationMs / 1000);
    return report;
  }

  /**
   * One batch, set-based: claim, plan every clock's due steps in memory, then a handful of statements
   * for the whole batch (once-only keys, breaches, events, notices, history, clock updates).
   */
  private batch(now: Date, size: number, report: SweepReport): Promise<number> {
    return this.db.transaction(async (em) => {
      const clocks = await em
        .getRepository(SlaClock)
        .createQueryBuilder('c')
        .where(`c.next_check_at <= :now AND c.status = 'running'`, { now })
        .orderBy('c.next_check_at')
        .limit(size)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (!clocks.length) return 0;
      const plan = clocks.flatMap((clock) => planDueSteps(clock, this.policy.escalation, now));
      const departments = await this.directory.departments(
        clocks.map((c) => c.departmentId),
        em,
      );
      const supervisorOf = (departmentId: string) => departments.get(departmentId)?.supervisorId ?? null;
      const managers = needsManagers(plan, supervisorOf) ? (await this.directory.withRole('manager', em)).map((m) => m.id) : [];
      const recipients = (p: (typeof plan)[number]) => stepRecipients(p, supervisorOf, managers);

      const keyed = plan.filter((p) => p.kind !== 'breach');
      const fired = new Set<string>();
      if (keyed.length) {
        const rows: { clock_id: string; kind: string; level: number }[] = await em.query(
          `INSERT INTO sla_escalation (clock_id, ticket_id, kind, level, recipients, fired_at)
           SELECT c, t, k, l, ARRAY(SELECT jsonb_array_elements_text(r))::uuid[], $6
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::jsonb[]) AS x(c, t, k, l, r)
           ON CONFLICT (clock_id, kind, level) DO NOTHING RETURNING clock_id, kind, level`,
          [
            keyed.map((p) => p.clock.id),
            keyed.map((p) => p.clock.ticketId),
            keyed.map((p) => p.kind),
            keyed.map((p) => p.level),
            keyed.map((p) => JSON.stringify(recipients(p))),
            now,
          ],
        );
        for (const r of rows) fired.add(`${r.clock_id}:${r.kind}:${r.level}`);
      }
      const breaching = plan.filter((p) => p.kind === 'breach');
      const breachIds = new Map<string, string>();
      if (breaching.length) {
        // DESIGN decision 4: the breach records the handler, department and supervisor at this moment.
        const rows: { clock_id: string; id: string }[] = await em.query(
          `INSERT INTO sla_breach (clock_id, ticket_id, purpose, handler_id, department_id, supervisor_id, due_at, breached_at)
           SELECT c, t, p, h, d, s, due, due FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[]) AS x(c, t, p, h, d, s, due)
           ON CONFLICT (clock_id) DO NOTHING RETURNING clock_id, id`,
          [
            breaching.map((p) => p.clock.id),
            breaching.map((p) => p.clock.ticketId),
            breaching.map((p) => p.clock.purpose),
            breaching.map((p) => p.clock.handlerId),
            breaching.map((p) => p.clock.departmentId),
            breaching.map((p) => departments.get(p.clock.departmentId)?.supervisorId ?? null),
            breaching.map((p) => p.clock.dueAt),
          ],
        );
        for (const r of rows) breachIds.set(r.clock_id, r.id);
      }

      const happened = plan.filter((p) => (p.kind === 'breach' ? breachIds.has(p.clock.id) : fired.has(`${p.clock.id}:${p.kind}:${p.level}`)));
      const events: PublishInput<DomainEventName>[] = [];
      const history: Parameters<TicketWriter['historyRows']>[1] = [];
      for (const p of happened) {
        const c = p.clock;
        const to = recipients(p);
        if (p.kind === 'warning') {
          report.warned++;
          events.push({
            name: 'sla.warned',
            ticketId: c.ticketId,
            actorId: null,
            occurredAt: now,
            payload: { clockId: c.id, purpose: c.purpose, dueAt: c.dueAt.toISOString(), handlerId: c.handlerId, departmentId: c.departmentId },
          });
        } else if (p.kind === 'breach') {
          report.breached++;
          breachesTotal.inc({ purpose: c.purpose });
          const supervisorId = supervisorOf(c.departmentId);
          events.push({
            name: 'sla.breached',
            ticketId: c.ticketId,
            actorId: null,
            occurredAt: now,
            payload: {
              clockId: c.id,
              breachId: breachIds.get(c.id)!,
              purpose: c.purpose,
              dueAt: c.dueAt.toISOString(),
              handlerId: c.handlerId,
              departmentId: c.departmentId,
              supervisorId,
            },
          });
          history.push({
            ticketId: c.ticketId,
            actorId: null,
            at: now,
            action: 'sla_breached',
            after: { purpose: c.purpose, dueAt: c.dueAt.toISOString(), handlerId: c.handlerId },
          });
        } else {
          report.escalated++;
          escalationsTotal.inc({ level: String(p.level) });
          events.push({
            name: 'sla.escalated',
            ticketId: c.ticketId,
            actorId: null,
            occurredAt: now,
            payload: { clockId: c.id, purpose: c.purpose, level: p.level, recipients: to, dueAt: c.dueAt.toISOString(), departmentId: c.departmentId },
          });
          history.push({
            ticketId: c.ticketId,
            actorId: null,
            at: now,
            action: 'sla_escalated',
            after: { purpose: c.purpose, level: p.level, recipients: to },
          });
        }
      }
      await this.bus.publishMany(em, events);
      await this.history.historyRows(em, history);
      await em.query(
        `UPDATE sla_clock c SET warned_at = v.w, breached_at = v.b, escalation_level = v.l, next_check_at = v.n
           FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::timestamptz[]) AS v(id, w, b, l, n)
          WHERE c.id = v.id`,
        [
          clocks.map((c) => c.id),
          clocks.map((c) => c.warnedAt),
          clocks.map((c) => c.breachedAt),
          clocks.map((c) => c.escalationLevel),
          clocks.map((c) => c.nextCheckAt),
        ],
      );
      report.claimed += clocks.length;
      return clocks.length;
    });
  }
}
