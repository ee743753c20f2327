import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 派单/签收/退单: `dispatch`, a ticket handed to a department with its own sign-for clock, and `dispatch_return`,
 * a department's return and the dispatcher's decision. Each step is also a row of the ticket's history (evidence);
 * these tables hold the current state (signed, returned, decided), so they change and are not append-only.
 */
export class Dispatch1796001500000 implements MigrationInterface {
  name = 'Dispatch1796001500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dispatch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "from_person_id" uuid NOT NULL, "from_department_id" uuid NOT NULL, "to_department_id" uuid NOT NULL, "note" text NOT NULL, "status" character varying(10) NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL, "warn_at" TIMESTAMP WITH TIME ZONE, "sign_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "warned_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT 0, "next_check_at" TIMESTAMP WITH TIME ZONE, "returns_closed" boolean NOT NULL DEFAULT false, "signed_at" TIMESTAMP WITH TIME ZONE, "signed_by_id" uuid, "handler_id" uuid, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "dispatch_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "dispatch_ticket" ON "dispatch" ("ticket_id", "dispatched_at") `);
    await queryRunner.query(`CREATE INDEX "dispatch_due" ON "dispatch" ("next_check_at") WHERE "next_check_at" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "dispatch_return" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispatch_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "from_department_id" uuid NOT NULL, "to_department_id" uuid NOT NULL, "returned_by_id" uuid NOT NULL, "reason_code" character varying(30) NOT NULL, "note" text NOT NULL, "returned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verdict" character varying(10), "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, CONSTRAINT "dispatch_return_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "dispatch_return_dispatch" ON "dispatch_return" ("dispatch_id", "returned_at") `);
    await queryRunner.query(`CREATE INDEX "dispatch_return_ticket" ON "dispatch_return" ("ticket_id") `);
    await queryRunner.query(`CREATE INDEX "dispatch_return_month" ON "dispatch_return" ("returned_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."dispatch_return_month"`);
    await queryRunner.query(`DROP INDEX "public"."dispatch_return_ticket"`);
    await queryRunner.query(`DROP INDEX "public"."dispatch_return_dispatch"`);
    await queryRunner.query(`DROP TABLE "dispatch_return"`);
    await queryRunner.query(`DROP INDEX "public"."dispatch_due"`);
    await queryRunner.query(`DROP INDEX "public"."dispatch_ticket"`);
    await queryRunner.query(`DROP TABLE "dispatch"`);
  }
}
