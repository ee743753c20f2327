import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 延期: extension requests, and the clock's original deadline kept beside the moved one (compliance judges
 * against it; the monthly summary's response index covers it). 督办单: supervision orders with their own
 * clock, and their written feedback.
 */
export class ExtensionsSupervision1796001600000 implements MigrationInterface {
  name = 'ExtensionsSupervision1796001600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sla_clock" ADD "original_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."sla_clock_response_due"`);
    await queryRunner.query(
      `CREATE INDEX "sla_clock_response_due" ON "sla_clock" ("due_at", "status", "met_at", "breached_at", "original_due_at") WHERE purpose = 'response'`,
    );
    await queryRunner.query(
      `CREATE TABLE "ticket_extension" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "clock_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "requester_id" uuid NOT NULL, "department_id" uuid NOT NULL, "reason" text NOT NULL, "original_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "minutes" integer NOT NULL, "status" character varying(10) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, CONSTRAINT "ticket_extension_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ticket_extension_ticket" ON "ticket_extension" ("ticket_id", "requested_at") `);
    await queryRunner.query(`CREATE INDEX "ticket_extension_month" ON "ticket_extension" ("requested_at") `);
    await queryRunner.query(
      `CREATE TABLE "supervision_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid, "problem_id" uuid, "department_id" uuid NOT NULL, "issuer_id" uuid NOT NULL, "feedback_required" text NOT NULL, "status" character varying(20) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminders_passed" integer NOT NULL DEFAULT '0', "breached_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "next_check_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "supervision_order_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "supervision_order_due" ON "supervision_order" ("next_check_at") WHERE "next_check_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "supervision_order_department" ON "supervision_order" ("department_id", "issued_at") `);
    await queryRunner.query(`CREATE INDEX "supervision_order_ticket" ON "supervision_order" ("ticket_id") WHERE "ticket_id" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "supervision_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "text" text NOT NULL, "submitted_by_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decision" character varying(10), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, CONSTRAINT "supervision_feedback_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "supervision_feedback_order" ON "supervision_feedback" ("order_id", "submitted_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "supervision_feedback"`);
    await queryRunner.query(`DROP TABLE "supervision_order"`);
    await queryRunner.query(`DROP TABLE "ticket_extension"`);
    await queryRunner.query(`DROP INDEX "public"."sla_clock_response_due"`);
    await queryRunner.query(`CREATE INDEX "sla_clock_response_due" ON "sla_clock" ("due_at", "status", "met_at", "breached_at") WHERE purpose = 'response'`);
    await queryRunner.query(`ALTER TABLE "sla_clock" DROP COLUMN "original_due_at"`);
  }
}
