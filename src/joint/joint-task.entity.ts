import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const JOINT_TASK_STATUSES = ['open', 'signed_off'] as const;
export type JointTaskStatus = (typeof JOINT_TASK_STATUSES)[number];

/**
 * 联合办理: a co-department's part of a ticket the ticket's department leads: what it must do, by when, who in
 * it does it (assigned by its supervisor) and the sign-off. The steps are in the ticket's history.
 */
@Entity('joint_task')
@Index('joint_task_ticket_status', ['ticketId', 'status'])
@Index('joint_task_department_status', ['departmentId', 'status'])
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
}
