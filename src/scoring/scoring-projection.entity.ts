import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who handled a ticket when, kept by this module from the tickets module's events (received, handed off,
 * escalated), so DESIGN decision 4 is answered without reading the tickets module's tables.
 */
@Entity('scoring_handler_term')
@Index(['ticketId', 'startedAt'])
// HR's report counts each handler's tickets of a month index-only, in handler order, and pages one handler's list.
@Index(['handlerId', 'ticketId', 'startedAt', 'endedAt'])
export class ScoringHandlerTerm {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) handlerId!: string;
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'timestamptz' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}
