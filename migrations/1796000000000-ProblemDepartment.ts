import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recurring problems belong to a department, so supervisors see and manage only their own (like tickets). */
export class ProblemDepartment1796000000000 implements MigrationInterface {
  name = 'ProblemDepartment1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recurring_problem" ADD "department_id" uuid`);
    // Existing problems take the department of their first ticket.
    await queryRunner.query(`UPDATE "recurring_problem" p SET "department_id" = (
        SELECT t.department_id FROM problem_sighting s JOIN ticket t ON t.id = s.ticket_id WHERE s.problem_id = p.id ORDER BY s.received_at LIMIT 1)`);
    await queryRunner.query(`DELETE FROM "recurring_problem" WHERE "department_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "recurring_problem" ALTER COLUMN "department_id" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "recurring_problem_department" ON "recurring_problem" ("department_id", "opened_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."recurring_problem_department"`);
    await queryRunner.query(`ALTER TABLE "recurring_problem" DROP COLUMN "department_id"`);
  }
}
