import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tickets1795880485046 implements MigrationInterface {
  name = 'Tickets1795880485046';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "domain_event" ("id" uuid NOT NULL, "name" character varying(60) NOT NULL, "ticket_id" uuid, "actor_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "PK_f901502d0301da69fb8cebbb8f2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_ea29e78b8e2c59a56aad7c2470" ON "domain_event"  ("ticket_id", "occurred_at") ');
    await queryRunner.query(
      'CREATE TABLE "outbox_delivery" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "consumer" character varying(60) NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_98ceb962d343786186421fce3bd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_a3a8fcd5ad102b95500b7201be" ON "outbox_delivery"  ("event_id", "consumer") ');
    await queryRunner.query('CREATE INDEX "outbox_delivery_due" ON "outbox_delivery"  ("next_attempt_at") WHERE "status" = \'pending\'');
    await queryRunner.query(
      'CREATE TABLE "processed_event" ("consumer" character varying(60) NOT NULL, "event_id" uuid NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("consumer", "event_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "key" character varying(100) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" integer NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_de390066dce788f80744a8f6626" PRIMARY KEY ("user_id", "key"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_72d9c713a563e6e92176fe0e44" ON "idempotency_key"  ("created_at") ');
    await queryRunner.query(
      'CREATE TABLE "ticket_reference_counter" ("day" date NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_da5699744e90e86f4885e31b176" PRIMARY KEY ("day"))',
    );
    await queryRunner.query(
      'CREATE TABLE "ticket_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "recorded_by_id" uuid NOT NULL, "channel" character varying(12) NOT NULL, "complainant_name" character varying(60) NOT NULL, "complainant_phone" character varying(20) NOT NULL, "summary" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a3ce544688c161cbfa75e04d8c0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_1eac7c41056855f2065fe2bb0c" ON "ticket_contact"  ("ticket_id", "at") ');
    await queryRunner.query(
      'CREATE TABLE "ticket_history" ("id" BIGSERIAL NOT NULL, "ticket_id" uuid NOT NULL, "actor_id" uuid, "action" character varying(40) NOT NULL, "before" jsonb, "after" jsonb, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6d0f4bc32cc3581d6a016bca30a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_bc4b34464faf46e5aeeb701894" ON "ticket_history"  ("ticket_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "ticket_reply" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "author_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "via" character varying(12) NOT NULL, "content" text NOT NULL, "final" boolean NOT NULL DEFAULT false, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f029e885c239c9e1fd8743b8bb6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_3066160d9f37c26a01250f108a" ON "ticket_reply"  ("ticket_id", "at") ');
    await queryRunner.query(
      'CREATE TABLE "ticket" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(24) NOT NULL, "channel" character varying(12) NOT NULL, "status" character varying(12) NOT NULL, "disposition" character varying(16) NOT NULL, "severity" character varying(10) NOT NULL, "category" character varying(40) NOT NULL, "complainant_name" character varying(60) NOT NULL, "complainant_phone" character varying(20) NOT NULL, "community" character varying(60) NOT NULL, "building" character varying(30), "unit" character varying(30), "room" character varying(30), "summary" text NOT NULL, "requests" text NOT NULL, "first_responder_id" uuid NOT NULL, "handler_id" uuid NOT NULL, "department_id" uuid NOT NULL, "referred_to" character varying(100), "written_reply_requested" boolean NOT NULL DEFAULT false, "earlier_ticket_id" uuid, "not_reaccepted_reason" text, "appointment_at" TIMESTAMP WITH TIME ZONE, "on_the_spot_answer" text, "related_ticket_id" uuid, "repeat_count" integer NOT NULL DEFAULT \'0\', "reopen_count" integer NOT NULL DEFAULT \'0\', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "UQ_99998d8d0b7bb1046051f15d5c1" UNIQUE ("reference"), CONSTRAINT "PK_d9a0835407701eb86f874474b7c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5d298ddfcde77e07a4d9bcd9dc" ON "ticket"  ("received_at", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_d4554d2608eb7136b47fcea7ea" ON "ticket"  ("complainant_phone", "category", "status") ');
    await queryRunner.query('CREATE INDEX "IDX_c5769afe8042d393a5604f1e36" ON "ticket"  ("first_responder_id", "status") ');
    await queryRunner.query('CREATE INDEX "IDX_d804d5f643cac4afb63ae9d941" ON "ticket"  ("handler_id", "status") ');
    await queryRunner.query('CREATE INDEX "IDX_6850d6734daebde6f352b00257" ON "ticket"  ("department_id", "status", "received_at") ');
    // History is append-only (rule: nothing is lost): the database itself refuses UPDATE, DELETE and TRUNCATE.
    await queryRunner.query(`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['ticket_history', 'domain_event']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    // 第二条 首问负责制: the first responder is fixed for good.
    await queryRunner.query(`CREATE FUNCTION keep_first_responder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.first_responder_id IS DISTINCT FROM OLD.first_responder_id THEN
          RAISE EXCEPTION 'the first responder of ticket % is fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER ticket_first_responder_fixed BEFORE UPDATE OF first_responder_id ON "ticket" FOR EACH ROW EXECUTE FUNCTION keep_first_responder()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ticket_first_responder_fixed ON "ticket"`);
    await queryRunner.query(`DROP FUNCTION keep_first_responder()`);
    for (const table of ['ticket_history', 'domain_event']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_change()`);
    await queryRunner.query('DROP INDEX "public"."IDX_6850d6734daebde6f352b00257"');
    await queryRunner.query('DROP INDEX "public"."IDX_d804d5f643cac4afb63ae9d941"');
    await queryRunner.query('DROP INDEX "public"."IDX_c5769afe8042d393a5604f1e36"');
    await queryRunner.query('DROP INDEX "public"."IDX_d4554d2608eb7136b47fcea7ea"');
    await queryRunner.query('DROP INDEX "public"."IDX_5d298ddfcde77e07a4d9bcd9dc"');
    await queryRunner.query('DROP TABLE "ticket"');
    await queryRunner.query('DROP INDEX "public"."IDX_3066160d9f37c26a01250f108a"');
    await queryRunner.query('DROP TABLE "ticket_reply"');
    await queryRunner.query('DROP INDEX "public"."IDX_bc4b34464faf46e5aeeb701894"');
    await queryRunner.query('DROP TABLE "ticket_history"');
    await queryRunner.query('DROP INDEX "public"."IDX_1eac7c41056855f2065fe2bb0c"');
    await queryRunner.query('DROP TABLE "ticket_contact"');
    await queryRunner.query('DROP TABLE "ticket_reference_counter"');
    await queryRunner.query('DROP INDEX "public"."IDX_72d9c713a563e6e92176fe0e44"');
    await queryRunner.query('DROP TABLE "idempotency_key"');
    await queryRunner.query('DROP TABLE "processed_event"');
    await queryRunner.query('DROP INDEX "public"."outbox_delivery_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_a3a8fcd5ad102b95500b7201be"');
    await queryRunner.query('DROP TABLE "outbox_delivery"');
    await queryRunner.query('DROP INDEX "public"."IDX_ea29e78b8e2c59a56aad7c2470"');
    await queryRunner.query('DROP TABLE "domain_event"');
  }
}
