import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets every instance on one database must share (the access-token signing key when JWT_SECRET is
 * not set): the first instance to start inserts it, the others read the same row.
 */
export class SharedSecrets1796000100001 implements MigrationInterface {
  name = 'SharedSecrets1796000100001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_secret" ("name" character varying(40) NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0bf6fc27bbdc865c8ab90b4ca41" PRIMARY KEY ("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_secret"`);
  }
}
