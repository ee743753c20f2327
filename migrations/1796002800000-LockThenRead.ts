import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two lock-then-read steps of intake as one round trip each. A read must not share a statement with the lock it
 * waits behind: under READ COMMITTED a statement reads from the snapshot taken when it started, before the lock was
 * granted, and would miss what the lock's last holder committed. In a VOLATILE function each statement takes a
 * fresh snapshot, so the read after the lock sees that commit, as a second statement from the app did.
 *
 * - `idempotency_claim`: the Idempotency-Key's lock (not waited for: a request still in flight is refused) and
 *   the stored answer of the key.
 * - `problem_sighted` (第九条): one intake at a time per place, then the sighting and the place's open problem or,
 *   with none, its unassigned sightings in the window (the statement's own insert is not among them).
 */
export class LockThenRead1796002800000 implements MigrationInterface {
  name = 'LockThenRead1796002800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION idempotency_claim(p_user text, p_key text)
      RETURNS TABLE (locked boolean, stored_hash text, stored_body jsonb, stored_at timestamptz)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext(p_user), hashtext(p_key)) THEN
          RETURN QUERY SELECT false, NULL::text, NULL::jsonb, NULL::timestamptz;
          RETURN;
        END IF;
        RETURN QUERY SELECT true, k.request_hash::text, k.response_body, k.created_at
          FROM (SELECT 1) one LEFT JOIN idempotency_key k ON k.user_id = p_user::uuid AND k.key = p_key;
      END
      $fn$`);
    await queryRunner.query(`CREATE FUNCTION problem_sighted(p_ticket uuid, p_place_key text, p_received_at timestamptz, p_since timestamptz)
      RETURNS TABLE (open_id uuid, open_count integer, earlier text[])
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('problem:' || p_place_key));
        RETURN QUERY
          WITH s AS (INSERT INTO problem_sighting (ticket_id, place_key, received_at, problem_id) VALUES (p_ticket, p_place_key, p_received_at, NULL))
          SELECT p.id, p.ticket_count,
                 CASE WHEN p.id IS NULL THEN ARRAY(
                   SELECT ps.ticket_id::text FROM problem_sighting ps WHERE ps.place_key = p_place_key AND ps.received_at >= p_since AND ps.problem_id IS NULL) END
            FROM (SELECT 1) one LEFT JOIN LATERAL (
              SELECT rp.id, rp.ticket_count FROM recurring_problem rp WHERE rp.place_key = p_place_key AND rp.status = 'open' LIMIT 1) p ON true;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION problem_sighted(uuid, text, timestamptz, timestamptz)`);
    await queryRunner.query(`DROP FUNCTION idempotency_claim(text, text)`);
  }
}
