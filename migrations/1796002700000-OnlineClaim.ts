import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 首问负责制 (第二条) for online complaints under `resident.firstResponder.mode: first_claim`: the duty clerk records
 * the complaint, and the first staff member of the department in charge who claims it within the window becomes its
 * first responder. `ticket_claim` holds the window and the claim; its guard lets a claim be written once, inside
 * the window, and never moved or removed. The first-responder guard on `ticket` now allows exactly one change:
 * from the duty clerk to the claimant the claim names. Every other change is refused as before.
 */
export class OnlineClaim1796002700000 implements MigrationInterface {
  name = 'OnlineClaim1796002700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ticket_claim" ("ticket_id" uuid NOT NULL, "duty_clerk_id" uuid NOT NULL, "claimable_until" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_by_id" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ticket_claim" PRIMARY KEY ("ticket_id"))`,
    );
    await queryRunner.query(`CREATE FUNCTION keep_ticket_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'ticket_claim is evidence: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.ticket_id IS DISTINCT FROM OLD.ticket_id OR NEW.duty_clerk_id IS DISTINCT FROM OLD.duty_clerk_id
           OR NEW.claimable_until IS DISTINCT FROM OLD.claimable_until THEN
          RAISE EXCEPTION 'the claim window of ticket % is fixed', OLD.ticket_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.claimed_by_id IS NOT NULL THEN
          RAISE EXCEPTION 'ticket % is already claimed', OLD.ticket_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.claimed_by_id IS NULL OR NEW.claimed_at IS NULL OR NEW.claimed_at > OLD.claimable_until THEN
          RAISE EXCEPTION 'a claim of ticket % names who and when, inside the window', OLD.ticket_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER ticket_claim_once BEFORE UPDATE OR DELETE ON "ticket_claim" FOR EACH ROW EXECUTE FUNCTION keep_ticket_claim()`);
    await queryRunner.query(`CREATE TRIGGER ticket_claim_no_truncate BEFORE TRUNCATE ON "ticket_claim" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION keep_first_responder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.first_responder_id IS DISTINCT FROM OLD.first_responder_id AND NOT EXISTS (
          SELECT 1 FROM ticket_claim c
           WHERE c.ticket_id = OLD.id AND c.duty_clerk_id = OLD.first_responder_id AND c.claimed_by_id = NEW.first_responder_id
        ) THEN
          RAISE EXCEPTION 'the first responder of ticket % is fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION keep_first_responder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.first_responder_id IS DISTINCT FROM OLD.first_responder_id THEN
          RAISE EXCEPTION 'the first responder of ticket % is fixed', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER ticket_claim_no_truncate ON "ticket_claim"`);
    await queryRunner.query(`DROP TRIGGER ticket_claim_once ON "ticket_claim"`);
    await queryRunner.query(`DROP FUNCTION keep_ticket_claim()`);
    await queryRunner.query(`DROP TABLE "ticket_claim"`);
  }
}
