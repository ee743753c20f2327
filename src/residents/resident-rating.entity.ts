import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 回访 answered on the residents' page: one per resolution (the unique index refuses a second, also two at
 * once), pointing at the follow-up it recorded. Append-only evidence.
 */
@Entity('resident_rating')
@Index(['ticketId', 'resolvedAt'], { unique: true })
export class ResidentRating {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  /** The resolution rated: the ticket's resolvedAt when the rating was given. */
  @Column({ type: 'timestamptz' }) resolvedAt!: Date;
  @Column({ type: 'uuid' }) followUpId!: string;
  @Column({ type: 'varchar', length: 20 }) verdict!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
