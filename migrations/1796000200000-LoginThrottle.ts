import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling counts attempts per bucket (address, username, username + address) and window in one
 * row each, bumped atomically, instead of counting failure rows per username (which let anyone lock a
 * username out and raced under parallel attempts). The old rows only fed that count: they are dropped.
 */
export class LoginThrottle1796000200000 implements MigrationInterface {
  name = 'LoginThrottle1796000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("bucket" character varying(200) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "PK_a7c54ecb0622ea234cad8fe473a" PRIMARY KEY ("bucket", "window_start"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c0690d8a54974350dcd7dfc487" ON "login_throttle"  ("window_end") `);
    await queryRunner.query(`DROP INDEX "public"."IDX_1fe411a0517943d24d28a9189a"`);
    await queryRunner.query(`DROP TABLE "login_attempt"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_attempt" ("id" BIGSERIAL NOT NULL, "username" character varying(40) NOT NULL, "ip" character varying(64), "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_72829cd4f7424e3cdfd46c476c0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1fe411a0517943d24d28a9189a" ON "login_attempt"  ("username", "attempted_at") `);
    await queryRunner.query(`DROP INDEX "public"."IDX_c0690d8a54974350dcd7dfc487"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
