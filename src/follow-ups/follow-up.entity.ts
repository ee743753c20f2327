import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const VERDICTS = ['satisfied', 'basically_satisfied', 'dissatisfied', 'no_answer', 'unreachable'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const CONTACTS = ['phone', 'visit', 'sms', 'online'] as const;

/** 回访 (第二条): one attempt to reach the resident after handling, with their verdict. */
@Entity('follow_up')
@Index(['ticketId', 'at'])
export class FollowUp {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) byId!: string;
  @Column({ type: 'varchar', length: 10 }) contact!: string;
  @Column({ type: 'varchar', length: 20 }) verdict!: Verdict;
  @Column({ type: 'text' }) note!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
