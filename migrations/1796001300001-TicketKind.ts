import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 第三条: a ticket is a complaint (every ticket so far), a suggestion (建议) or an enquiry (咨询). */
export class TicketKind1796001300001 implements MigrationInterface {
  name = 'TicketKind1796001300001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" ADD "kind" character varying(12) NOT NULL DEFAULT 'complaint'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "kind"`);
  }
}
