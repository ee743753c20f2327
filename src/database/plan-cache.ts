import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * The comment a statement starts with to have its plan kept (a named prepared statement): the intake's own
 * statements, which run many times a second with only their parameters changing.
 */
export const CACHED_PLAN = '/* cached plan */ ';

/** Distinct texts named per process; past it a new text is planned each time, as before (nothing grows without end). */
const MAX_NAMED = 500;
/** A generated insert with more parameters than this is a batch of varying size: planned each time. */
const MAX_INSERT_PARAMETERS = 100;

const names = new Map<string, string>();

/**
 * Whether a statement's plan is kept: the ones marked with CACHED_PLAN, and the ORM's plain `INSERT INTO "t"(…)
 * VALUES (…)` of a few rows, whose plan cannot depend on its values. Everything else (reports, sweeps, searches,
 * whose best plan depends on the values) is planned each time.
 */
export function keepsPlan(text: string, parameters: number): boolean {
  if (text.startsWith(CACHED_PLAN)) return true;
  return parameters <= MAX_INSERT_PARAMETERS && /^INSERT INTO "\w+"\(/.test(text) && !/\b(SELECT|WITH)\b/i.test(text);
}

/** The statement's name on every connection: a digest of its text, so one text is one prepared statement. */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `cp_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pg Client that sends the statements keepsPlan names as named prepared statements: PostgreSQL parses and plans
 * each once per connection instead of on every call (the intake's statements spent 1.3 ms of PostgreSQL's time per
 * ticket in planning: docs/benchmarks.md, `npm run bench:db-profile`). A pool's `Client` option (TypeORM passes
 * `extra` to the pool). Behind a transaction-mode pooler, which may hand the next statement to another server
 * connection, turn it off (DATABASE_PLAN_CACHE=off) unless the pooler keeps prepared statements (PgBouncer ≥ 1.21
 * with max_prepared_statements).
 */
export function planCachingClient(): typeof pg.Client {
  class PlanCachingClient extends pg.Client {}
  // pg's own query, looked up at each call: a hook set on pg.Client later (a test's or the bench's capture) still sees every statement.
  const send = (client: pg.Client, ...args: unknown[]): unknown => (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(client, args);
  (PlanCachingClient.prototype as { query: unknown }).query = function query(this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    if (typeof config === 'string' && Array.isArray(values) && values.length && keepsPlan(config, values.length)) {
      const name = statementName(config);
      if (name) return send(this, { name, text: config, values }, callback);
    }
    return send(this, config, values, callback);
  };
  return PlanCachingClient;
}
