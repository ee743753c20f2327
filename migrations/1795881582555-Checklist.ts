import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Checklist1795881582555 implements MigrationInterface {
  name = 'Checklist1795881582555';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "ticket_requirement" ("ticket_id" uuid NOT NULL, "items" text array NOT NULL, "needs_promise" boolean NOT NULL DEFAULT false, "promised_at" TIMESTAMP WITH TIME ZONE, "needs_written_answer" boolean NOT NULL DEFAULT false, "written_answer_at" TIMESTAMP WITH TIME ZONE, "needs_follow_up" boolean NOT NULL DEFAULT true, "followed_up_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4a3ea0ad10309b2bd993282630b" PRIMARY KEY ("ticket_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "checklist_tick" ("ticket_id" uuid NOT NULL, "item" character varying(10) NOT NULL, "ticked_by_id" uuid, "ticked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text NOT NULL, "source" character varying(20) NOT NULL, CONSTRAINT "PK_6dddc312570b0019ee570375bb4" PRIMARY KEY ("ticket_id", "item"))',
    );
    await queryRunner.query(
      'CREATE TABLE "follow_up" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "by_id" uuid NOT NULL, "contact" character varying(10) NOT NULL, "verdict" character varying(20) NOT NULL, "note" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5c0a5f5b32937e47e0ab09d596c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_895332fed419c5b1c52e7d733e" ON "follow_up"  ("ticket_id", "at") ');
    await queryRunner.query(
      'CREATE TABLE "recurring_problem" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "place_key" character varying(200) NOT NULL, "category" character varying(40) NOT NULL, "community" character varying(60) NOT NULL, "building" character varying(30), "status" character varying(10) NOT NULL, "ticket_count" integer NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "analysis" text, "measure" text, "closed_by_id" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_58e71fd93b96e4989b426b08d59" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "recurring_problem_one_open" ON "recurring_problem"  ("place_key") WHERE "status" = \'open\'');
    await queryRunner.query(
      'CREATE TABLE "problem_sighting" ("ticket_id" uuid NOT NULL, "place_key" character varying(200) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "problem_id" uuid, CONSTRAINT "PK_ad2d914408798a152ed5f1fe834" PRIMARY KEY ("ticket_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_2264f69a5ad4c1010ad353e1f4" ON "problem_sighting"  ("place_key", "received_at") ');
    await queryRunner.query('ALTER TABLE "ticket_reply" ADD "flagged" text array NOT NULL DEFAULT \'{}\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "ticket_reply" DROP COLUMN "flagged"');
    await queryRunner.query('DROP INDEX "public"."IDX_2264f69a5ad4c1010ad353e1f4"');
    await queryRunner.query('DROP TABLE "problem_sighting"');
    await queryRunner.query('DROP INDEX "public"."recurring_problem_one_open"');
    await queryRunner.query('DROP TABLE "recurring_problem"');
    await queryRunner.query('DROP INDEX "public"."IDX_895332fed419c5b1c52e7d733e"');
    await queryRunner.query('DROP TABLE "follow_up"');
    await queryRunner.query('DROP TABLE "checklist_tick"');
    await queryRunner.query('DROP TABLE "ticket_requirement"');
  }
}
