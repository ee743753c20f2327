import type { MigrationInterface, QueryRunner } from 'typeorm';
import { guardStatements } from '../src/database/append-only.js';

/**
 * 第七条(六), 第一篇 一.8: written reports to company leaders (recipients, time, content, reporter). Evidence:
 * append-only like the ticket's history, listed in src/database/append-only.ts.
 */
export class LeaderReports1796001100000 implements MigrationInterface {
  name = 'LeaderReports1796001100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "leader_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "reason" character varying(12) NOT NULL, "matters" text array NOT NULL, "recipient_ids" uuid array NOT NULL, "content" text NOT NULL, "reporter_id" uuid, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "leader_report_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "leader_report_ticket" ON "leader_report" ("ticket_id", "reported_at") `);
    await queryRunner.query(`CREATE INDEX "leader_report_time" ON "leader_report" ("reported_at", "id") `);
    for (const sql of guardStatements('leader_report')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "leader_report"`);
  }
}
