import type { MigrationInterface, QueryRunner } from 'typeorm';
import { guardStatements, unguardStatements } from '../src/database/append-only.js';

/**
 * The residents' page: private tracking links (the token's hash only; revocable), the resident's consent to the
 * processing of their personal information (个人信息保护法, evidence: append-only), one-tap ratings (回访, one per
 * resolution, evidence: append-only) and the page's rate-limit buckets.
 */
export class ResidentPage1796002500000 implements MigrationInterface {
  name = 'ResidentPage1796002500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "resident_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "text_version" character varying(20) NOT NULL, "text" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5b3b94b19880f1d084997b63355" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f70d4580c8ad8a62d629e874a5" ON "resident_consent"  ("ticket_id") `);
    await queryRunner.query(
      `CREATE TABLE "resident_rating" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "follow_up_id" uuid NOT NULL, "verdict" character varying(20) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7d32a1436d1f4d855d944fc9bcd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d4f0f4ea0fdb1b12d0bb44698b" ON "resident_rating"  ("ticket_id", "resolved_at") `);
    await queryRunner.query(
      `CREATE TABLE "resident_throttle" ("bucket" character varying(100) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "PK_c1b7076a4b8535c8bc30dcea79b" PRIMARY KEY ("bucket", "window_start"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8fe4f0d610ef4c5e31b7f2c53f" ON "resident_throttle"  ("window_end") `);
    await queryRunner.query(
      `CREATE TABLE "resident_tracking_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by_id" uuid, CONSTRAINT "UQ_9a4a0d27bd82e18e5908a64cb60" UNIQUE ("token_hash"), CONSTRAINT "PK_cd2b7033d233da8cd329ec50ec9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_03665977947d16ce5624d514e6" ON "resident_tracking_link"  ("ticket_id") `);
    for (const table of ['resident_consent', 'resident_rating']) for (const sql of guardStatements(table)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['resident_consent', 'resident_rating']) for (const sql of unguardStatements(table)) await queryRunner.query(sql);
    await queryRunner.query(`DROP INDEX "public"."IDX_03665977947d16ce5624d514e6"`);
    await queryRunner.query(`DROP TABLE "resident_tracking_link"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8fe4f0d610ef4c5e31b7f2c53f"`);
    await queryRunner.query(`DROP TABLE "resident_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d4f0f4ea0fdb1b12d0bb44698b"`);
    await queryRunner.query(`DROP TABLE "resident_rating"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f70d4580c8ad8a62d629e874a5"`);
    await queryRunner.query(`DROP TABLE "resident_consent"`);
  }
}
