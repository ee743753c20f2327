import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock/clock.js';
import { metricsRegistry } from '../common/metrics.js';
import { BOARD_LIVE } from './sla-clock.entity.js';

/**
 * The board's company-wide figures for Prometheus, read the way the board reads them so that a scrape
 * costs what the database already keeps, not a count of every live clock (1 s at 1 M open tickets):
 * "open" adds up the trigger-kept deltas of `sla_board_count` (a few rows per department, compacted by
 * the sweep), "breached" and "at risk" go through the partial indexes `sla_clock_board_breached` and
 * `sla_clock_board_warn`, whose size follows the breached and warned clocks only.
 */
let source: { db: DataSource; clock: Clock } | undefined;

interface Figures {
  open: number;
  at_risk: number;
  breached: number;
}

/** One statement, one snapshot, for the three gauges of a scrape (prom-client collects them in turn). */
let pending: Promise<Figures | null> | undefined;
async function figures(): Promise<Figures | null> {
  if (!source?.db.isInitialized) return null;
  pending ??= (async () => {
    try {
      const [row]: Figures[] = await source.db.query(
        `SELECT (SELECT coalesce(sum(open), 0) FROM sla_board_count)::int AS open,
                (SELECT count(DISTINCT ticket_id) FROM sla_clock WHERE ${BOARD_LIVE} AND breached_at IS NOT NULL)::int AS breached,
                (SELECT count(DISTINCT ticket_id) FROM sla_clock WHERE ${BOARD_LIVE} AND breached_at IS NULL AND warn_at <= $1 AND due_at > $1)::int AS at_risk`,
        [source.clock.now()],
      );
      return row;
    } finally {
      queueMicrotask(() => (pending = undefined));
    }
  })();
  return pending;
}

const gauge = (name: string, help: string, key: keyof Figures) =>
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    async collect() {
      const f = await figures();
      if (f) this.set(f[key]);
    },
  });

gauge('complaint_desk_sla_open_tickets', 'Tickets with a live deadline (the board: open), from the counts kept by the database', 'open');
gauge('complaint_desk_sla_at_risk_tickets', 'Tickets past a warning point, not yet due (the board: at risk)', 'at_risk');
gauge('complaint_desk_sla_breached_tickets', 'Tickets with a live deadline whose breach the sweep recorded', 'breached');

/** Registered once per process; the gauges read from the database and clock the SLA module was started with. */
export function measureOpenClocks(db: DataSource, clock: Clock): void {
  source = { db, clock };
}
