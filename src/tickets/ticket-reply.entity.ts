import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An answer given to the resident (答复), by phone, visit, message or in writing. */
@Entity('ticket_reply')
@Index(['ticketId', 'at'])
export class TicketReply {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) authorId!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: 'reply' | 'written';
  @Column({ type: 'varchar', length: 12 }) via!: string;
  @Column({ type: 'text' }) content!: string;
  /** The reply tells the resident the process and result (复清楚). */
  @Column({ type: 'boolean', default: false }) final!: boolean;
  /** Forbidden expressions found in flag mode: kept, and flagged for the supervisor. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) flagged!: string[];
  @Column({ type: 'timestamptz' }) at!: Date;
}
