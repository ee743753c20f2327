import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The place register (小区/楼栋/单元/房号): `place`, one tree of communities, buildings, units and rooms, with
 * each place's path and pinyin initials for the intake's type-ahead, and `ticket.place_id`, the registered place
 * an address names (null for free text), so recurring problems (第九条) group by real places. The register is
 * master data an admin renames and deactivates: not append-only.
 */
export class Places1796001900000 implements MigrationInterface {
  name = 'Places1796001900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "place" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(10) NOT NULL, "parent_id" uuid, "community_id" uuid NOT NULL, "building_id" uuid, "name" character varying(60) NOT NULL, "initials" character varying(60) NOT NULL, "path" character varying(250) NOT NULL, "path_initials" character varying(250) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_96ab91d43aa89c5de1b59ee7cca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "place_community" ON "place" ("community_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "place_child_name" ON "place" ("parent_id", "name") WHERE "parent_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "place_root_name" ON "place" ("name") WHERE "parent_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "ticket" ADD "place_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "place_id"`);
    await queryRunner.query(`DROP INDEX "public"."place_root_name"`);
    await queryRunner.query(`DROP INDEX "public"."place_child_name"`);
    await queryRunner.query(`DROP INDEX "public"."place_community"`);
    await queryRunner.query(`DROP TABLE "place"`);
  }
}
