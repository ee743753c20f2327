import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { parse, stringify } from 'yaml';
import { seedDemoCompany } from '../../src/cli/demo-company.js';
import { appDataSourceOptions } from '../../src/app.entities.js';
import { ensureDatabase, withDatabase } from '../../src/database/database-url.js';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { createLogger } from '../../src/logging/logger.js';
import { intakeBody } from '../factories/ticket.factory.js';
import { api, freePort, login, serverDataDir, startApp, type AppProcess } from '../utils/app-process.js';
import { recordFigures } from '../utils/figures.js';

const INSTANCES = 3;
const DUE = 5000;

/**
 * Proves: several app instances on one PostgreSQL, each running its own scheduler and outbox dispatcher
 * under intake load, fire each warning and escalation exactly once in total and deliver each outbox event
 * once per consumer.
 */
describe('several instances on one database', () => {
  const dataDir = serverDataDir('instances');
  const policyFile = path.resolve(`.data/policy-instances-${process.pid}.yaml`);
  let server: EmbeddedPostgres;
  let url: string;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    server = new EmbeddedPostgres({
      dataDir,
      port: await freePort(),
      user: 'postgres',
      password: 'postgres',
      settings: { fsync: 'off' },
      logger: createLogger('silent'),
    });
    await server.start();
    url = withDatabase(server.url, 'complaint_desk');
    await ensureDatabase(url);
    const policy = parse(readFileSync('config/policy.yaml', 'utf8'));
    policy.sweep = { intervalSeconds: 1, batchSize: 500 };
    writeFileSync(policyFile, stringify(policy));
    for (let i = 0; i < INSTANCES; i++) {
      apps.push(await startApp({ PORT: String(await freePort()), DATABASE_URL: url, SCHEDULER: 'on', POLICY_FILE: policyFile }));
    }
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop('SIGTERM')));
    await server.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    rmSync(policyFile, { force: true });
  });

  it(`fires each escalation once in total and delivers each event once per consumer, with ${INSTANCES} instances sweeping ${DUE} due clocks under load`, async () => {
    const db = await new DataSource(appDataSourceOptions(url, 4)).initialize();
    try {
      await seedDemoCompany(db, { password: 'demo-password', now: new Date('2026-11-28T00:00:00Z') });
      const tokens = await Promise.all(apps.map((a) => login(a.url, 'cs.staff1', 'demo-password')));
      const first = await api(
        apps[0].url,
        'POST',
        '/tickets',
        tokens[0],
        intakeBody({ complainant: { name: '多实例', phone: '13500000000', address: { community: '多实例小区' } } }),
      );
      expect(first.status).toBe(201);
      const [ticket] = await db.query(`SELECT id, handler_id, department_id FROM ticket WHERE id = $1`, [first.body.ticket.id]);
      await db.query(
        `INSERT INTO sla_clock (ticket_id, category, purpose, status, handler_id, department_id, calendar, span_minutes, started_at, warn_at, due_at, explanation, next_check_at)
         SELECT $1, '报修', 'response', 'running', $2, $3, 'continuous', 1440, now() - interval '2 days', now() - interval '30 hours', now() - interval '1 day' + interval '1 minute' * (g % 2), jsonb_build_object('text', 'instances'), now() - interval '30 hours'
           FROM generate_series(1, $4) AS g`,
        [ticket.id, ticket.handler_id, ticket.department_id, DUE],
      );
      // Intake load on every instance while they sweep.
      const load = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          api(
            apps[i % INSTANCES].url,
            'POST',
            '/tickets',
            tokens[i % INSTANCES],
            intakeBody({ complainant: { name: `业主${i}`, phone: `135${String(i + 1).padStart(8, '0')}`, address: { community: '多实例小区' } } }),
          ),
        ),
      );
      expect(load.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)).toEqual([]);

      let state = { due: -1, pending: -1 };
      for (let waited = 0; waited < 90_000; waited += 500) {
        [state] = await db.query(
          `SELECT (SELECT count(*)::int FROM sla_clock WHERE explanation->>'text' = 'instances' AND next_check_at IS NOT NULL AND next_check_at <= now()) AS due,
                  (SELECT count(*)::int FROM outbox_delivery WHERE status <> 'done') AS pending`,
        );
        if (state.due === 0 && state.pending === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(state).toEqual({ due: 0, pending: 0 });

      const [fired] = await db.query(
        `SELECT count(*)::int AS total, count(DISTINCT (clock_id, kind, level))::int AS distinct_keys,
                count(*) FILTER (WHERE kind = 'warning')::int AS warnings, count(*) FILTER (WHERE kind = 'escalation')::int AS escalations
           FROM sla_escalation WHERE clock_id IN (SELECT id FROM sla_clock WHERE explanation->>'text' = 'instances')`,
      );
      expect(fired.total).toBe(fired.distinct_keys);
      const [{ breached }] = await db.query(
        `SELECT count(*)::int AS breached FROM sla_breach WHERE clock_id IN (SELECT id FROM sla_clock WHERE explanation->>'text' = 'instances')`,
      );
      // Every clock fell due a day ago: its warning is moot, the breach, level 1 and level 2 fire once each.
      expect(breached).toBe(DUE);
      expect(fired.escalations).toBe(DUE * 2);
      expect(fired.warnings).toBe(0);
      const [events] = await db.query(
        `SELECT count(*) FILTER (WHERE name = 'sla.escalated')::int AS escalated, count(*) FILTER (WHERE name = 'sla.warned')::int AS warned
           FROM domain_event WHERE payload->>'clockId' IN (SELECT id::text FROM sla_clock WHERE explanation->>'text' = 'instances')`,
      );
      expect(events).toEqual({ escalated: DUE * 2, warned: 0 });
      const [deliveries] = await db.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE attempts = 1 AND status = 'done')::int AS once, count(DISTINCT (event_id, consumer))::int AS pairs FROM outbox_delivery`,
      );
      expect(deliveries.once).toBe(deliveries.total);
      expect(deliveries.pairs).toBe(deliveries.total);
      recordFigures('severalInstances', {
        instances: INSTANCES,
        clocksDue: DUE,
        intakeRequests: load.length,
        intakeAcknowledged: load.filter((r) => r.status === 201).length,
        breachesExpected: DUE,
        breachesRecorded: breached,
        escalationsExpected: DUE * 2,
        escalationsFired: fired.escalations,
        outboxDeliveries: deliveries.total,
        deliveredExactlyOnce: deliveries.once,
      });
    } finally {
      await db.destroy();
    }
  });
});
