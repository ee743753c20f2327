import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notice for one person (warnings, breaches, escalations), made from a domain event after commit. */
@Entity('notification')
@Index(['recipientId', 'createdAt'])
@Index('notification_once_per_event', ['eventId', 'recipientId'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The event it tells of: delivered at least once, noted once per recipient. */
  @Column({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'uuid' }) recipientId!: string;
  @Column({ type: 'uuid', nullable: true }) ticketId!: string | null;
  @Column({ type: 'varchar', length: 30 }) kind!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
}
