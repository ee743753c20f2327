import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scoring1795886346337 implements MigrationInterface {
  name = 'Scoring1795886346337';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scoring_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(10) NOT NULL, "rule" character varying(40) NOT NULL, "role" character varying(12) NOT NULL, "employee_id" uuid NOT NULL, "employee_name" character varying(60) NOT NULL, "department_id" uuid, "department_name" character varying(60), "points" integer NOT NULL, "amount_fen" bigint NOT NULL, "sanction" character varying(12) NOT NULL, "ticket_id" uuid NOT NULL, "source_kind" character varying(20) NOT NULL, "source_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "month" character varying(7) NOT NULL, "original_month" character varying(7) NOT NULL, "reverses_entry_id" uuid, "reason" text, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_84dcb4d0b46bd1bd1263b8f289e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "scoring_entry_one_reversal" ON "scoring_entry"  ("reverses_entry_id") WHERE "reverses_entry_id" IS NOT NULL');
    await queryRunner.query('CREATE INDEX "IDX_a787c1fe63db90ff7ab06987b4" ON "scoring_entry"  ("source_id") ');
    await queryRunner.query('CREATE INDEX "IDX_e244ff257c3e3d2c8de41355b0" ON "scoring_entry"  ("ticket_id") ');
    await queryRunner.query('CREATE INDEX "IDX_68509c660e9153e4cff92bcf94" ON "scoring_entry"  ("month", "employee_id") ');
    await queryRunner.query(
      'CREATE TABLE "scoring_month_close" ("month" character varying(7) NOT NULL, "closed_by_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c9421af61b7f22b47a01e75b9ed" PRIMARY KEY ("month"))',
    );
    await queryRunner.query(
      'CREATE TABLE "scoring_overreach" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "level" character varying(10) NOT NULL, "venue_kind" character varying(20) NOT NULL, "venue_name" character varying(100) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" character varying(10) NOT NULL, "attribution" character varying(20) NOT NULL, "economic_loss_fen" bigint NOT NULL, "responsible_id" uuid NOT NULL, "responsible_department_id" uuid, "supervisor_id" uuid, "basis" character varying(20) NOT NULL, "breach_id" uuid, "note" text, "registered_by_id" uuid NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3a4743ec22fe08316dc37bde86c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_256791fd9349bb175e61864ffc" ON "scoring_overreach"  ("occurred_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_0177fe212f3669232da0046625" ON "scoring_overreach"  ("ticket_id", "level", "day") ');
    await queryRunner.query(
      'CREATE TABLE "scoring_disciplinary_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "overreach_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "employee_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" character varying(12), "outcome_note" text, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_414292de90cb3c447379458da02" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_280b8585aac33c87c76f363239" ON "scoring_disciplinary_case"  ("overreach_id") ');
    await queryRunner.query('CREATE INDEX "IDX_8933d89afe63a694f8cc009f82" ON "scoring_disciplinary_case"  ("employee_id") ');
    await queryRunner.query(
      'CREATE TABLE "scoring_handler_term" ("id" BIGSERIAL NOT NULL, "ticket_id" uuid NOT NULL, "handler_id" uuid NOT NULL, "department_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a8447fa34add19cb75e826143b2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_a3ec0ba8c5087a8455500b5168" ON "scoring_handler_term"  ("handler_id", "started_at") ');
    await queryRunner.query('CREATE INDEX "IDX_b151788ae1de6213fed6fb0006" ON "scoring_handler_term"  ("ticket_id", "started_at") ');
    await queryRunner.query(
      'CREATE TABLE "scoring_breach" ("breach_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "handler_id" uuid NOT NULL, "department_id" uuid NOT NULL, "supervisor_id" uuid, "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f6a57279a925b37f593dede1a6e" PRIMARY KEY ("breach_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_63161d87b0dcf1872ac5ad78e8" ON "scoring_breach"  ("ticket_id", "breached_at") ');
    await queryRunner.query(
      'CREATE TABLE "scoring_valid_complaint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "employee_id" uuid NOT NULL, "department_id" uuid, "within_duties" boolean NOT NULL, "assigned_by_supervisor" boolean NOT NULL, "could_be_done_at_once" boolean NOT NULL, "verdict" character varying(10) NOT NULL, "reason" text NOT NULL, "decided_by_id" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_49a06e6c85b8135b9907953b7e5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_a713bc19eb10bf1b329e0be22b" ON "scoring_valid_complaint"  ("employee_id", "decided_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2c5d151010303ed5387f2f4e28" ON "scoring_valid_complaint"  ("ticket_id", "employee_id") ');
    await queryRunner.query(
      'CREATE TABLE "report_performance_snapshot" ("month" character varying(7) NOT NULL, "report" jsonb NOT NULL, "closed_by_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cea0b403f0dc30c6a352b5e5db5" PRIMARY KEY ("month"))',
    );
    // Rule 7: the ledger and the frozen reports are evidence; the database refuses to change or remove them.
    for (const table of ['scoring_entry', 'report_performance_snapshot']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    // Backfill the projections for tickets that existed before this module: who handled them when, and their breaches.
    await queryRunner.query(`INSERT INTO scoring_handler_term (ticket_id, handler_id, department_id, started_at, ended_at)
      SELECT h.ticket_id, (h.after->>'handlerId')::uuid, COALESCE((h.after->>'departmentId')::uuid, t.department_id), h.at,
             lead(h.at) OVER (PARTITION BY h.ticket_id ORDER BY h.at, h.id)
        FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id
       WHERE h.action IN ('assigned', 'handed_off', 'escalated_major') AND h.after ? 'handlerId'`);
    await queryRunner.query(`INSERT INTO scoring_breach (breach_id, ticket_id, purpose, handler_id, department_id, supervisor_id, breached_at)
      SELECT id, ticket_id, purpose, handler_id, department_id, supervisor_id, breached_at FROM sla_breach`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "report_performance_snapshot"');
    await queryRunner.query('DROP INDEX "public"."IDX_2c5d151010303ed5387f2f4e28"');
    await queryRunner.query('DROP INDEX "public"."IDX_a713bc19eb10bf1b329e0be22b"');
    await queryRunner.query('DROP TABLE "scoring_valid_complaint"');
    await queryRunner.query('DROP INDEX "public"."IDX_63161d87b0dcf1872ac5ad78e8"');
    await queryRunner.query('DROP TABLE "scoring_breach"');
    await queryRunner.query('DROP INDEX "public"."IDX_b151788ae1de6213fed6fb0006"');
    await queryRunner.query('DROP INDEX "public"."IDX_a3ec0ba8c5087a8455500b5168"');
    await queryRunner.query('DROP TABLE "scoring_handler_term"');
    await queryRunner.query('DROP INDEX "public"."IDX_8933d89afe63a694f8cc009f82"');
    await queryRunner.query('DROP INDEX "public"."IDX_280b8585aac33c87c76f363239"');
    await queryRunner.query('DROP TABLE "scoring_disciplinary_case"');
    await queryRunner.query('DROP INDEX "public"."IDX_0177fe212f3669232da0046625"');
    await queryRunner.query('DROP INDEX "public"."IDX_256791fd9349bb175e61864ffc"');
    await queryRunner.query('DROP TABLE "scoring_overreach"');
    await queryRunner.query('DROP TABLE "scoring_month_close"');
    await queryRunner.query('DROP INDEX "public"."IDX_68509c660e9153e4cff92bcf94"');
    await queryRunner.query('DROP INDEX "public"."IDX_e244ff257c3e3d2c8de41355b0"');
    await queryRunner.query('DROP INDEX "public"."IDX_a787c1fe63db90ff7ab06987b4"');
    await queryRunner.query('DROP INDEX "public"."scoring_entry_one_reversal"');
    await queryRunner.query('DROP TABLE "scoring_entry"');
  }
}
