import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A state-changing request's key, scoped per user, stored with its response in the same transaction as the change. */
@Entity('idempotency_key')
@Index(['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn('uuid') userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 100 }) key!: string;
  @Column({ type: 'char', length: 64 }) requestHash!: string;
  @Column({ type: 'int' }) responseStatus!: number;
  @Column({ type: 'jsonb' }) responseBody!: unknown;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
