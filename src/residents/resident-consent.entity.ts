import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 个人信息保护法 第十四条: the resident's explicit consent, with the text version and purpose they agreed to,
 * kept as evidence (append-only) for the ticket (or the ticket a repeat submission joined).
 */
@Entity('resident_consent')
@Index(['ticketId'])
export class ResidentConsent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 20 }) textVersion!: string;
  /** The text shown, as agreed to: the purpose of the processing is in it. */
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
