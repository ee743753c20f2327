import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clocks the board counts as open: live and not the activity (stale) clock. A frozen copy of BOARD_LIVE (src/sla/sla-clock.entity.ts) as this migration created it: a migration must not change
 * meaning when the source does; the schema drift test fails if the entity's partial indexes and this disagree.
 */
const LIVE = `status IN ('running', 'paused') AND purpose <> 'activity'`;
/** A statement's changes to the live clocks, per transition table: +1 for a live row after, −1 before. */
const CHANGES = {
  INSERT: `SELECT department_id, ticket_id, 1 AS n FROM new_clock WHERE ${LIVE}`,
  DELETE: `SELECT department_id, ticket_id, -1 AS n FROM old_clock WHERE ${LIVE}`,
  UPDATE: `SELECT department_id, ticket_id, 1 AS n FROM new_clock WHERE ${LIVE} UNION ALL SELECT department_id, ticket_id, -1 AS n FROM old_clock WHERE ${LIVE}`,
};
/** The (department, ticket) pairs whose number of live clocks changed, and by how much. */
const pairsOf = (changes: string) => `SELECT department_id, ticket_id, sum(n)::int AS n FROM (${changes}) x GROUP BY 1, 2 HAVING sum(n) <> 0`;
/** LIVE, on the `sla_clock c` of the counting queries. */
const LIVE_C = `c.status IN ('running', 'paused') AND c.purpose <> 'activity'`;
/** The delta per department from the pairs `p` and the live clocks now of each pair (`now_live`). */
const countDelta = (pairs: string, nowLive: string) => `WITH p AS MATERIALIZED (${pairs}),
      now_live AS (${nowLive}),
      delta AS (
        SELECT p.department_id,
               sum(CASE WHEN p.n > 0 THEN (coalesce(l.n, 0) = p.n)::int ELSE -(coalesce(l.n, 0) = 0)::int END) AS open
          FROM p LEFT JOIN now_live l ON l.department_id = p.department_id AND l.ticket_id = p.ticket_id
         GROUP BY 1)
      INSERT INTO sla_board_count (department_id, open) SELECT department_id, open FROM delta WHERE open <> 0`;
/** A few pairs (a command): one index lookup each, static SQL whose cached plan fits every call. */
const byLookup = (changes: string) =>
  countDelta(
    pairsOf(changes),
    `SELECT p.department_id, p.ticket_id, l.n FROM p CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM sla_clock c WHERE c.ticket_id = p.ticket_id AND c.department_id = p.department_id AND ${LIVE_C}) l`,
  );
/** Many pairs (a bulk load, perhaps while the indexes are dropped): dynamic SQL planned for its size. */
const byJoin = (changes: string) =>
  countDelta(
    pairsOf(changes),
    `SELECT c.department_id, c.ticket_id, count(*)::int AS n
        FROM sla_clock c JOIN p ON p.department_id = c.department_id AND p.ticket_id = c.ticket_id
       WHERE ${LIVE_C} GROUP BY 1, 2`,
  );
/**
 * Locks the changed tickets (advisory, hashed into 1,024 buckets taken in ascending order, so a bulk
 * statement takes at most 1,024 locks), then counts with a fresh snapshot.
 */
const branch = (changes: string) => `
    PERFORM pg_advisory_xact_lock(hashtext('sla_board'), b) FROM (SELECT DISTINCT hashtext(ticket_id::text) & 1023 AS b FROM (${pairsOf(changes)}) p ORDER BY 1) s;
    GET DIAGNOSTICS buckets = ROW_COUNT;
    IF buckets = 0 THEN
      RETURN NULL;
    ELSIF buckets <= 16 THEN
      ${byLookup(changes)};
    ELSE
      EXECUTE $q$${byJoin(changes)}$q$;
    END IF;`;

