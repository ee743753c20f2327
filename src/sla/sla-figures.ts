import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { BOARD_LIVE } from './sla-clock.entity.js';

/** The board's company-wide figures, in tickets (a ticket with a response and a resolution clock counts once). */
export interface SlaFigureSet {
  open: number;
  atRisk: number;
  breached: number;
  /** Seconds since "at risk" and "breached" were counted: 0 when counted for this read. */
  ageSeconds: number;
}

/** "At risk" (past a warning point, not yet due) and "breached" (the sweep recorded it), through the board's partial indexes. */
const COUNTS = `SELECT (SELECT count(DISTINCT ticket_id) FROM sla_clock WHERE ${BOARD_LIVE} AND breached_at IS NULL AND warn_at <= $1 AND due_at > $1)::int AS at_risk,
                       (SELECT count(DISTINCT ticket_id) FROM sla_clock WHERE ${BOARD_LIVE} AND breached_at IS NOT NULL)::int AS breached`;
/** The trigger-kept open count (a few delta rows per department, compacted by the sweep). */
const OPEN = `(SELECT coalesce(sum(open), 0) FROM sla_board_count)::int`;

/**
 * The figures Prometheus scrapes, at a cost that does not grow with the open tickets: "open" adds up the
 * trigger-kept `sla_board_count` deltas; "at risk" and "breached" are counted once per sweep into
 * `sla_sweep_figures` (breaches are recorded by the sweep anyway) and read from there. Should no sweep have
 * run for three sweep intervals (the scheduler is off everywhere, or the clock moved), a read counts them
 * itself, so the gauges are never more than that stale.
 */
@Injectable()
export class SlaFigures {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** After a sweep: counts "at risk" and "breached" as of `now` and keeps them (the later count wins between instances). */
  async record(now = this.clock.now(), em: EntityManager = this.db.manager): Promise<void> {
    await em.query(
      `INSERT INTO sla_sweep_figures (id, at_risk, breached, measured_at)
       SELECT 1, c.at_risk, c.breached, $1 FROM (${COUNTS}) c
       ON CONFLICT (id) DO UPDATE SET at_risk = EXCLUDED.at_risk, breached = EXCLUDED.breached, measured_at = EXCLUDED.measured_at
        WHERE sla_sweep_figures.measured_at <= EXCLUDED.measured_at`,
      [now],
    );
  }

  /** The figures for a scrape: one statement, one snapshot. */
  async current(): Promise<SlaFigureSet> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - 3 * this.policy.sweep.intervalSeconds * 1000);
    const [kept]: { open: number; at_risk: number | null; breached: number | null; measured_at: Date | null }[] = await this.db.query(
      `SELECT ${OPEN} AS open, f.at_risk, f.breached, f.measured_at
         FROM (SELECT 1) one LEFT JOIN sla_sweep_figures f ON f.id = 1 AND f.measured_at BETWEEN $1 AND $2`,
      [staleBefore, now],
    );
    if (kept.measured_at !== null) {
      return { open: kept.open, atRisk: kept.at_risk!, breached: kept.breached!, ageSeconds: (now.getTime() - new Date(kept.measured_at).getTime()) / 1000 };
    }
    const [live]: { open: number; at_risk: number; breached: number }[] = await this.db.query(`SELECT ${OPEN} AS open, c.* FROM (${COUNTS}) c`, [now]);
    return { open: live.open, atRisk: live.at_risk, breached: live.breached, ageSeconds: 0 };
  }
}
