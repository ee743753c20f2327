import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795879872279 implements MigrationInterface {
  name = 'Foundation1795879872279';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "login_attempt" ("id" BIGSERIAL NOT NULL, "username" character varying(40) NOT NULL, "ip" character varying(64), "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_72829cd4f7424e3cdfd46c476c0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_1fe411a0517943d24d28a9189a" ON "login_attempt"  ("username", "attempted_at") ');
    await queryRunner.query(
      'CREATE TABLE "department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(20) NOT NULL, "name" character varying(60) NOT NULL, "supervisor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_62690f4fe31da9eb824d909285f" UNIQUE ("code"), CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "org_term" ("id" BIGSERIAL NOT NULL, "kind" character varying(20) NOT NULL, "subject_id" uuid NOT NULL, "holder_id" uuid, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_08da40a9b3bd5e1aa21fc4bee5b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_9f8c2034760f098acda03b650f" ON "org_term"  ("kind", "subject_id", "started_at") ');
    await queryRunner.query(
      'CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(60) NOT NULL, "username" character varying(40) NOT NULL, "password_hash" character varying(200) NOT NULL, "department_id" uuid, "roles" text array NOT NULL DEFAULT \'{staff}\', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_35aafb5ad218f3ff1ff70e281e" ON "staff"  ("username") ');
    await queryRunner.query(
      'ALTER TABLE "department" ADD CONSTRAINT "FK_ded2e65e0e9de0e4806c36c7244" FOREIGN KEY ("supervisor_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "staff" ADD CONSTRAINT "FK_51b371508b14db31bee80fded0a" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "staff" DROP CONSTRAINT "FK_51b371508b14db31bee80fded0a"');
    await queryRunner.query('ALTER TABLE "department" DROP CONSTRAINT "FK_ded2e65e0e9de0e4806c36c7244"');
    await queryRunner.query('DROP INDEX "public"."IDX_35aafb5ad218f3ff1ff70e281e"');
    await queryRunner.query('DROP TABLE "staff"');
    await queryRunner.query('DROP INDEX "public"."IDX_9f8c2034760f098acda03b650f"');
    await queryRunner.query('DROP TABLE "org_term"');
    await queryRunner.query('DROP TABLE "department"');
    await queryRunner.query('DROP INDEX "public"."IDX_1fe411a0517943d24d28a9189a"');
    await queryRunner.query('DROP TABLE "login_attempt"');
  }
}
