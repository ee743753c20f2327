import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ClockPurpose } from './sla-clock.entity.js';

/**
 * A deadline missed, with who was responsible at that moment (DESIGN decision 4). Never cleared or changed: a
 * late answer is a `SlaBreachMet` row of its own.
 */
@Entity('sla_breach')
@Index(['departmentId', 'breachedAt'])
// Scoring asks for a ticket's latest breach before an overreach (DESIGN decision 4).
@Index('sla_breach_ticket', ['ticketId', 'breachedAt'])
@Index(['handlerId', 'breachedAt'])
export class SlaBreach {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column({ type: 'uuid' }) clockId!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 20 }) purpose!: ClockPurpose;
  @Column({ type: 'uuid' }) handlerId!: string;
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'uuid', nullable: true }) supervisorId!: string | null;
  @Column({ type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'timestamptz' }) breachedAt!: Date;
}

/** When a breached deadline was met after all (late). At most one per breach; append-only like the breach. */
@Entity('sla_breach_met')
export class SlaBreachMet {
  @PrimaryColumn({ type: 'uuid' }) breachId!: string;
  @Column({ type: 'timestamptz' }) metAt!: Date;
}

/** Each warning and each escalation level fires once per clock: the unique key, not a check in code, ensures it. */
@Entity('sla_escalation')
@Index(['clockId', 'kind', 'level'], { unique: true })
export class SlaEscalation {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) clockId!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 12 }) kind!: 'warning' | 'escalation';
  @Column({ type: 'int' }) level!: number;
  @Column({ type: 'uuid', array: true }) recipients!: string[];
  @Column({ type: 'timestamptz' }) firedAt!: Date;
}
