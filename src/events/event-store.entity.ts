import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Every published domain event, written in the transaction that produced it. */
@Entity('domain_event')
@Index(['ticketId', 'occurredAt'])
export class StoredEvent {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 60 }) name!: string;
  @Column({ type: 'uuid', nullable: true }) ticketId!: string | null;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
}

/**
 * Transactional outbox: one row per (event, after-commit consumer), written with the event.
 * The dispatcher claims due rows with SKIP LOCKED; the partial index keeps the claim cheap.
 */
@Entity('outbox_delivery')
@Index('outbox_delivery_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index(['eventId', 'consumer'], { unique: true })
export class OutboxDelivery {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'varchar', length: 60 }) consumer!: string;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) status!: 'pending' | 'done' | 'dead';
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}

/** Consumers that write to the database record what they processed, so a redelivery changes nothing. */
@Entity('processed_event')
export class ProcessedEvent {
  @PrimaryColumn({ type: 'varchar', length: 60 }) consumer!: string;
  @PrimaryColumn('uuid') eventId!: string;
  @Column({ type: 'timestamptz' }) processedAt!: Date;
}
