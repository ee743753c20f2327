import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts per bucket (an address, a username, or both) and fixed window, in the database so
 * that several app instances count together; one row per bucket and window, bumped atomically.
 */
@Entity('login_throttle')
@Index(['windowEnd'])
export class LoginThrottle {
  /** `a:<address>`, `u:<username>` or `ua:<username>|<address>`. */
  @PrimaryColumn({ type: 'varchar', length: 200 }) bucket!: string;
  @PrimaryColumn({ type: 'timestamptz' }) windowStart!: Date;
  /** When the window closes: the Retry-After of a refusal, and when the row may be purged. */
  @Column({ type: 'timestamptz' }) windowEnd!: Date;
  /** Failed sign-ins in the window, plus those being checked right now. */
  @Column({ type: 'integer' }) attempts!: number;
}
