import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A resident's private tracking link: only the SHA-256 of its token is kept (a leaked table opens no page).
 * Revocable by staff; it stops working `resident.trackingRetentionDays` after the ticket closes.
 */
@Entity('resident_tracking_link')
@Index(['ticketId'])
export class TrackingLink {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  /** Hex SHA-256 of the 256-bit token. */
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) revokedById!: string | null;
}
