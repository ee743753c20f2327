import type { DueExplanation } from './calendar/business-calendar.js';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CLOCK_PURPOSES = ['response', 'promised_reply', 'written_reply', 'follow_up', 'report', 'activity', 'appointment'] as const;
export type ClockPurpose = (typeof CLOCK_PURPOSES)[number];
export type ClockStatus = 'running' | 'paused' | 'met' | 'cancelled';
/** The clocks the board counts as open: live, and not the stale-ticket (activity) clock. */
export const BOARD_LIVE = `status IN ('running', 'paused') AND purpose <> 'activity'`;
/** Clocks that count in compliance figures: every deadline the resident was promised, live or done (not the activity clock, not a cancelled one). */
export const COUNTED_CLOCK = `purpose <> 'activity' AND status <> 'cancelled'`;
/** The deadline compliance is judged against: the original one of an extended clock (延期 never hides a late answer). */
export const JUDGED_DUE = (alias = '') => `COALESCE(${alias}original_due_at, ${alias}due_at)`;

/**
 * One deadline of one ticket. `nextCheckAt` is the next moment the sweeper has work on it (warning,
 * deadline, next escalation step): the sweep claims by that indexed column, so its cost follows the
 * number of due clocks, not of open tickets.
 */
@Entity('sla_clock')
@Index('sla_clock_due', ['nextCheckAt'], { where: `"next_check_at" IS NOT NULL` })
// The board's live figures (SlaQuery.board): at risk, overdue and breached clocks, small sets of the open ones.
@Index('sla_clock_board_warn', ['warnAt'], { where: `${BOARD_LIVE} AND breached_at IS NULL` })
@Index('sla_clock_board_due', ['dueAt'], { where: BOARD_LIVE })
@Index('sla_clock_board_breached', ['dueAt'], { where: `${BOARD_LIVE} AND breached_at IS NOT NULL` })
// The monthly summary's response-clock compliance, index-only over the month's answer clocks.
@Index('sla_clock_response_due', ['dueAt', 'status', 'metAt', 'breachedAt', 'originalDueAt'], { where: `purpose = 'response'` })
// HR's report: extended clocks (延期) judged against their original deadline; only they have one.
@Index('sla_clock_extended', ['originalDueAt'], { where: `"original_due_at" IS NOT NULL` })
@Index(['ticketId', 'purpose'])
@Index(['departmentId', 'status'])
export class SlaClock {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 20 }) purpose!: ClockPurpose;
  @Column({ type: 'varchar', length: 10 }) status!: ClockStatus;
  /** The responsible person and department now (kept current from handoff events). */
  @Column({ type: 'uuid' }) handlerId!: string;
  @Column({ type: 'uuid' }) departmentId!: string;
  /** The ticket's category, whose policy set the spans. */
  @Column({ type: 'varchar', length: 40 }) category!: string;
  @Column({ type: 'varchar', length: 40 }) calendar!: string;
  @Column({ type: 'int' }) spanMinutes!: number;
  @Column({ type: 'timestamptz' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) warnAt!: Date | null;
  @Column({ type: 'timestamptz' }) dueAt!: Date;
  /**
   * 延期: the deadline before the first approved extension moved `dueAt` (null: never extended). Reports
   * that judge lateness judge against it (`JUDGED_DUE`), so an extension never hides a late answer.
   */
  @Column({ type: 'timestamptz', nullable: true }) originalDueAt!: Date | null;
  @Column({ type: 'jsonb' }) explanation!: DueExplanation;
  @Column({ type: 'timestamptz', nullable: true }) warnedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
  @Column({ type: 'int', default: 0 }) escalationLevel!: number;
  @Column({ type: 'timestamptz', nullable: true }) metAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) pausedAt!: Date | null;
  /** Business minutes left when paused; the new due time is computed from these on resume. */
  @Column({ type: 'int', nullable: true }) remainingAtPause!: number | null;
  @Column({ type: 'int', default: 0 }) pausedMinutes!: number;
  @Column({ type: 'timestamptz', nullable: true }) nextCheckAt!: Date | null;
}
