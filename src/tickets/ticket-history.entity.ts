import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE on it (see the migration's trigger). */
@Entity('ticket_history')
@Index(['ticketId', 'id'])
// The monthly summary's appointment figures (第一篇 二.4(5)): a small share of the history.
@Index('ticket_history_appointment', ['at'], { where: `"action" LIKE 'appointment_%'` })
export class TicketHistory {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  /** Staff id, or null for the scheduler. */
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 40 }) action!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
