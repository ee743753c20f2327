import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A stream token opens one stream: its id is recorded when used, so no instance accepts it again. */
@Entity('stream_token_use')
@Index(['expiresAt'])
export class StreamTokenUse {
  @PrimaryColumn({ type: 'uuid' }) tokenId!: string;
  @Column({ type: 'uuid' }) staffId!: string;
  @Column({ type: 'timestamptz' }) usedAt!: Date;
  /** The token's own expiry: after it the signature check refuses the token, and the row may go. */
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
