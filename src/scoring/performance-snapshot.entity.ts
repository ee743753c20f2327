import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A closed month's performance report, frozen as HR closed it (第八条(四)). Append-only, like the ledger.
 * Scoring keeps it with the month close; the report's shape belongs to the read side that builds it.
 */
@Entity('report_performance_snapshot')
export class PerformanceSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 7 }) month!: string;
  /** As closed; one closed before the handled tickets were paged still lists them (read through asCurrentReport). */
  @Column({ type: 'jsonb' }) report!: object;
  @Column({ type: 'uuid' }) closedById!: string;
  @Column({ type: 'timestamptz' }) closedAt!: Date;
}
