import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AttachmentType } from '../config/policy.js';

export const STORES = ['database', 's3'] as const;
export type StoreKind = (typeof STORES)[number];

/**
 * 第一篇 二.3: one file a resident handed in (a photo, a letter), on a ticket and optionally on one of its
 * replies or follow-up visits. Evidence: append-only. The bytes are elsewhere, named by their SHA-256, so
 * listing a ticket's files never reads them.
 */
@Entity('attachment')
@Index(['ticketId', 'uploadedAt'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid', nullable: true }) replyId!: string | null;
  @Column({ type: 'uuid', nullable: true }) followUpId!: string | null;
  @Column({ type: 'varchar', length: 200 }) fileName!: string;
  /** The type its bytes were recognised as (never only the declared one). */
  @Column({ type: 'varchar', length: 40 }) contentType!: AttachmentType;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  /** Where the bytes are kept: `attachment_content` or the S3 bucket. */
  @Column({ type: 'varchar', length: 10 }) store!: StoreKind;
  @Column({ type: 'uuid' }) uploadedById!: string;
  @Column({ type: 'timestamptz' }) uploadedAt!: Date;
}

/** The bytes of files kept in PostgreSQL, once per distinct content (content-addressed). Evidence: append-only. */
@Entity('attachment_content')
export class AttachmentContent {
  @PrimaryColumn({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'bytea' }) content!: Buffer;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'timestamptz' }) storedAt!: Date;
}
