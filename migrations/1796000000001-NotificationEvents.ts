import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notices are made from delivered events after commit: each names its event, once per recipient. */
export class NotificationEvents1796000000001 implements MigrationInterface {
  name = 'NotificationEvents1796000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "event_id" uuid`);
    // Notices written before this change name no event: each gets an id of its own.
    await queryRunner.query(`UPDATE "notification" SET "event_id" = gen_random_uuid() WHERE "event_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "event_id" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "notification_once_per_event" ON "notification" ("event_id", "recipient_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notification_once_per_event"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "event_id"`);
  }
}
