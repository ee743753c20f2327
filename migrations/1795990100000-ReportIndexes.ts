import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the monthly reports (docs/benchmarks.md, "HR monthly report" and "Monthly summary"):
 * - HR's report counts each handler's tickets of the month index-only: (handler_id, ticket_id, started_at,
 *   ended_at) replaces (handler_id, started_at), which nothing else read;
 * - the summary's response-clock compliance reads the month's answer clocks index-only;
 * - the summary's follow-up coverage finds the month's resolved tickets without scanning the open ones.
 */
export class ReportIndexes1795990100000 implements MigrationInterface {
  name = 'ReportIndexes1795990100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_a3ec0ba8c5087a8455500b5168"`);
    await queryRunner.query(`CREATE INDEX "IDX_63d617397c91a555a2b363ede4" ON "scoring_handler_term" ("handler_id", "ticket_id", "started_at", "ended_at") `);
    await queryRunner.query(`CREATE INDEX "sla_clock_response_due" ON "sla_clock" ("due_at", "status", "met_at", "breached_at") WHERE purpose = 'response'`);
    await queryRunner.query(`CREATE INDEX "ticket_resolved_at" ON "ticket" ("resolved_at") WHERE "resolved_at" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_resolved_at"`);
    await queryRunner.query(`DROP INDEX "public"."sla_clock_response_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_63d617397c91a555a2b363ede4"`);
    await queryRunner.query(`CREATE INDEX "IDX_a3ec0ba8c5087a8455500b5168" ON "scoring_handler_term" ("handler_id", "started_at") `);
  }
}
