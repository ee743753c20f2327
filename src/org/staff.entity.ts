import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Department } from './department.entity.js';
import type { Role } from './roles.js';

@Entity('staff')
export class Staff {
  @PrimaryGeneratedColumn('uuid') id!: string;

  @Column({ type: 'varchar', length: 60 }) name!: string;

  /** Stored lower-case; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  username!: string;

  /** 工号: the number HR's payroll knows the person by; optional, unique when set. */
  @Index('staff_employee_no', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  employeeNo!: string | null;

  /** scrypt$N$r$p$salt$hash — never the password itself. */
  @Column({ type: 'varchar', length: 200, select: false }) passwordHash!: string;

  @Column({ type: 'uuid', nullable: true }) departmentId!: string | null;

  @ManyToOne('Department', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department> | null;

  @Column({ type: 'text', array: true, default: () => "'{staff}'" }) roles!: Role[];

  @Column({ type: 'boolean', default: true }) active!: boolean;

  /**
   * Carried in every access and stream token and compared on every request: bumped by a password change,
   * a deactivation, a role change or a move to another department, which ends the tokens issued before.
   */
  @Column({ type: 'integer', default: 0, select: false }) tokenGeneration!: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
