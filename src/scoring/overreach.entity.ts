import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { fenColumn } from './scoring-entry.entity.js';
import type { Attribution, DisciplinaryOutcome, OverreachLevel, VenueKind } from './scoring.types.js';
import type { ResponsibilityBasis } from './dto/scoring.view.js';

/** 越级投诉 (第十条): the resident went over the company's head. One per ticket, level and business day. */
@Entity('scoring_overreach')
@Index(['ticketId', 'level', 'day'], { unique: true })
@Index(['occurredAt'])
export class Overreach {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'varchar', length: 10 }) level!: OverreachLevel;
  @Column({ type: 'varchar', length: 20 }) venueKind!: VenueKind;
  @Column({ type: 'varchar', length: 100 }) venueName!: string;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  /** The business day of `occurredAt` (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 }) day!: string;
  @Column({ type: 'varchar', length: 20 }) attribution!: Attribution;
  @Column({ type: 'bigint', transformer: fenColumn }) economicLossFen!: number;
  /** DESIGN decision 4, snapshots: who was responsible, their department and its supervisor at that moment. */
  @Column({ type: 'uuid' }) responsibleId!: string;
  @Column({ type: 'uuid', nullable: true }) responsibleDepartmentId!: string | null;
  @Column({ type: 'uuid', nullable: true }) supervisorId!: string | null;
  /** `breach`: handler when the failing clock breached; `handler`: when it happened; `first_responder`; `original_deadline`: when an extended clock passed its original deadline unmet. */
  @Column({ type: 'varchar', length: 20 }) basis!: ResponsibilityBasis;
  @Column({ type: 'uuid', nullable: true }) breachId!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'uuid' }) registeredById!: string;
  @Column({ type: 'timestamptz' }) registeredAt!: Date;
}

/** 第十条(三): disciplinary action against the supervisor, opened with the city-level charge. Append-only. */
@Entity('scoring_disciplinary_case')
@Index(['employeeId'])
export class DisciplinaryCase {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column({ type: 'uuid' }) overreachId!: string;
  @Column({ type: 'uuid' }) entryId!: string;
  @Column({ type: 'uuid' }) employeeId!: string;
  @Column({ type: 'uuid' }) ticketId!: string;
  @Column({ type: 'timestamptz' }) openedAt!: Date;
}

/**
 * HR's decision on a case (记过、降薪、降级、辞退 or none): a row of its own, not an edit of the case, so the
 * case stays as opened. Its key is the case: one outcome per case, enforced by the database.
 */
@Entity('scoring_disciplinary_outcome')
export class DisciplinaryOutcomeRecord {
  @PrimaryColumn({ type: 'uuid' }) caseId!: string;
  @Column({ type: 'varchar', length: 12 }) outcome!: DisciplinaryOutcome;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'uuid' }) decidedById!: string;
  @Column({ type: 'timestamptz' }) decidedAt!: Date;
}
