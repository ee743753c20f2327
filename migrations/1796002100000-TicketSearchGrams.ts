import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket text search served by an index. The database's ctype is C, so pg_trgm yields no trigrams for
 * Chinese, and trigrams could not serve the two-character words most Chinese searches use anyway. Each
 * ticket keeps the distinct unigrams and bigrams of its lowercased searched columns (summary, requests,
 * reference, complainant name, community) in `search_grams`, under a GIN index. A trigger writes it in
 * the statement that inserts the ticket or changes one of those columns, so it commits with the change.
 *
 * A search asks `search_grams @> search_query_grams(q)` (the one- or two-character term itself, or every
 * bigram of a longer one) and rechecks with the ILIKE it always ran. ILIKE on this UTF-8 database compares
 * lower() of both sides, so a ticket it matches holds every gram of lower(q): the prefilter drops nothing
 * the ILIKE would find, and the recheck keeps the results exactly what they were.
 */
export class TicketSearchGrams1796002100000 implements MigrationInterface {
  name = 'TicketSearchGrams1796002100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION search_text_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(l, i, n) AS g
      FROM (SELECT lower(coalesce(t, '')) AS l) s, generate_series(1, 2) n, generate_series(1, length(l) - n + 1) i) x
$fn$`);
    await queryRunner.query(`CREATE FUNCTION search_query_grams(q text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE WHEN coalesce(length(q), 0) = 0 THEN '{}'::text[]
              WHEN length(lower(q)) <= 2 THEN ARRAY[lower(q)]
              ELSE (SELECT array_agg(DISTINCT substr(lower(q), i, 2)) FROM generate_series(1, length(lower(q)) - 1) i) END
$fn$`);
    await queryRunner.query(`CREATE FUNCTION ticket_search_grams(summary text, requests text, reference text, complainant_name text, community text)
  RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM unnest(
    search_text_grams(summary) || search_text_grams(requests) || search_text_grams(reference)
    || search_text_grams(complainant_name) || search_text_grams(community)) g
$fn$`);
    await queryRunner.query(`CREATE FUNCTION ticket_search_grams_write() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.search_grams := ticket_search_grams(NEW.summary, NEW.requests, NEW.reference, NEW.complainant_name, NEW.community);
  RETURN NEW;
END
$fn$`);
    await queryRunner.query(`ALTER TABLE "ticket" ADD "search_grams" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE "ticket" SET search_grams = ticket_search_grams(summary, requests, reference, complainant_name, community)`);
    await queryRunner.query(
      `CREATE TRIGGER ticket_search_grams BEFORE INSERT OR UPDATE OF summary, requests, reference, complainant_name, community ON "ticket" FOR EACH ROW EXECUTE FUNCTION ticket_search_grams_write()`,
    );
    await queryRunner.query(`CREATE INDEX "ticket_search_grams" ON "ticket" USING gin ("search_grams")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_search_grams"`);
    await queryRunner.query(`DROP TRIGGER ticket_search_grams ON "ticket"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "search_grams"`);
    await queryRunner.query(`DROP FUNCTION ticket_search_grams_write()`);
    await queryRunner.query(`DROP FUNCTION ticket_search_grams(text, text, text, text, text)`);
    await queryRunner.query(`DROP FUNCTION search_query_grams(text)`);
    await queryRunner.query(`DROP FUNCTION search_text_grams(text)`);
  }
}
