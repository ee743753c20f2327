import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stream tokens are single-use across instances: the id of each one used is recorded until it expires. */
export class StreamTokenUse1796000200002 implements MigrationInterface {
  name = 'StreamTokenUse1796000200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stream_token_use" ("token_id" uuid NOT NULL, "staff_id" uuid NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1f4e5f2e34ba7a06711351c34b1" PRIMARY KEY ("token_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2dc57eef9919d7181719635438" ON "stream_token_use"  ("expires_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2dc57eef9919d7181719635438"`);
    await queryRunner.query(`DROP TABLE "stream_token_use"`);
  }
}