/**
 * The board's "open" figure kept by the database: per department, the number of distinct tickets with
 * a live non-activity clock, as insert-only delta rows in `sla_board_count` written by statement-level
 * triggers (a bulk INSERT … SELECT or a set-based UPDATE stays one set-based step). The board adds the
 * deltas up; the sweep compacts them. "At risk", "breached" and the oldest overdue are read live through
 * the partial indexes below, whose size follows the warned and overdue clocks only.
 *
 * Distinctness: for each (department, ticket) the statement changed, the trigger compares the number of
 * live clocks after the statement with the number before it (after − new rows + old rows) and writes +1
 * when the pair appears, −1 when it disappears. Under READ COMMITTED it first takes an advisory lock on
 * the ticket (hashed into 1,024 buckets, so a bulk statement takes at most 1,024 locks), held to commit,
 * and counts afterwards with a fresh snapshot: two transactions changing clocks of the same ticket
 * count one after the other, each seeing the other's committed clocks, so the deltas add up exactly.
 */
export class SlaBoard1795990000000 implements MigrationInterface {
  name = 'SlaBoard1795990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "sla_board_count" ("id" BIGSERIAL NOT NULL, "department_id" uuid NOT NULL, "open" integer NOT NULL, CONSTRAINT "PK_59560cc7f1646a0a43cd2edf032" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(`CREATE INDEX "sla_clock_board_warn" ON "sla_clock" ("warn_at") WHERE ${LIVE} AND breached_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "sla_clock_board_due" ON "sla_clock" ("due_at") WHERE ${LIVE}`);
    await queryRunner.query(`CREATE INDEX "sla_clock_board_breached" ON "sla_clock" ("due_at") WHERE ${LIVE} AND breached_at IS NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION sla_board_count_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  buckets int;
BEGIN
  IF TG_OP = 'INSERT' THEN${branch(CHANGES.INSERT)}
  ELSIF TG_OP = 'DELETE' THEN${branch(CHANGES.DELETE)}
  ELSE${branch(CHANGES.UPDATE)}
  END IF;
  RETURN NULL;
END
$fn$`);
    await queryRunner.query(`CREATE FUNCTION sla_board_count_reset() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM sla_board_count;
  RETURN NULL;
END
$fn$`);
    await queryRunner.query(
      `CREATE TRIGGER sla_clock_board_insert AFTER INSERT ON "sla_clock" REFERENCING NEW TABLE AS new_clock FOR EACH STATEMENT EXECUTE FUNCTION sla_board_count_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER sla_clock_board_update AFTER UPDATE ON "sla_clock" REFERENCING OLD TABLE AS old_clock NEW TABLE AS new_clock FOR EACH STATEMENT EXECUTE FUNCTION sla_board_count_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER sla_clock_board_delete AFTER DELETE ON "sla_clock" REFERENCING OLD TABLE AS old_clock FOR EACH STATEMENT EXECUTE FUNCTION sla_board_count_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER sla_clock_board_truncate AFTER TRUNCATE ON "sla_clock" FOR EACH STATEMENT EXECUTE FUNCTION sla_board_count_reset()`,
    );
    // The triggers hold their table lock to commit, so the backfill counts a state no writer can change.
    await queryRunner.query(
      `INSERT INTO sla_board_count (department_id, open) SELECT department_id, count(DISTINCT ticket_id) FROM sla_clock WHERE ${LIVE} GROUP BY 1`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER sla_clock_board_truncate ON "sla_clock"`);
    await queryRunner.query(`DROP TRIGGER sla_clock_board_delete ON "sla_clock"`);
    await queryRunner.query(`DROP TRIGGER sla_clock_board_update ON "sla_clock"`);
    await queryRunner.query(`DROP TRIGGER sla_clock_board_insert ON "sla_clock"`);
    await queryRunner.query(`DROP FUNCTION sla_board_count_reset()`);
    await queryRunner.query(`DROP FUNCTION sla_board_count_change()`);
    await queryRunner.query(`DROP INDEX "public"."sla_clock_board_breached"`);
    await queryRunner.query(`DROP INDEX "public"."sla_clock_board_due"`);
    await queryRunner.query(`DROP INDEX "public"."sla_clock_board_warn"`);
    await queryRunner.query(`DROP TABLE "sla_board_count"`);
  }
}
