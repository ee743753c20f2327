import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const EXTENSION_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/**
 * 延期: the handler asks, before a clock's deadline, for a later one; the supervisor of the clock's department
 * approves or refuses before the deadline passes. `originalDueAt` is the deadline the clock had when asked
 * (the clock keeps its first deadline too, `sla_clock.original_due_at`). Each step is a ticket history row.
 */
@Entity('ticket_extension')
@Index('ticket_extension_ticket', ['ticketId', 'requestedAt'])
@Index('ticket_extension_month', ['requestedAt'])
export class TicketExtension {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ticket_extension_pkey' }) id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'uuid' }) clockId!: string;
  @Column({ type: 'varchar', length: 20 }) purpose!: string;
  @Column({ type: 'uuid' }) requesterId!: string;
  /** The clock's department when asked: the department the extension counts for. */
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz' }) originalDueAt!: Date;
  @Column({ type: 'timestamptz' }) requestedDueAt!: Date;
  /** Business-agnostic length asked for, in minutes (requestedDueAt − originalDueAt): what the total cap adds up. */
  @Column({ type: 'int' }) minutes!: number;
  @Column({ type: 'varchar', length: 10 }) status!: ExtensionStatus;
  @Column({ type: 'timestamptz' }) requestedAt!: Date;
  @Column({ type: 'uuid', nullable: true }) decidedById!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNote!: string | null;
}
