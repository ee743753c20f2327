import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { seedDemoCompany } from '../../src/cli/demo-company.js';
import { appDataSourceOptions } from '../../src/app.entities.js';
import { APP_ROLE, embeddedUrl, readCredentials } from '../../src/database/embedded-credentials.js';
import { intakeBody } from '../factories/ticket.factory.js';
import { api, freePort, login, serverDataDir, startApp, type AppProcess } from '../utils/app-process.js';
import { recordFigures } from '../utils/figures.js';

const REQUESTS = 300;

/**
 * Proves: a complaint acknowledged with 201 survives a kill -9 of the app with its clocks and checklist;
 * a client retrying with the same Idempotency-Key never creates it twice; events committed before the
 * crash reach their consumers after it; clocks that fell due while the app was down escalate once; the
 * embedded PostgreSQL left behind by the killed app is recovered on the next start.
 */
describe('crash: kill -9 during intake, then restart', () => {
  const dataDir = serverDataDir('crash');
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.stop('SIGTERM');
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('loses no acknowledged complaint, duplicates none, delivers committed events and escalates overdue clocks once', async () => {
    const env = { PORT: String(await freePort()), PG_PORT: String(await freePort()), PG_DATA_DIR: dataDir, SCHEDULER: 'on' };
    app = await startApp(env);
    // As the app's own role, whose generated password the default start keeps in the data directory.
    const dbUrl = embeddedUrl(Number(env.PG_PORT), APP_ROLE, readCredentials(dataDir).app!, 'complaint_desk');
    const db = await new DataSource(appDataSourceOptions(dbUrl, 2)).initialize();
    await seedDemoCompany(db, { password: 'demo-password', now: new Date('2026-11-28T00:00:00Z') });
    const token = await login(app.url, 'cs.staff1', 'demo-password');

    const bodies = Array.from({ length: REQUESTS }, (_, i) =>
      intakeBody({
        complainant: { name: `业主${i}`, phone: `137${String(i).padStart(8, '0')}`, address: { community: '崩溃测试小区', building: String(i % 20) } },
      }),
    );
    const send = (i: number, url: string) =>
      api(url, 'POST', '/tickets', token, bodies[i], { 'idempotency-key': `crash-${i}` }).catch((error: Error) => ({ status: 0, body: error.message }));

    // Fire all requests; kill the app hard once a third of them have been acknowledged.
    let acked = 0;
    const firstUrl = app.url;
    const killed = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (acked >= REQUESTS / 3 || app!.proc.exitCode !== null) {
          clearInterval(timer);
          app!.proc.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    const first = await Promise.all(
      bodies.map((_, i) =>
        send(i, firstUrl).then((r) => {
          if (r.status === 201) acked++;
          return r;
        }),
      ),
    );
    await killed;
    await app.exited;
    const acknowledged = first
      .map((r, i) => (r.status === 201 ? { i, id: r.body.ticket.id as string } : null))
      .filter((x): x is { i: number; id: string } => !!x);
    const pidFile = path.join(dataDir, 'postmaster.pid');
    const leftover = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
    expect(leftover).not.toBeNull(); // the killed app left its PostgreSQL running

    // While the app is down, a few open response clocks fall due.
    const updated: [{ id: string }[], number] = await db.query(
      `UPDATE sla_clock SET due_at = now() - interval '1 day', warn_at = now() - interval '2 days', next_check_at = now() - interval '1 day'
        WHERE id IN (SELECT id FROM sla_clock WHERE purpose = 'response' AND status = 'running' ORDER BY started_at LIMIT 5) RETURNING id`,
    );
    const clockIds = updated[0].map((o) => o.id);
    await db.destroy();

    app = await startApp(env);
    const retried = await Promise.all(first.map((r, i) => (r.status === 201 ? r : send(i, app!.url))));
    expect(retried.every((r) => r.status === 201)).toBe(true);

    const check = await new DataSource(appDataSourceOptions(dbUrl, 2)).initialize();
    try {
      const [{ tickets, phones }] = await check.query(
        `SELECT count(*)::int AS tickets, count(DISTINCT complainant_phone)::int AS phones FROM ticket WHERE community = '崩溃测试小区'`,
      );
      expect({ tickets, phones }).toEqual({ tickets: REQUESTS, phones: REQUESTS });
      const ids = acknowledged.map((a) => a.id);
      const [{ found, withClock, withChecklist }] = await check.query(
        `SELECT count(*)::int AS found,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sla_clock c WHERE c.ticket_id = t.id AND c.purpose = 'response'))::int AS "withClock",
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ticket_requirement r WHERE r.ticket_id = t.id))::int AS "withChecklist"
           FROM ticket t WHERE t.id = ANY($1)`,
        [ids],
      );
      expect({ found, withClock, withChecklist }).toEqual({ found: ids.length, withClock: ids.length, withChecklist: ids.length });

      // Committed events of acknowledged tickets reach the consumers after the restart.
      let pending = -1;
      for (let waited = 0; waited < 20_000; waited += 250) {
        [{ pending }] = await check.query(
          `SELECT count(*)::int AS pending FROM outbox_delivery d JOIN domain_event e ON e.id = d.event_id WHERE e.ticket_id = ANY($1) AND d.status <> 'done'`,
          [ids],
        );
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(pending).toBe(0);

      // Clocks that fell due while the app was down escalate once, however many sweeps run.
      const admin = await login(app.url, 'admin', 'admin-password-1');
      expect((await api(app.url, 'POST', '/admin/sweeps', admin)).status).toBe(200);
      expect((await api(app.url, 'POST', '/admin/sweeps', admin)).status).toBe(200);
      const escalations = await check.query(`SELECT clock_id, kind, level, count(*)::int AS n FROM sla_escalation WHERE clock_id = ANY($1) GROUP BY 1, 2, 3`, [
        clockIds,
      ]);
      const [{ breaches }] = await check.query(`SELECT count(*)::int AS breaches FROM sla_breach WHERE clock_id = ANY($1)`, [clockIds]);
      expect(breaches).toBe(clockIds.length);
      expect(escalations.every((e: { n: number }) => e.n === 1)).toBe(true);
      expect(escalations).toHaveLength(clockIds.length * 2);

      recordFigures('crash', {
        requestsSent: REQUESTS,
        acknowledgedBeforeKill: acknowledged.length,
        foundAfterRecovery: found,
        ticketsAfterRetries: tickets,
        duplicates: tickets - phones,
        overdueClocks: clockIds.length,
        escalationsExpected: clockIds.length * 2,
        escalationsFired: escalations.length,
        leftoverPostmasterRecovered: leftover !== null,
      });
    } finally {
      await check.destroy();
    }

    const code = await app.stop('SIGTERM');
    app = undefined;
    expect(code).toBe(0);
    expect(existsSync(pidFile)).toBe(false); // the embedded PostgreSQL stopped with the app
  });
});
