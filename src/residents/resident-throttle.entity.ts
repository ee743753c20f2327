import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Requests to the residents' page per bucket (an address, a phone) and fixed window, counted in PostgreSQL so instances count together. */
@Entity('resident_throttle')
@Index(['windowEnd'])
export class ResidentThrottleRow {
  /** `fa:<address>` (filings), `fp:<phone hash>` (filings), `ta:<address>` (tracking), `pa:<address>` (place type-ahead). */
  @PrimaryColumn({ type: 'varchar', length: 100 }) bucket!: string;
  @PrimaryColumn({ type: 'timestamptz' }) windowStart!: Date;
  @Column({ type: 'timestamptz' }) windowEnd!: Date;
  @Column({ type: 'integer' }) attempts!: number;
}
