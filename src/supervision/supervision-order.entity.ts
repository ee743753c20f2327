import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SUPERVISION_STATUSES = ['open', 'feedback_submitted', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const FEEDBACK_DECISIONS = ['accepted', 'rejected'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];

/**
 * 督办单: a manager's order to a responsible department, on a ticket or on a recurring problem, with a deadline
 * and the written feedback (书面反馈) it requires. It keeps its own clock (`dueAt`, `nextCheckAt`, reminders sent,
 * `breachedAt`): the SLA sweeper's clocks belong to tickets and their calendars, and a problem has neither.
 * It closes only when the issuing manager accepts the feedback.
 */
@Entity('supervision_order')
@Index('supervision_order_due', ['nextCheckAt'], { where: `"next_check_at" IS NOT NULL` })
@Index('supervision_order_department', ['departmentId', 'issuedAt'])
@Index('supervision_order_ticket', ['ticketId'], { where: `"ticket_id" IS NOT NULL` })
export class SupervisionOrder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'supervision_order_pkey' }) id!: string;
  @Column({ type: 'uuid', nullable: true }) ticketId!: string | null;
  @Column({ type: 'uuid', nullable: true }) problemId!: string | null;
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'uuid' }) issuerId!: string;
  @Column({ type: 'text' }) feedbackRequired!: string;
  @Column({ type: 'varchar', length: 20 }) status!: SupervisionStatus;
  @Column({ type: 'timestamptz' }) issuedAt!: Date;
  @Column({ type: 'timestamptz' }) dueAt!: Date;
  /** How many of the policy's reminder points (supervision.remindAtPercent) have passed. */
  @Column({ type: 'int', default: 0 }) remindersPassed!: number;
  @Column({ type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  /** The next reminder point or the deadline; null once closed and breached. The sweep claims by it. */
  @Column({ type: 'timestamptz', nullable: true }) nextCheckAt!: Date | null;
}

/** 书面反馈: what the responsible department wrote back, and the issuing manager's decision on it. */
@Entity('supervision_feedback')
@Index('supervision_feedback_order', ['orderId', 'submittedAt'])
export class SupervisionFeedback {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'supervision_feedback_pkey' }) id!: string;
  @Column({ type: 'uuid' }) orderId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'uuid' }) submittedById!: string;
  @Column({ type: 'timestamptz' }) submittedAt!: Date;
  @Column({ type: 'varchar', length: 10, nullable: true }) decision!: FeedbackDecision | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNote!: string | null;
}
