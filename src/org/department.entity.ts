import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Staff } from './staff.entity.js';

@Entity('department')
export class Department {
  @PrimaryGeneratedColumn('uuid') id!: string;

  /** Short code the policy's routing refers to (报修 -> ENG). */
  @Column({ type: 'varchar', length: 20, unique: true }) code!: string;

  @Column({ type: 'varchar', length: 60 }) name!: string;

  @Column({ type: 'uuid', nullable: true }) supervisorId!: string | null;

  @ManyToOne('Staff', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervisor_id' })
  supervisor?: Relation<Staff> | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
