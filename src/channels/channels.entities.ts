import type { ChannelMessage } from './channel-messages.js';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One notice owed to one channel endpoint for one event: written by the after-commit consumer (one row per
 * event and endpoint, so a redelivered event adds nothing), sent by the channel sweep, retried with backoff,
 * `dead` after the policy's attempts (the dead letters admins list).
 */
@Entity('channel_delivery')
@Index(['eventId', 'endpoint'], { unique: true })
@Index('channel_delivery_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
export class ChannelDelivery {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'varchar', length: 60 }) eventName!: string;
  @Column({ type: 'uuid', nullable: true }) ticketId!: string | null;
  @Column({ type: 'varchar', length: 40 }) endpoint!: string;
  @Column({ type: 'varchar', length: 10 }) channel!: string;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) status!: 'pending' | 'sent' | 'dead' | 'skipped';
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  /** Later than createdAt when quiet hours held the notice back. */
  @Column({ type: 'timestamptz' }) nextAttemptAt!: Date;
  /** What is sent, rendered when routed (Chinese text, the ticket reference, no resident data). */
  @Column({ type: 'jsonb' }) message!: ChannelMessage;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}

/** Every attempt to send (evidence, append-only): channel, target (a resident's phone masked), event, attempt, result, latency. */
@Entity('channel_attempt')
@Index(['deliveryId'])
export class ChannelAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'bigint' }) deliveryId!: string;
  @Column({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'varchar', length: 40 }) endpoint!: string;
  @Column({ type: 'varchar', length: 10 }) channel!: string;
  @Column({ type: 'varchar', length: 200 }) target!: string;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ type: 'varchar', length: 10 }) result!: 'ok' | 'failed';
  @Column({ type: 'int', nullable: true }) httpStatus!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'int' }) latencyMs!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
}

export const CHANNELS_ENTITIES = [ChannelDelivery, ChannelAttempt];
