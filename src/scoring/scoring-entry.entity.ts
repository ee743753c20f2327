import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import type { ChargeRole, Sanction, ScoringRule } from './scoring.types.js';

/** Money is integer fen in a bigint column; pg returns it as a string, the app wants a number. */
export const fenColumn: ValueTransformer = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * One charge in the penalty ledger, or a reversal of one. Append-only: the database refuses UPDATE,
 * DELETE and TRUNCATE (see the migration's triggers); an appeal adds a reversing entry.
 * The employee and department are snapshots as they were when the failure happened (第十条).
 */
@Entity('scoring_entry')
@Index(['month', 'employeeId'])
@Index(['ticketId'])
@Index(['sourceId'])
@Index('scoring_entry_one_reversal', ['reversesEntryId'], { unique: true, where: '"reverses_entry_id" IS NOT NULL' })
export class ScoringEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: 'charge' | 'reversal';
  @Column({ type: 'varchar', length: 40 }) rule!: ScoringRule;
  @Column({ type: 'varchar', length: 12 }) role!: ChargeRole;
  @Column({ type: 'uuid' }) employeeId!: string;
  @Column({ type: 'varchar', length: 60 }) employeeName!: string;
  @Column({ type: 'uuid', nullable: true }) departmentId!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) departmentName!: string | null;
  /** Points deducted (a reversal carries the negative). */
  @Column({ type: 'int' }) points!: number;
  @Column({ type: 'bigint', transformer: fenColumn }) amountFen!: number;
  @Column({ type: 'varchar', length: 12 }) sanction!: Sanction;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 20 }) sourceKind!: 'overreach' | 'valid_complaint';
  @Column({ type: 'uuid' }) sourceId!: string;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  /** The statistical month it counts in: its own, or the next open one when its own was closed. */
  @Column({ type: 'varchar', length: 7 }) month!: string;
  /** The statistical month it is dated in; differs from `month` for an adjustment. */
  @Column({ type: 'varchar', length: 7 }) originalMonth!: string;
  @Column({ type: 'uuid', nullable: true }) reversesEntryId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'uuid' }) recordedById!: string;
  @Column({ type: 'timestamptz' }) recordedAt!: Date;
}

/** A statistical month HR has closed: nothing more is posted to it (第八条(四)). */
@Entity('scoring_month_close')
export class ScoringMonthClose {
  @PrimaryColumn({ type: 'varchar', length: 7 }) month!: string;
  @Column({ type: 'uuid' }) closedById!: string;
  @Column({ type: 'timestamptz' }) closedAt!: Date;
}
