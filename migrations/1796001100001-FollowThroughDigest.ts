import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 第二条, 第七条(三) 跟清楚: the business days whose first-responder digest went out, one row each, so that
 * several instances running the scheduler send a day's digest once.
 */
export class FollowThroughDigest1796001100001 implements MigrationInterface {
  name = 'FollowThroughDigest1796001100001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "follow_through_digest" ("day" character varying(10) NOT NULL, "id" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "follow_through_digest_pkey" PRIMARY KEY ("day"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "follow_through_digest"`);
  }
}
