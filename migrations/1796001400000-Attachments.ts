import type { MigrationInterface, QueryRunner } from 'typeorm';
import { guardStatements, unguardStatements } from '../src/database/append-only.js';

/**
 * 第一篇 二.3: materials a resident hands in. `attachment` holds each file's facts (on which ticket, reply or
 * follow-up, its name, recognised type, size, SHA-256, who uploaded it when); `attachment_content` holds the
 * bytes once per distinct content, so a list of a ticket's files never reads them. Both are evidence
 * (append-only). The bytes are stored out of line and uncompressed: photos and PDFs are compressed already.
 */
export class Attachments1796001400000 implements MigrationInterface {
  name = 'Attachments1796001400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "reply_id" uuid, "follow_up_id" uuid, "file_name" character varying(200) NOT NULL, "content_type" character varying(40) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "store" character varying(10) NOT NULL, "uploaded_by_id" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4ddf01dc63699783bd73bc73fa" ON "attachment"  ("ticket_id", "uploaded_at") `);
    await queryRunner.query(
      `CREATE TABLE "attachment_content" ("sha256" character(64) NOT NULL, "content" bytea NOT NULL, "size" integer NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0be63c6c124640bfea595456485" PRIMARY KEY ("sha256"))`,
    );
    await queryRunner.query(`ALTER TABLE "attachment_content" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    for (const table of ['attachment', 'attachment_content']) for (const sql of guardStatements(table)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['attachment_content', 'attachment']) for (const sql of unguardStatements(table)) await queryRunner.query(sql);
    await queryRunner.query(`DROP TABLE "attachment_content"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4ddf01dc63699783bd73bc73fa"`);
    await queryRunner.query(`DROP TABLE "attachment"`);
  }
}
