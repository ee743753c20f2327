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
  /** 员工文明服务要求 2.②: forbidden expressions found in a reply that was kept (spoken), flagged for the supervisor. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) flagged!: string[];
  /** The category of each of `flagged`, in the same order (vulgar, profanity, sarcasm, idle_talk, buck_passing). */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) flaggedCategories!: string[];
  @Column({ type: 'timestamptz' }) at!: Date;
}
