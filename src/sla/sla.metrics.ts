import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from '../common/metrics.js';

let openClocksDb: DataSource | undefined;

/** Registered once per process; it reads from the database the SLA module was started with. */
new Gauge({
  name: 'complaint_desk_sla_open_clocks',
  help: 'Live clocks by state',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!openClocksDb?.isInitialized) return;
    const rows: { state: string; n: number }[] = await openClocksDb.query(
      `SELECT CASE WHEN status = 'paused' THEN 'paused' WHEN breached_at IS NOT NULL THEN 'breached' WHEN warned_at IS NOT NULL THEN 'warned' ELSE 'running' END AS state, count(*)::int AS n
         FROM sla_clock WHERE status IN ('running', 'paused') GROUP BY 1`,
    );
    this.reset();
    for (const r of rows) this.set({ state: r.state }, r.n);
  },
});

export function measureOpenClocks(db: DataSource): void {
  openClocksDb = db;
}
