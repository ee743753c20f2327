import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { EventBus } from '../events/event-bus.js';
import { metricsRegistry } from '../health/metrics.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { StaffDirectory } from '../org/staff-directory.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { SlaClock } from './sla-clock.entity.js';
import { nextCheck } from './sla-clocks.service.js';
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

const PURPOSE_ZH: Record<string, string> = {
  response: '24小时答复', promised_reply: '承诺回复', written_reply: '书面答复', follow_up: '回访', report: '重大投诉报告', activity: '无进展',
};

const sweepDuration = new Histogram({ name: 'sla_sweep_duration_seconds', help: 'Duration of one SLA sweep', buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers: [metricsRegistry] });
const sweepLag = new Gauge({ name: 'sla_sweep_lag_seconds', help: 'Now minus the oldest unprocessed due time at the start of the last sweep', registers: [metricsRegistry] });
const breachesTotal = new Counter({ name: 'sla_breaches_total', help: 'Deadlines breached', labelNames: ['purpose'] as const, registers: [metricsRegistry] });
const escalationsTotal = new Counter({ name: 'sla_escalations_total', help: 'Escalations fired', labelNames: ['level'] as const, registers: [metricsRegistry] });

/**
 * Claims due clocks in batches (`FOR UPDATE SKIP LOCKED` on the indexed next check time) and fires their
 * warnings, breaches and escalation steps. Each fires once per clock by a unique key, so racing sweeps
 * or a sweep that died half way can neither skip nor repeat one.
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
    private readonly notifications: NotificationsService,
    private readonly history: TicketWriter,
  ) {
    metricsRegistry.removeSingleMetric('sla_open_clocks');
    new Gauge({
      name: 'sla_open_clocks',
      help: 'Live clocks by state',
      labelNames: ['state'] as const,
      registers: [metricsRegistry],
      async collect() {
        const rows: { state: string; n: number }[] = await db.query(
          `SELECT CASE WHEN status = 'paused' THEN 'paused' WHEN breached_at IS NOT NULL THEN 'breached' WHEN warned_at IS NOT NULL THEN 'warned' ELSE 'running' END AS state, count(*)::int AS n
             FROM sla_clock WHERE status IN ('running', 'paused') GROUP BY 1`,
        );
        this.reset();
        for (const r of rows) this.set({ state: r.state }, r.n);
      },
    });
  }

  /** Asks a running sweep to stop after its current batch (graceful shutdown). */
  stop(): void {
    this.stopping = true;
  }

  async sweep(batchSize = 500): Promise<SweepReport> {
    const started = performance.now();
    const now = this.clock.now();
    const [{ oldest }] = await this.db.query(`SELECT min(next_check_at) AS oldest FROM sla_clock WHERE next_check_at <= $1`, [now]);
    const report: SweepReport = { claimed: 0, warned: 0, breached: 0, escalated: 0, batches: 0, lagSeconds: oldest ? (now.getTime() - new Date(oldest).getTime()) / 1000 : 0, durationMs: 0 };
    sweepLag.set(report.lagSeconds);
    while (!this.stopping) {
      const n = await this.batch(now, batchSize, report);
      report.batches++;
      if (n < batchSize) break;
    }
    report.durationMs = Math.round(performance.now() - started);
    sweepDuration.observe(report.durationMs / 1000);
    return report;
  }

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
      for (const clock of clocks) await this.process(em, clock, now, report);
      report.claimed += clocks.length;
      return clocks.length;
    });
  }

  private async process(em: EntityManager, clock: SlaClock, now: Date, report: SweepReport): Promise<void> {
    const steps = this.policy.escalation;
    for (let at = nextCheck(clock, steps); at && at <= now; at = nextCheck(clock, steps)) {
      if (!clock.warnedAt && !clock.breachedAt && clock.warnAt && clock.warnAt < clock.dueAt) {
        clock.warnedAt = now;
        // Past the deadline already (the app was down): the breach says it all; no late warning.
        if (now < clock.dueAt && (await this.fire(em, clock, 'warning', 0, [clock.handlerId], now))) {
          report.warned++;
          await this.bus.publish(em, { name: 'sla.warned', ticketId: clock.ticketId, actorId: null, occurredAt: now, payload: { clockId: clock.id, purpose: clock.purpose, dueAt: clock.dueAt.toISOString(), handlerId: clock.handlerId, departmentId: clock.departmentId } });
          await this.notifications.notify(em, [clock.handlerId], { ticketId: clock.ticketId, kind: 'sla.warned', title: `${PURPOSE_ZH[clock.purpose]}即将超时`, body: `截止时间 ${this.local(clock.dueAt)}` }, now);
        }
        continue;
      }
      if (!clock.breachedAt) {
        clock.breachedAt = clock.dueAt;
        await this.breach(em, clock, now, report);
        continue;
      }
      const step = steps.find((s) => s.level > clock.escalationLevel)!;
      clock.escalationLevel = step.level;
      const recipients = await this.recipients(em, step.notify, clock.departmentId);
      if (await this.fire(em, clock, 'escalation', step.level, recipients, now)) {
        report.escalated++;
        escalationsTotal.inc({ level: String(step.level) });
        await this.bus.publish(em, { name: 'sla.escalated', ticketId: clock.ticketId, actorId: null, occurredAt: now, payload: { clockId: clock.id, purpose: clock.purpose, level: step.level, recipients, dueAt: clock.dueAt.toISOString(), departmentId: clock.departmentId } });
        await this.notifications.notify(em, recipients, { ticketId: clock.ticketId, kind: 'sla.escalated', title: `${PURPOSE_ZH[clock.purpose]}超时升级（${step.level}级）`, body: `截止时间 ${this.local(clock.dueAt)}，已超时未办结` }, now);
        await this.history.history(em, clock.ticketId, null, now, { action: 'sla_escalated', after: { purpose: clock.purpose, level: step.level, recipients } });
      }
    }
    clock.nextCheckAt = nextCheck(clock, steps);
    await em.getRepository(SlaClock).update({ id: clock.id }, { warnedAt: clock.warnedAt, breachedAt: clock.breachedAt, escalationLevel: clock.escalationLevel, nextCheckAt: clock.nextCheckAt });
  }

  /** Decision 4: the breach records the handler, department and supervisor at this moment. */
  private async breach(em: EntityManager, clock: SlaClock, now: Date, report: SweepReport): Promise<void> {
    const department = await this.directory.department(clock.departmentId, em);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO sla_breach (clock_id, ticket_id, purpose, handler_id, department_id, supervisor_id, due_at, breached_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (clock_id) DO NOTHING RETURNING id`,
      [clock.id, clock.ticketId, clock.purpose, clock.handlerId, clock.departmentId, department?.supervisorId ?? null, clock.dueAt],
    );
    if (!rows.length) return;
    report.breached++;
    breachesTotal.inc({ purpose: clock.purpose });
    await this.bus.publish(em, {
      name: 'sla.breached', ticketId: clock.ticketId, actorId: null, occurredAt: now,
      payload: { clockId: clock.id, breachId: rows[0].id, purpose: clock.purpose, dueAt: clock.dueAt.toISOString(), handlerId: clock.handlerId, departmentId: clock.departmentId, supervisorId: department?.supervisorId ?? null },
    });
    await this.notifications.notify(em, [clock.handlerId], { ticketId: clock.ticketId, kind: 'sla.breached', title: `${PURPOSE_ZH[clock.purpose]}已超时`, body: `截止时间 ${this.local(clock.dueAt)}` }, now);
    await this.history.history(em, clock.ticketId, null, now, { action: 'sla_breached', after: { purpose: clock.purpose, dueAt: clock.dueAt.toISOString(), handlerId: clock.handlerId } });
  }

  /** Inserts the once-only key for this warning or level; false when it had already fired. */
  private async fire(em: EntityManager, clock: SlaClock, kind: 'warning' | 'escalation', level: number, recipients: string[], now: Date): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO sla_escalation (clock_id, ticket_id, kind, level, recipients, fired_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (clock_id, kind, level) DO NOTHING RETURNING id`,
      [clock.id, clock.ticketId, kind, level, recipients, now],
    );
    return rows.length > 0;
  }

  private async recipients(em: EntityManager, notify: 'department_supervisor' | 'managers', departmentId: string): Promise<string[]> {
    if (notify === 'department_supervisor') {
      const supervisor = (await this.directory.department(departmentId, em))?.supervisorId;
      if (supervisor) return [supervisor];
    }
    return (await this.directory.withRole('manager', em)).map((m) => m.id);
  }

  private local(d: Date): string {
    return d.toLocaleString('zh-CN', { timeZone: this.policy.zone, hour12: false });
  }
}

