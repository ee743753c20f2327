import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 联合办理: a co-department's task gets a clock the sweep follows — warning point, when warned, breach, escalation
 * level and the next check (indexed, the sweep claims by it). Open tasks made before have no warning point: their
 * next check is their due time, so one already past due breaches at the first sweep.
 */
export class JointTaskClock1796002200000 implements MigrationInterface {
  name = 'JointTaskClock1796002200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "joint_task" ADD "warn_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "joint_task" ADD "warned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "joint_task" ADD "breached_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "joint_task" ADD "escalation_level" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "joint_task" ADD "next_check_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "joint_task" SET "next_check_at" = "due_at" WHERE "status" = 'open'`);
    await queryRunner.query(`CREATE INDEX "joint_task_due" ON "joint_task" ("next_check_at") WHERE "next_check_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."joint_task_due"`);
    await queryRunner.query(`ALTER TABLE "joint_task" DROP COLUMN "next_check_at"`);
    await queryRunner.query(`ALTER TABLE "joint_task" DROP COLUMN "escalation_level"`);
    await queryRunner.query(`ALTER TABLE "joint_task" DROP COLUMN "breached_at"`);
    await queryRunner.query(`ALTER TABLE "joint_task" DROP COLUMN "warned_at"`);
    await queryRunner.query(`ALTER TABLE "joint_task" DROP COLUMN "warn_at"`);
  }
}
