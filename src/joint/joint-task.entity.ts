import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const JOINT_TASK_STATUSES = ['open', 'signed_off'] as const;
export type JointTaskStatus = (typeof JOINT_TASK_STATUSES)[number];

/**
 * 联合办理: a co-department's part of a ticket the ticket's department leads: what it must do, by when, who in
 * it does it (assigned by its supervisor) and the sign-off. The steps are in the ticket's history. The task keeps its
 * own clock: a handoff of the ticket moves the lead's clocks, never a co-department's task.
 */
@Entity('joint_task')
@Index('joint_task_ticket_status', ['ticketId', 'status'])
@Index('joint_task_department_status', ['departmentId', 'status'])
// The sweep claims due tasks by their next check, so its cost follows the due tasks, not the open ones.
@Index('joint_task_due', ['nextCheckAt'], { where: `"next_check_at" IS NOT NULL` })
export class JointTask {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'text' }) task!: string;
  @Column({ type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'uuid', nullable: true }) handlerId!: string | null;
  @Column({ type: 'varchar', length: 12 }) status!: JointTaskStatus;
  @Column({ type: 'uuid' }) createdById!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) signedOffAt!: Date | null;
  @Column({ type: 'text', nullable: true }) signOffNote!: string | null;
  /** The task's clock (swept like an SLA clock): warning point, when warned, breach at the due time, escalation level. */
  @Column({ type: 'timestamptz', nullable: true }) warnAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) warnedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
  @Column({ type: 'int', default: 0 }) escalationLevel!: number;
  /** The next warning, due time or escalation step; null once signed off or fully escalated. The sweep claims by it. */
  @Column({ type: 'timestamptz', nullable: true }) nextCheckAt!: Date | null;
}
