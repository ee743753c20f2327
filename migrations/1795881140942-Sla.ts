import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sla1795881140942 implements MigrationInterface {
  name = 'Sla1795881140942';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "ticket_id" uuid, "kind" character varying(30) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_d34aa77b1cb788d36b3f750794" ON "notification"  ("recipient_id", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "sla_breach" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clock_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "handler_id" uuid NOT NULL, "department_id" uuid NOT NULL, "supervisor_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "breached_at" TIMESTAMP WITH TIME ZONE NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_485a2b768557b1abdad9e86c819" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_bdd11f666834209f46938d5b73" ON "sla_breach"  ("clock_id") ');
    await queryRunner.query('CREATE INDEX "IDX_25f58476ca3a268bece63fece9" ON "sla_breach"  ("handler_id", "breached_at") ');
    await queryRunner.query('CREATE INDEX "IDX_14ae893bafe1cd2f03cb8ce016" ON "sla_breach"  ("department_id", "breached_at") ');
    await queryRunner.query(
      'CREATE TABLE "sla_escalation" ("id" BIGSERIAL NOT NULL, "clock_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "level" integer NOT NULL, "recipients" uuid array NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2399bae5baec78f546d0d60ee0a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_c9b3a4a01bd7fc3887ce92e1da" ON "sla_escalation"  ("clock_id", "kind", "level") ');
    await queryRunner.query(
      'CREATE TABLE "sla_clock" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "status" character varying(10) NOT NULL, "handler_id" uuid NOT NULL, "department_id" uuid NOT NULL, "category" character varying(40) NOT NULL, "calendar" character varying(40) NOT NULL, "span_minutes" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "warn_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "explanation" jsonb NOT NULL, "warned_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT \'0\', "met_at" TIMESTAMP WITH TIME ZONE, "paused_at" TIMESTAMP WITH TIME ZONE, "remaining_at_pause" integer, "paused_minutes" integer NOT NULL DEFAULT \'0\', "next_check_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c2a8a96fd7eadc64be20e2fbd60" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_480db1d87f7425282dc7590831" ON "sla_clock"  ("department_id", "status") ');
    await queryRunner.query('CREATE INDEX "IDX_f6627dd54e29816a77f6f91291" ON "sla_clock"  ("ticket_id", "purpose") ');
    await queryRunner.query('CREATE INDEX "sla_clock_due" ON "sla_clock"  ("next_check_at") WHERE "next_check_at" IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."sla_clock_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_f6627dd54e29816a77f6f91291"');
    await queryRunner.query('DROP INDEX "public"."IDX_480db1d87f7425282dc7590831"');
    await queryRunner.query('DROP TABLE "sla_clock"');
    await queryRunner.query('DROP INDEX "public"."IDX_c9b3a4a01bd7fc3887ce92e1da"');
    await queryRunner.query('DROP TABLE "sla_escalation"');
    await queryRunner.query('DROP INDEX "public"."IDX_14ae893bafe1cd2f03cb8ce016"');
    await queryRunner.query('DROP INDEX "public"."IDX_25f58476ca3a268bece63fece9"');
    await queryRunner.query('DROP INDEX "public"."IDX_bdd11f666834209f46938d5b73"');
    await queryRunner.query('DROP TABLE "sla_breach"');
    await queryRunner.query('DROP INDEX "public"."IDX_d34aa77b1cb788d36b3f750794"');
    await queryRunner.query('DROP TABLE "notification"');
  }
}
