import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_ONLY_TABLES, guardStatements, unguardStatements } from '../src/database/append-only.js';

/** Guarded by the migrations that created them (Tickets, Scoring). */
const GUARDED_EARLIER = ['ticket_history', 'domain_event', 'scoring_entry', 'report_performance_snapshot'];

/**
 * Every evidence table becomes append-only (src/database/append-only.ts lists them). The three that were
 * written to after insertion keep those later facts as rows of their own:
 * - `org_term.ended_at` goes: a term ends where the next term of the same post starts;
 * - `sla_breach.met_at` moves to `sla_breach_met` (one row per breach met late);
 * - the outcome of a disciplinary case moves to `scoring_disciplinary_outcome` (one row per case).
 * A table listed later, and created by a later migration, is guarded by that migration; the tamper tests
 * check every listed table.
 */
export class AppendOnlyEvidence1796000100000 implements MigrationInterface {
  name = 'AppendOnlyEvidence1796000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_term" DROP COLUMN "ended_at"`);

    await queryRunner.query(
      `CREATE TABLE "sla_breach_met" ("breach_id" uuid NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ca467ce8da26f0313e84e6a8043" PRIMARY KEY ("breach_id"))`,
    );
    await queryRunner.query(`INSERT INTO "sla_breach_met" (breach_id, met_at) SELECT id, met_at FROM "sla_breach" WHERE met_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "sla_breach" DROP COLUMN "met_at"`);

    await queryRunner.query(
      `CREATE TABLE "scoring_disciplinary_outcome" ("case_id" uuid NOT NULL, "outcome" character varying(12) NOT NULL, "note" text, "decided_by_id" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_53fe06a534c3e494f601f33dd25" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(`INSERT INTO "scoring_disciplinary_outcome" (case_id, outcome, note, decided_by_id, decided_at)
      SELECT id, outcome, outcome_note, decided_by_id, decided_at FROM "scoring_disciplinary_case" WHERE outcome IS NOT NULL`);
    for (const column of ['outcome', 'outcome_note', 'decided_by_id', 'decided_at']) {
      await queryRunner.query(`ALTER TABLE "scoring_disciplinary_case" DROP COLUMN "${column}"`);
    }

    for (const table of await this.unguarded(queryRunner)) {
      for (const sql of guardStatements(table)) await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY_TABLES.filter((t) => !GUARDED_EARLIER.includes(t))) {
      if (await queryRunner.hasTable(table)) for (const sql of unguardStatements(table)) await queryRunner.query(sql);
    }

    for (const [column, type] of [
      ['outcome', 'character varying(12)'],
      ['outcome_note', 'text'],
      ['decided_by_id', 'uuid'],
      ['decided_at', 'TIMESTAMP WITH TIME ZONE'],
    ]) {
      await queryRunner.query(`ALTER TABLE "scoring_disciplinary_case" ADD "${column}" ${type}`);
    }
    await queryRunner.query(`UPDATE "scoring_disciplinary_case" c SET outcome = o.outcome, outcome_note = o.note, decided_by_id = o.decided_by_id, decided_at = o.decided_at
      FROM "scoring_disciplinary_outcome" o WHERE o.case_id = c.id`);
    await queryRunner.query(`DROP TABLE "scoring_disciplinary_outcome"`);

    await queryRunner.query(`ALTER TABLE "sla_breach" ADD "met_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "sla_breach" b SET met_at = m.met_at FROM "sla_breach_met" m WHERE m.breach_id = b.id`);
    await queryRunner.query(`DROP TABLE "sla_breach_met"`);

    await queryRunner.query(`ALTER TABLE "org_term" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "org_term" t SET ended_at = n.ended_at
      FROM (SELECT id, lead(started_at) OVER (PARTITION BY kind, subject_id ORDER BY started_at, id) AS ended_at FROM "org_term") n WHERE n.id = t.id`);
  }

  /** The listed tables that exist now and have no guard yet. */
  private async unguarded(queryRunner: QueryRunner): Promise<string[]> {
    const rows: { table: string }[] = await queryRunner.query(
      `SELECT t AS table FROM unnest($1::text[]) t
        WHERE to_regclass(format('public.%I', t)) IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = to_regclass(format('public.%I', t)) AND g.tgname = t || '_append_only')`,
      [[...APPEND_ONLY_TABLES]],
    );
    return rows.map((r) => r.table);
  }
}
