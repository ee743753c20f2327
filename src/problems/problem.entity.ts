import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** 第九条: the same kind of complaint recurring at one place, for analysis and a preventive measure. */
@Entity('recurring_problem')
@Index('recurring_problem_one_open', ['placeKey'], { unique: true, where: `"status" = 'open'` })
@Index('recurring_problem_department', ['departmentId', 'openedAt'])
export class RecurringProblem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** category|community|building (or category|community). */
  @Column({ type: 'varchar', length: 200 }) placeKey!: string;
  @Column({ type: 'varchar', length: 40 }) category!: string;
  @Column({ type: 'varchar', length: 60 }) community!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) building!: string | null;
  /** The department the category routes to, whose supervisor analyses it; scopes who sees it, like tickets. */
  @Column({ type: 'uuid' }) departmentId!: string;
  @Column({ type: 'varchar', length: 10 }) status!: 'open' | 'closed';
  @Column({ type: 'int' }) ticketCount!: number;
  @Column({ type: 'timestamptz' }) openedAt!: Date;
  @Column({ type: 'text', nullable: true }) analysis!: string | null;
  @Column({ type: 'text', nullable: true }) measure!: string | null;
  @Column({ type: 'uuid', nullable: true }) closedById!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}

/** Every new complaint's place, kept by this module from intake events, so it counts without reading tickets. */
@Entity('problem_sighting')
@Index(['placeKey', 'receivedAt'])
export class ProblemSighting {
  @PrimaryColumn('uuid') ticketId!: string;
  @Column({ type: 'varchar', length: 200 }) placeKey!: string;
  @Column({ type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'uuid', nullable: true }) problemId!: string | null;
}
