import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The board's "open" figure per department, kept by the database (the triggers of the SlaBoard
 * migration append a delta row whenever a statement opens or closes a ticket's last live clock in a
 * department). Reading adds the deltas up; compacting folds them into one row per department.
 */
@Injectable()
export class SlaBoardCounts {
  constructor(private readonly db: DataSource) {}

  /**
   * Folds each department that has several delta rows (or a zero total) into one row. Safe beside
   * writers and other compactions under READ COMMITTED: the DELETE removes only committed rows it sees,
   * a concurrent compaction skips the rows this one deleted, and uncommitted deltas stay untouched.
   */
  async compact(em: EntityManager = this.db.manager): Promise<{ removed: number; written: number }> {
    const [row]: { removed: number; written: number }[] = await em.query(
      `WITH folded AS (
         DELETE FROM sla_board_count
          WHERE department_id IN (SELECT department_id FROM sla_board_count GROUP BY 1 HAVING count(*) > 1 OR sum(open) = 0)
         RETURNING department_id, open),
       written AS (
         INSERT INTO sla_board_count (department_id, open)
         SELECT department_id, sum(open) FROM folded GROUP BY 1 HAVING sum(open) <> 0
         RETURNING 1)
       SELECT (SELECT count(*) FROM folded)::int AS removed, (SELECT count(*) FROM written)::int AS written`,
    );
    return row;
  }
}
