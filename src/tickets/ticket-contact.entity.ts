import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A repeat contact (重复访): the resident raised the same open matter again; linked, not a new clock. */
@Entity('ticket_contact')
@Index(['ticketId', 'at'])
export class TicketContact {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) recordedById!: string;
  @Column({ type: 'varchar', length: 12 }) channel!: string;
  @Column({ type: 'varchar', length: 60 }) complainantName!: string;
  @Column({ type: 'varchar', length: 20 }) complainantPhone!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
