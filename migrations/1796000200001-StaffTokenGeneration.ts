import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-person token generation: access and stream tokens carry it and the auth guard compares it, so a
 * password change or reset, a deactivation, a role change or a department move ends earlier tokens.
 */
export class StaffTokenGeneration1796000200001 implements MigrationInterface {
  name = 'StaffTokenGeneration1796000200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff" ADD "token_generation" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff" DROP COLUMN "token_generation"`);
  }
}
