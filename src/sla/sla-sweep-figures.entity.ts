import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The board's company-wide "at risk" and "breached" ticket counts as the last sweep counted them: one row
 * (id 1), rewritten after each scheduled or manual sweep, so a Prometheus scrape reads a row instead of
 * counting the warned and breached clocks. A cache, not evidence: `SlaFigures` recounts when it is stale.
 */
@Entity('sla_sweep_figures')
export class SlaSweepFigures {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'int' }) atRisk!: number;
  @Column({ type: 'int' }) breached!: number;
  @Column({ type: 'timestamptz' }) measuredAt!: Date;
}
