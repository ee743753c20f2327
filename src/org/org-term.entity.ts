import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who took up a post when: a department's supervisor, or a staff member's department. DESIGN decision 4 charges
 * the people in post when a failure happened, so terms are kept, never overwritten: a term lasts until
 * the next row for the same post starts (a vacancy is a row with no holder). Append-only.
 */
@Entity('org_term')
@Index(['kind', 'subjectId', 'startedAt'])
export class OrgTerm {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  /** `supervisor`: subject = department, holder = staff. `membership`: subject = staff, holder = department. */
  @Column({ type: 'varchar', length: 20 }) kind!: 'supervisor' | 'membership';
  @Column({ type: 'uuid' }) subjectId!: string;
  @Column({ type: 'uuid', nullable: true }) holderId!: string | null;
  @Column({ type: 'timestamptz' }) startedAt!: Date;
}
