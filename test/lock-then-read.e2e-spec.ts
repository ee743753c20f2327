import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { createCompany } from './factories/org.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';
import { backendPid, waitingForLock } from './utils/lock-wait.js';
import { IdempotentWork } from '../src/idempotency/idempotent-work.js';

/**
 * Issue 20: intake's two lock-then-read steps are one round trip each (migration LockThenRead). What must hold: the
 * read sees what the lock's last holder committed, even when that commit came after the caller's statement began
 * (a plain statement reads from its starting snapshot and would miss it, opening a recurring problem twice or
 * repeating a command whose answer is stored). Two connections of the app's role run the race step by step.
 */
describe('lock then read in one round trip (idempotency_claim, problem_sighted)', () => {
  let t: TestApp;
  let a: QueryRunner;
  let b: QueryRunner;

  beforeAll(async () => {
    t = await createTestApp('lock_then_read');
    await createCompany(t);
    a = t.db.createQueryRunner();
    b = t.db.createQueryRunner();
    await a.connect();
    await b.connect();
  });
  afterAll(async () => {
    await a?.release();
    await b?.release();
    await t.close();
  });

  it('第九条: a sighting waiting for the place’s lock sees the sighting its holder committed meanwhile', async () => {
    const place = `报修|测试小区|${randomUUID()}`;
    const [first, second] = [randomUUID(), randomUUID()];
    const since = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-11-28T02:00:00Z');
    await a.startTransaction();
    await b.startTransaction();
    const [held] = await a.query(`SELECT open_id, earlier FROM problem_sighted($1, $2, $3, $4)`, [first, place, now, since]);
    expect(held).toEqual({ open_id: null, earlier: [] });
    // b's statement starts now and waits for a's lock; a commits while it waits.
    const pid = await backendPid(b);
    const waiting = b.query(`SELECT open_id, earlier FROM problem_sighted($1, $2, $3, $4)`, [second, place, now, since]);
    await waitingForLock(t.db, pid);
    await a.commitTransaction();
    const [seen] = await waiting;
    expect(seen).toEqual({ open_id: null, earlier: [first] });
    await b.rollbackTransaction();
  });

  it('an Idempotency-Key still held is refused without waiting; once its answer commits, the next claim reads it', async () => {
    const [{ id: userId }] = await t.db.query(`SELECT id FROM staff LIMIT 1`);
    const key = `race-${randomUUID()}`;
    await a.startTransaction();
    const [mine] = await a.query(`SELECT * FROM idempotency_claim($1, $2)`, [userId, key]);
    expect(mine).toEqual({ locked: true, stored_hash: null, stored_body: null, stored_at: null });
    await b.startTransaction();
    expect((await b.query(`SELECT locked FROM idempotency_claim($1, $2)`, [userId, key]))[0].locked).toBe(false);
    const at = new Date('2026-11-28T02:00:00Z');
    await a.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, $3, 201, '{"done":true}', $4)`,
      [userId, key, 'f'.repeat(64), at],
    );
    await a.commitTransaction();
    const [stored] = await b.query(`SELECT * FROM idempotency_claim($1, $2)`, [userId, key]);
    expect(stored).toEqual({ locked: true, stored_hash: 'f'.repeat(64), stored_body: { done: true }, stored_at: at });
    await b.rollbackTransaction();
  });

  it('a read carried in the claim’s statement reaches the work with its row; none without a key, none for no row, none when the answer is replayed', async () => {
    const work = t.app.get(IdempotentWork);
    const [{ id: userId }] = await t.db.query(`SELECT id FROM staff LIMIT 1`);
    const scope = (key: string) => ({ userId, key, requestHash: 'a'.repeat(64), status: () => 201 });
    const read = (found: boolean) => ({
      sql: (p: (i: number) => string) => `SELECT ${p(0)}::int AS answer, ${p(1)}::text AS word WHERE ${p(2)}::boolean`,
      params: [42, '漏水', found],
    });
    const seen: unknown[] = [];
    const key = `carried-${randomUUID()}`;
    expect(await work.run(scope(key), async (_em, row) => (seen.push(row), 'first'), read(true))).toBe('first');
    await work.run(scope(`carried-${randomUUID()}`), async (_em, row) => void seen.push(row), read(false));
    await work.run(undefined, async (_em, row) => void seen.push(row), read(true));
    // The same key again: the stored answer, and the work does not run.
    expect(await work.run(scope(key), async (_em, row) => (seen.push(row), 'second'), read(true))).toBe('first');
    expect(seen).toEqual([{ answer: 42, word: '漏水' }, null, null]);
  });
});
