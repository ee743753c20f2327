import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { CACHED_PLAN, keepsPlan, planCachingClient } from '../src/database/plan-cache.js';
import { createTestApp } from './utils/create-app.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

/**
 * Issue 20: the intake's statements are named prepared statements, planned once per connection (PostgreSQL spent
 * 1.3 ms of its time per ticket planning them, docs/benchmarks.md); every other statement is planned each time,
 * since the best plan of a report, a sweep or a search depends on its values.
 */
describe('kept plans (src/database/plan-cache.ts) on a real PostgreSQL', () => {
  let database: TestDatabase;
  let client: pg.Client;
  const prepared = async () =>
    ((await client.query('SELECT statement FROM pg_prepared_statements ORDER BY statement')).rows as { statement: string }[]).map((r) => r.statement);

  beforeAll(async () => {
    database = await createTestDatabase('plan_cache');
    const Client = planCachingClient();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('prepares a marked statement once on the connection and answers each call with its own values', async () => {
    const marked = `${CACHED_PLAN}SELECT $1::int + 1 AS n`;
    const answers = [];
    for (const v of [1, 2, 3, 4, 5, 6, 7]) answers.push((await client.query(marked, [v])).rows[0].n);
    expect(answers).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect((await prepared()).filter((s) => s === marked)).toHaveLength(1);
  });

  it('plans everything else each time: an unmarked select, a statement without parameters, a generated batch insert', async () => {
    await client.query('SELECT $1::int AS n', [1]);
    await client.query(`${CACHED_PLAN}SELECT 1 AS n`);
    expect(await prepared()).not.toContain('SELECT $1::int AS n');
    expect(await prepared()).not.toContain(`${CACHED_PLAN}SELECT 1 AS n`);
    expect(keepsPlan('INSERT INTO "sla_clock"("id", "ticket_id") VALUES ($1, $2), ($3, $4)', 4)).toBe(true);
    expect(keepsPlan('INSERT INTO "place"("name") VALUES ($1), ($2)', 101)).toBe(false);
    expect(keepsPlan('INSERT INTO "t"("a") SELECT $1 WHERE EXISTS (SELECT 1)', 1)).toBe(false);
    expect(keepsPlan('SELECT * FROM ticket WHERE due_at <= $1', 1)).toBe(false);
  });

  it('sends a failing marked statement’s error as before, and the connection stays usable', async () => {
    await expect(client.query(`${CACHED_PLAN}SELECT $1::int / 0 AS n`, [1])).rejects.toThrow(/division by zero/);
    expect((await client.query(`${CACHED_PLAN}SELECT $1::int / 0 AS n`, [1]).catch((e: Error) => e.message)) as string).toMatch(/division by zero/);
    expect((await client.query(`${CACHED_PLAN}SELECT $1::int + 1 AS n`, [41])).rows[0].n).toBe(42);
  });

  it('is what the serving app’s pool connects with, unless DATABASE_PLAN_CACHE=off (a transaction-mode pooler)', async () => {
    const poolClient = (app: Awaited<ReturnType<typeof createTestApp>>) =>
      (app.db.driver as unknown as { master: { Client: { name: string } } }).master.Client.name;
    const on = await createTestApp('plan_cache_on');
    try {
      expect(poolClient(on)).toBe('PlanCachingClient');
    } finally {
      await on.close();
    }
    const off = await createTestApp('plan_cache_off', { env: { DATABASE_PLAN_CACHE: 'off' } });
    try {
      expect(poolClient(off)).toBe('Client');
    } finally {
      await off.close();
    }
  });
});
