import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * 首问负责制 (第二条), `resident.firstResponder.mode: first_claim`: an online complaint is recorded with the online
 * desk's duty clerk as first responder, and the first staff member of the department in charge who claims it
 * before `claimableUntil` becomes its first responder instead. Set once: the database refuses a second claim, a
 * claim after the window, a moved window and a removed row, and it lets the ticket's first responder change only
 * from the duty clerk to the claimant this row names (migration OnlineClaim).
 */
@Entity('ticket_claim')
export class TicketClaim {
  @PrimaryColumn({ type: 'uuid' }) ticketId!: string;
  /** The first responder the ticket was recorded with: the online desk's duty clerk. */
  @Column({ type: 'uuid' }) dutyClerkId!: string;
  @Column({ type: 'timestamptz' }) claimableUntil!: Date;
  @Column({ type: 'uuid', nullable: true }) claimedById!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) claimedAt!: Date | null;
}
