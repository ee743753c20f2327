import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `closed`: ended unsigned because the ticket moved on otherwise (handed to another department, resolved or closed). */
export const DISPATCH_STATUSES = ['open', 'signed', 'returned', 'closed'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
/** `withdrawn`: still undecided when its dispatch ended otherwise (a handoff elsewhere, the ticket resolved or closed). */
export const RETURN_VERDICTS = ['accepted', 'rejected', 'withdrawn'] as const;
export type ReturnVerdict = (typeof RETURN_VERDICTS)[number];

/**
 * 派单: a ticket handed to a department, which signs for it (签收) by `signDueAt` or returns it (退单) within that
 * span. It keeps its own clock (`warnAt`, `signDueAt`, `nextCheckAt`): the ticket's response clock runs on beside it.
 * `returnsClosed` is set when the dispatcher rejects a return: the department must sign. Each step is also a row of
 * the ticket's history (evidence); this row holds the current state, so it changes and is not append-only.
 */
@Entity('dispatch')
@Index('dispatch_ticket', ['ticketId', 'dispatchedAt'])
@Index('dispatch_due', ['nextCheckAt'], { where: `"next_check_at" IS NOT NULL` })
export class Dispatch {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dispatch_pkey' }) id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  /** Who dispatched, and the department that dispatched (the ticket's department before the dispatch). */
  @Column({ type: 'uuid' }) fromPersonId!: string;
  @Column({ type: 'uuid' }) fromDepartmentId!: string;
  @Column({ type: 'uuid' }) toDepartmentId!: string;
  @Column({ type: 'text' }) note!: string;
  @Column({ type: 'varchar', length: 10 }) status!: DispatchStatus;
  @Column({ type: 'timestamptz' }) dispatchedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) warnAt!: Date | null;
  @Column({ type: 'timestamptz' }) signDueAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) warnedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
  /** 0 before the breach; 1 escalated to the receiving department's supervisor; 2 to company leaders. */
  @Column({ type: 'int', default: 0 }) escalationLevel!: number;
  /** The warning, the deadline or the leaders' escalation still to come while unsigned; null once ended or escalated to leaders. The sweep claims by it. */
  @Column({ type: 'timestamptz', nullable: true }) nextCheckAt!: Date | null;
  @Column({ type: 'boolean', default: false }) returnsClosed!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) signedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) signedById!: string | null;
  @Column({ type: 'uuid', nullable: true }) handlerId!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}

/** 退单: the receiving department sends a dispatch back with a reason; the dispatcher accepts or rejects. */
@Entity('dispatch_return')
@Index('dispatch_return_dispatch', ['dispatchId', 'returnedAt'])
@Index('dispatch_return_ticket', ['ticketId'])
@Index('dispatch_return_month', ['returnedAt'])
export class DispatchReturn {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dispatch_return_pkey' }) id!: string;
  @Column({ type: 'uuid' }) dispatchId!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  /** The department that returned (the dispatch's receiving department) and the one it returned to (the dispatcher's). */
  @Column({ type: 'uuid' }) fromDepartmentId!: string;
  @Column({ type: 'uuid' }) toDepartmentId!: string;
  @Column({ type: 'uuid' }) returnedById!: string;
  @Column({ type: 'varchar', length: 30 }) reasonCode!: string;
  @Column({ type: 'text' }) note!: string;
  @Column({ type: 'timestamptz' }) returnedAt!: Date;
  @Column({ type: 'varchar', length: 10, nullable: true }) verdict!: ReturnVerdict | null;
  @Column({ type: 'uuid', nullable: true }) decidedById!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNote!: string | null;
}
