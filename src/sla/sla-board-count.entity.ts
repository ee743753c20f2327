import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Insert-only deltas of the board's "open" figure: per department, +1 when a ticket gains its first live
 * non-activity clock there, −1 when it loses its last. Written by the statement triggers on `sla_clock`
 * (see the SlaBoard migration), so the count commits with the change that causes it and a busy
 * department has no hot row; `SlaBoardCounts.compact` folds the rows into one per department.
 */
@Entity('sla_board_count')
export class SlaBoardCount {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'int' }) open!: number;
}
