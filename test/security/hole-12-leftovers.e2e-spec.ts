import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createCompany } from '../factories/org.factory.js';
import { intakeBody } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { createTestDatabase } from '../utils/test-database.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Hole 12, leftovers: /health's 503 body showed `connect ECONNREFUSED 127.0.0.1:54417` (where the database
 * is), and idempotency keys (each holding a stored response) were never purged.
 */
describe('hole 12: what /health tells strangers, and how long idempotency keys are kept', () => {
  describe('/health while the database is gone', () => {
    let t: TestApp;
    let name: string;

    beforeAll(async () => {
      const database = await createTestDatabase('sec_health');
      t = await createTestApp('sec_health', { databaseUrl: database.url });
      name = new URL(database.url).pathname.slice(1);
      // The database vanishes under the running app: every pooled connection is cut.
      const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    });
    afterAll(() => t.close());

    it('answers 503 “database unavailable” without the server’s address, port, database name or driver error', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body.details.database).toMatchObject({ status: 'down', message: 'database unavailable' });
      const text = JSON.stringify(res.body);
      const port = new URL(process.env.TEST_PG_ADMIN_URL!).port;
      for (const detail of ['127.0.0.1', `:${port}`, name, 'ECONNREFUSED', 'does not exist']) expect(text).not.toContain(detail);
    });
  });

  describe('idempotency keys', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp('sec_idem');
    });
    afterAll(() => t.close());

    it('keeps a key for the retention in policy (24 h), then the scheduler deletes it', async () => {
      const org = await createCompany(t);
      const key = 'intake-keep-1';
      await t.http().post('/tickets').set(auth(org.eng.staff.token)).set('Idempotency-Key', key).send(intakeBody()).expect(201);
      const kept = await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
      expect(kept.body.idempotencyKeysPurged).toBe(0);
      t.clock.advance((t.policy.retention.idempotencyKeyHours * 60 + 1) * 60_000);
      const purged = await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
      expect(purged.body.idempotencyKeysPurged).toBe(1);
      expect(await t.db.query('SELECT 1 FROM idempotency_key WHERE key = $1', [key])).toEqual([]);
    });

    it('deletes in batches of the policy’s size until none is left', async () => {
      const now = t.clock.now();
      const n = t.policy.retention.purgeBatchSize * 2 + 5;
      await t.db.query(
        `INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
        SELECT (SELECT id FROM staff WHERE username = 'admin'), 'bulk-' || g, repeat('0', 64), 200, '{}'::jsonb, $1 FROM generate_series(1, $2) g`,
        [now, n],
      );
      t.clock.advance((t.policy.retention.idempotencyKeyHours + 1) * 3600_000);
      const purged = await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
      expect(purged.body.idempotencyKeysPurged).toBe(n);
    });
  });
});
