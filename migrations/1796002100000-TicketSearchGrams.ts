import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket text search served by an index. The database's ctype is C, so pg_trgm yields no trigrams for
 * Chinese, and trigrams could not serve the two-character words most Chinese searches use anyway. A GIN
 * expression index keeps, per ticket, the unigrams and bigrams of its lowercased searched columns
 * (summary, requests, reference, complainant name and community, joined by U+0001): PostgreSQL computes
 * them in the statement that inserts the ticket or changes one of those columns, so they commit with the
 * change, and nothing is stored in the table itself.
 *
 * A search asks `ticket_search_grams(…) @> search_query_grams(q)` (the one- or two-character term itself,
 * or every bigram of a longer one) and rechecks with the ILIKE it always ran. ILIKE on this UTF-8 database
 * compares lower() of both sides, so a ticket it matches holds every gram of lower(q) (a gram across the
 * U+0001 joint only adds keys): the prefilter drops nothing the ILIKE would find, and the recheck keeps
 * the results what they were. Array containment is exact in GIN, so the function runs again only on a
 * lossy bitmap page.
 */
export class TicketSearchGrams1796002100000 implements MigrationInterface {
  name = 'TicketSearchGrams1796002100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every character and every pair of neighbours, lowercased; GIN drops the duplicates itself.
    await queryRunner.query(`CREATE FUNCTION search_text_grams(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  c text[] := regexp_split_to_array(lower(t), '');
  n int := cardinality(c);
  b text[] := '{}';
BEGIN
  IF t = '' THEN
    RETURN '{}';
  END IF;
  FOR i IN 1 .. n - 1 LOOP
    b[i] := c[i] || c[i + 1];
  END LOOP;
  RETURN c || b;
END
$fn$`);
    // The keys a term needs: itself when it has one or two characters, else each of its bigrams.
    await queryRunner.query(`CREATE FUNCTION search_query_grams(q text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE WHEN coalesce(length(q), 0) = 0 THEN '{}'::text[]
              WHEN length(lower(q)) <= 2 THEN ARRAY[lower(q)]
              ELSE ARRAY(SELECT DISTINCT substr(lower(q), i, 2) FROM generate_series(1, length(lower(q)) - 1) i) END
$fn$`);
    // Schema-qualified: index builds and maintenance run functions with search_path = pg_catalog, pg_temp.
    await queryRunner.query(`CREATE FUNCTION ticket_search_grams(summary text, requests text, reference text, complainant_name text, community text)
  RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT public.search_text_grams(concat_ws(E'\\x01', summary, requests, reference, complainant_name, community))
$fn$`);
    await queryRunner.query(
      `CREATE INDEX "ticket_search_grams" ON "ticket" USING gin (ticket_search_grams("summary", "requests", "reference", "complainant_name", "community"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ticket_search_grams"`);
    await queryRunner.query(`DROP FUNCTION ticket_search_grams(text, text, text, text, text)`);
    await queryRunner.query(`DROP FUNCTION search_query_grams(text)`);
    await queryRunner.query(`DROP FUNCTION search_text_grams(text)`);
  }
}
