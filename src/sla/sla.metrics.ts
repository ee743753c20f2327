import { Gauge } from 'prom-client';
import { metricsRegistry } from '../common/metrics.js';
import type { SlaFigureSet, SlaFigures } from './sla-figures.js';

/**
 * The board's company-wide figures for Prometheus, at a cost that stays flat at a million open tickets:
 * see `SlaFigures` (open from the trigger-kept counts, at risk and breached as the last sweep counted them).
 */
let source: SlaFigures | undefined;

/** One read for the gauges of a scrape (prom-client collects them in turn). */
let pending: Promise<SlaFigureSet | null> | undefined;
function figures(): Promise<SlaFigureSet | null> {
  if (!source) return Promise.resolve(null);
  const figures = source;
  pending ??= figures
    .current()
    .catch(() => null)
    .finally(() => queueMicrotask(() => (pending = undefined)));
  return pending;
}

const gauge = (name: string, help: string, key: keyof SlaFigureSet) =>
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
gauge('complaint_desk_sla_at_risk_tickets', 'Tickets past a warning point, not yet due (the board: at risk), as of the last sweep', 'atRisk');
gauge('complaint_desk_sla_breached_tickets', 'Tickets with a live deadline whose breach the sweep recorded, as of the last sweep', 'breached');
gauge(
  'complaint_desk_sla_figures_age_seconds',
  'Seconds since the at-risk and breached gauges were counted (by the last sweep; 0 when a scrape had to count them)',
  'ageSeconds',
);

/** Registered once per process; the gauges read the figures of the SLA module the app was started with. */
export function measureOpenClocks(figures: SlaFigures): void {
  source = figures;
}
