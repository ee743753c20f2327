import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Why a matter was reported to company leaders. */
export const LEADER_REPORT_REASONS = ['major', 'important'] as const;
export type LeaderReportReason = (typeof LEADER_REPORT_REASONS)[number];

/** 第一篇 一.8: the important matters that are reported in writing (反映较多、影响较大、涉及群众切身利益). */
export const IMPORTANT_MATTERS = ['many_reports', 'wide_impact', 'vital_interests'] as const;
export type ImportantMatter = (typeof IMPORTANT_MATTERS)[number];

/**
 * A written report to company leaders (第七条(六) 重大投诉必须马上报部门主管或公司领导; 第一篇 一.8): who
 * received it, when, what it said and who reported. Evidence: append-only, like the ticket's history.
 */
@Entity('leader_report')
@Index('leader_report_ticket', ['ticketId', 'reportedAt'])
@Index('leader_report_time', ['reportedAt', 'id'])
export class LeaderReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'leader_report_pkey' }) id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 12 }) reason!: LeaderReportReason;
  @Column({ type: 'text', array: true }) matters!: ImportantMatter[];
  @Column({ type: 'uuid', array: true }) recipientIds!: string[];
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'uuid', nullable: true }) reporterId!: string | null;
  @Column({ type: 'timestamptz' }) reportedAt!: Date;
}
