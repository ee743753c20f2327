import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-day counter for human references; incremented in the intake transaction, so numbers have no gaps. */
@Entity('ticket_reference_counter')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'int' }) last!: number;
}
