import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed logins, kept in the database so throttling holds across several app instances. */
@Entity('login_attempt')
@Index(['username', 'attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'varchar', length: 40 }) username!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ type: 'timestamptz' }) attemptedAt!: Date;
}
