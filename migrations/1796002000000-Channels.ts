import type { MigrationInterface, QueryRunner } from 'typeorm';
import { guardStatements, unguardStatements } from '../src/database/append-only.js';

/** Outgoing channels: one delivery per event and endpoint (retried, dead-lettered), and every attempt as evidence (append-only). */
export class Channels1796002000000 implements MigrationInterface {
  name = 'Channels1796002000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "channel_delivery" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "event_name" character varying(60) NOT NULL, "ticket_id" uuid, "endpoint" character varying(40) NOT NULL, "channel" character varying(10) NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "message" jsonb NOT NULL, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_859742caae17d3befc9308f51e6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "channel_delivery_due" ON "channel_delivery"  ("next_attempt_at") WHERE "status" = \'pending\'');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_9ddc3212e2c28ea4d3daf93c9b" ON "channel_delivery"  ("event_id", "endpoint") ');
    await queryRunner.query(
      'CREATE TABLE "channel_attempt" ("id" BIGSERIAL NOT NULL, "delivery_id" bigint NOT NULL, "event_id" uuid NOT NULL, "endpoint" character varying(40) NOT NULL, "channel" character varying(10) NOT NULL, "target" character varying(200) NOT NULL, "attempt" integer NOT NULL, "result" character varying(10) NOT NULL, "http_status" integer, "error" text, "latency_ms" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_279a438006044faf3e0c5cfaa7e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_7eb76dd494babcfcb1cd5d28e1" ON "channel_attempt"  ("delivery_id") ');
    for (const sql of guardStatements('channel_attempt')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of unguardStatements('channel_attempt')) await queryRunner.query(sql);
    await queryRunner.query('DROP INDEX "public"."IDX_7eb76dd494babcfcb1cd5d28e1"');
    await queryRunner.query('DROP TABLE "channel_attempt"');
    await queryRunner.query('DROP INDEX "public"."IDX_9ddc3212e2c28ea4d3daf93c9b"');
    await queryRunner.query('DROP INDEX "public"."channel_delivery_due"');
    await queryRunner.query('DROP TABLE "channel_delivery"');
  }
}
