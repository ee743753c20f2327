import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredPerformanceReport } from './performance-report.types.js';

/** A closed month's performance report, frozen as HR closed it (第八条(四)). Append-only, like the ledger. */
@Entity('report_performance_snapshot')
export class PerformanceSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 7 }) month!: string;
  /** As closed; one closed before the handled tickets were paged still lists them (read through asCurrentReport). */
  @Column({ type: 'jsonb' }) report!: StoredPerformanceReport;
  @Column({ type: 'uuid' }) closedById!: string;
  @Column({ type: 'timestamptz' }) closedAt!: Date;
}
