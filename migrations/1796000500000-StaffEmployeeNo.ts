import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employee number (工号) HR's payroll knows people by, shown in every HR report format. Optional, and
 * unique when set (PostgreSQL's unique index lets any number of staff have none).
 */
export class StaffEmployeeNo1796000500000 implements MigrationInterface {
  name = 'StaffEmployeeNo1796000500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff" ADD "employee_no" character varying(20)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "staff_employee_no" ON "staff" ("employee_no") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."staff_employee_no"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP COLUMN "employee_no"`);
  }
}
