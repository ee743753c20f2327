import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 联合办理: `joint_task`, a co-department's part of a ticket another department leads — its task, due time,
 * handler and sign-off. Each step is also a row of the ticket's history (evidence); this table holds the
 * current state of the task, so it changes (assigned, signed off) and is not append-only.
 */
export class JointTasks1796001700000 implements MigrationInterface {
  name = 'JointTasks1796001700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "joint_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "department_id" uuid NOT NULL, "task" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "handler_id" uuid, "status" character varying(12) NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "signed_off_at" TIMESTAMP WITH TIME ZONE, "sign_off_note" text, CONSTRAINT "PK_bf2d8002adb4e28ace1fedaeb68" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "joint_task_ticket_status" ON "joint_task" ("ticket_id", "status") `);
    await queryRunner.query(`CREATE INDEX "joint_task_department_status" ON "joint_task" ("department_id", "status") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."joint_task_department_status"`);
    await queryRunner.query(`DROP INDEX "public"."joint_task_ticket_status"`);
    await queryRunner.query(`DROP TABLE "joint_task"`);
  }
}
