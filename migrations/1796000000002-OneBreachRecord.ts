import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scoring reads breaches from the SLA module's record: its copy (scoring_breach) goes; the record gets the lookup's index. */
export class OneBreachRecord1796000000002 implements MigrationInterface {
  name = 'OneBreachRecord1796000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "sla_breach_ticket" ON "sla_breach" ("ticket_id", "breached_at") `);
    await queryRunner.query(`DROP TABLE "scoring_breach"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scoring_breach" ("breach_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "handler_id" uuid NOT NULL, "department_id" uuid NOT NULL, "supervisor_id" uuid, "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f6a57279a925b37f593dede1a6e" PRIMARY KEY ("breach_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_63161d87b0dcf1872ac5ad78e8" ON "scoring_breach" ("ticket_id", "breached_at") `);
    await queryRunner.query(`INSERT INTO scoring_breach (breach_id, ticket_id, purpose, handler_id, department_id, supervisor_id, breached_at)
      SELECT id, ticket_id, purpose, handler_id, department_id, supervisor_id, breached_at FROM sla_breach`);
    await queryRunner.query(`DROP INDEX "public"."sla_breach_ticket"`);
  }
}
