import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per business day whose first-responder digest went out: the instance that inserts it sends the
 * day's notices in the same transaction, so several instances never send a day twice. Its id is the notices'
 * event id.
 */
@Entity('follow_through_digest')
export class FollowThroughDigest {
  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'follow_through_digest_pkey' }) day!: string;
  @Column({ type: 'uuid' }) id!: string;
  @Column({ type: 'timestamptz' }) sentAt!: Date;
}
