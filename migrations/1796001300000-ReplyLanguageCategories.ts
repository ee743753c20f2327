import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 员工文明服务要求 2.② and 第五条: a flagged reply keeps the category of each forbidden expression found (vulgar,
 * profanity, sarcasm, idle_talk, buck_passing), beside `flagged` in the same order. Replies flagged before hold
 * none: the table is append-only, so they are not back-filled.
 */
export class ReplyLanguageCategories1796001300000 implements MigrationInterface {
  name = 'ReplyLanguageCategories1796001300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket_reply" ADD "flagged_categories" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket_reply" DROP COLUMN "flagged_categories"`);
  }
}
