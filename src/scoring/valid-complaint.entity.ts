import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 有效投诉 (第十一条): the supervisor's determination on a complaint against an employee. */
@Entity('scoring_valid_complaint')
@Index(['ticketId', 'employeeId'], { unique: true })
@Index(['employeeId', 'decidedAt'])
export class ValidComplaint {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) employeeId!: string;
  @Column({ type: 'uuid', nullable: true }) departmentId!: string | null;
  @Column({ type: 'boolean' }) withinDuties!: boolean;
  @Column({ type: 'boolean' }) assignedBySupervisor!: boolean;
  @Column({ type: 'boolean' }) couldBeDoneAtOnce!: boolean;
  @Column({ type: 'varchar', length: 10 }) verdict!: 'valid' | 'invalid';
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid' }) decidedById!: string;
  @Column({ type: 'timestamptz' }) decidedAt!: Date;
}
