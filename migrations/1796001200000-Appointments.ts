import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 第一篇 二.4(5) 约谈: where a ticket's appointment stands (booked, held, no_show), and the index the monthly
 * summary counts appointments and no-shows by. Appointments booked before this version are booked still.
 */
export class Appointments1796001200000 implements MigrationInterface {
  name = 'Appointments1796001200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" ADD "appointment_state" character varying(10)`);
    await queryRunner.query(`UPDATE "ticket" SET "appointment_state" = 'booked' WHERE "disposition" = 'appointment'`);
    await queryRunner.query(`CREATE INDEX "ticket_history_appointment" ON "ticket_history" ("at") WHERE "action" LIKE 'appointment_%'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_history_appointment"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "appointment_state"`);
  }
}
