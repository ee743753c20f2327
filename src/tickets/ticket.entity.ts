import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AppointmentState, Channel, Disposition, Severity, TicketKind, TicketStatus } from './ticket.types.js';

@Entity('ticket')
@Index(['departmentId', 'status', 'receivedAt'])
@Index(['handlerId', 'status'])
@Index(['firstResponderId', 'status'])
@Index(['complainantPhone', 'category', 'status'])
@Index(['receivedAt', 'id'])
// The monthly summary's follow-up coverage: tickets resolved in a month (the open ones, most of the table, hold no entry).
@Index('ticket_resolved_at', ['resolvedAt'], { where: `"resolved_at" IS NOT NULL` })
// GET /tickets?q=: a GIN expression index of the searched text's unigrams and bigrams (TicketSearchGrams migration).
@Index('ticket_search_grams', { synchronize: false })
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** TS-20261128-0007: numbered per day in the business time zone. */
  @Column({ type: 'varchar', length: 24, unique: true }) reference!: string;
  /** 第三条: a complaint, a suggestion or an enquiry; only complaints feed overreach scoring. */
  @Column({ type: 'varchar', length: 12, default: 'complaint' }) kind!: TicketKind;
  @Column({ type: 'varchar', length: 12 }) channel!: Channel;
  @Column({ type: 'varchar', length: 12 }) status!: TicketStatus;
  @Column({ type: 'varchar', length: 16 }) disposition!: Disposition;
  @Column({ type: 'varchar', length: 10 }) severity!: Severity;
  @Column({ type: 'varchar', length: 40 }) category!: string;

  @Column({ type: 'varchar', length: 60 }) complainantName!: string;
  /** Normalised (13812345678 / 0371-62345678). */
  @Column({ type: 'varchar', length: 20 }) complainantPhone!: string;
  @Column({ type: 'varchar', length: 60 }) community!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) building!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) unit!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) room!: string | null;
  /** The register's place the address names (src/places), or null for a free-text address. */
  @Column({ type: 'uuid', nullable: true }) placeId!: string | null;

  @Column({ type: 'text' }) summary!: string;
  /** What the resident asks for (主要诉求). */
  @Column({ type: 'text' }) requests!: string;

  /** 首问负责制: whoever recorded it, fixed for good (the database refuses a change; first_claim online complaints: once, to the claimant). */
  @Column({ type: 'uuid' }) firstResponderId!: string;
  @Column({ type: 'uuid' }) handlerId!: string;
  @Column({ type: 'uuid' }) departmentId!: string;

  /** referred_out: the responsible unit and whether the resident asked for a written reply. */
  @Column({ type: 'varchar', length: 100, nullable: true }) referredTo!: string | null;
  @Column({ type: 'boolean', default: false }) writtenReplyRequested!: boolean;
  /** not_reaccepted: the earlier ticket and why it is not accepted again. */
  @Column({ type: 'uuid', nullable: true }) earlierTicketId!: string | null;
  @Column({ type: 'text', nullable: true }) notReacceptedReason!: string | null;
  /** appointment (约谈): when. */
  @Column({ type: 'timestamptz', nullable: true }) appointmentAt!: Date | null;
  /** appointment (约谈): booked, held or no_show; null for other dispositions. */
  @Column({ type: 'varchar', length: 10, nullable: true }) appointmentState!: AppointmentState | null;
  /** on_the_spot: the answer given at intake. */
  @Column({ type: 'text', nullable: true }) onTheSpotAnswer!: string | null;

  /** A ticket filed about a matter raised before (explicitly linked). */
  @Column({ type: 'uuid', nullable: true }) relatedTicketId!: string | null;
  @Column({ type: 'int', default: 0 }) repeatCount!: number;
  @Column({ type: 'int', default: 0 }) reopenCount!: number;

  @Column({ type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'timestamptz' }) registeredAt!: Date;
  @Column({ type: 'timestamptz' }) lastActivityAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;

  @Column({ type: 'int', default: 1 }) version!: number;
}
