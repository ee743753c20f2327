// npm run bench:speed — issue 20's read-side steps, before and after on the same data in one run:
// ticket text search (the old ILIKE scan against the grams index with its ILIKE recheck), the SLA gauges
// of /metrics (the old count of every live clock against the board's kept counts and the last sweep's figures), and HR's monthly
// report as JSON (the full report with every list behind each figure against the figures added up in
// SQL). The "before" side is the old statement or code path run in this same process on the same
// database, so the ratios hold on a shared machine even when the absolute times do not.
// BENCH_TICKETS (default 200000), BENCH_LEDGER (50000), BENCH_RUNS (7).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../dist/src/app.entities.js';
import { loadPolicy } from '../dist/src/config/policy.loader.js';
import { monthRuleOf } from '../dist/src/config/statistical-month.js';
import { buildPerformanceReport, buildPerformanceSummary } from '../dist/src/reports/performance-report.query.js';
import { client, login, startApp } from './lib/app.mjs';
import { benchPlace, root, workDir } from './lib/settings.mjs';
import { databaseUrl, recreateDatabase, startCluster } from './lib/cluster.mjs';
import { seedLedger } from './lib/ledger-seed.mjs';
import { growStaff, seedOrg } from './lib/org.mjs';
import { seedTickets } from './lib/tickets-seed.mjs';
import { median } from './lib/stats.mjs';

const env = process.env;
const settings = {
  ...benchPlace({ name: 'speed', port: 3475, pgPort: 55875 }),
  tickets: Number(env.BENCH_TICKETS ?? 200_000),
  ledgerEntries: Number(env.BENCH_LEDGER ?? 50_000),
  runs: Number(env.BENCH_RUNS ?? 7),
  staff: 500,
};
const PASSWORD = 'bench-password';
const ADMIN_PASSWORD = 'bench-admin-password';
const started = performance.now();
const log = (msg) => process.stderr.write(`[speed ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

/** Median milliseconds of `fn` over the runs, after one warm-up. */
async function timed(fn, runs = settings.runs) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return +median(times).toFixed(2);
}

// The seeded tickets' texts: eight complaints, none about a leak; the 100 oldest then say 漏水.
const PHRASES = [
  '楼道灯坏了，晚上看不见',
  '电梯异响，运行不稳',
  '垃圾清运不及时，异味大',
  '夜间装修噪音扰民',
  '小区门禁卡失灵',
  '绿化带被占用种菜',
  '停车位被外来车辆占用',
  '物业费收费标准不清楚',
];

mkdirSync(workDir, { recursive: true });
log(`embedded PostgreSQL on port ${settings.pgPort}`);
const cluster = await startCluster({ dataDir: settings.dataDir, port: settings.pgPort });
let app;
let db;
let orm;
const results = { startedAt: new Date().toISOString(), settings };
try {
  await recreateDatabase(settings.pgPort, settings.database);
  const url = databaseUrl(settings.pgPort, settings.database);
  app = await startApp({
    root,
    port: settings.port,
    databaseUrl: url,
    captureFile: path.join(workDir, 'speed-capture.jsonl'),
    adminPassword: ADMIN_PASSWORD,
    jwtSecret: `bench-jwt-secret-${'x'.repeat(32)}`,
  });
  db = new pg.Client({ connectionString: url, application_name: 'bench-speed' });
  await db.connect();
  const adminToken = await login(app.base, 'admin', ADMIN_PASSWORD);
  const org = await seedOrg(app.base, adminToken, PASSWORD);
  await growStaff(db, org, settings.staff, new Date());
  const tokens = {
    staff: await login(app.base, 'eng.staff1', PASSWORD),
    manager: await login(app.base, 'manager', PASSWORD),
    hr: await login(app.base, 'hr.officer', PASSWORD),
  };
  await client(app.base, tokens.staff)(
    'POST',
    '/tickets',
    {
      channel: 'phone',
      complainant: { name: '李女士', phone: '13700000000', address: { community: '阳光花园', building: 'S1', unit: '1', room: '101' } },
      summary: '电梯异响',
      requests: '尽快检修',
      category: '报修',
      severity: 'general',
      disposition: 'accepted',
    },
    { expect: [201] },
  );
  const [{ explanation }] = (await db.query(`SELECT explanation FROM sla_clock WHERE purpose = 'response' LIMIT 1`)).rows;
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const spread = spreadSeconds();

  let t = performance.now();
  await seedTickets(db, org, { from: 0, to: settings.tickets, now: new Date(), explanation: JSON.stringify(explanation), spreadSeconds: spread });
  results.seedSeconds = +((performance.now() - t) / 1000).toFixed(1);
  log(`seeded ${settings.tickets.toLocaleString('en-US')} tickets in ${results.seedSeconds} s (grams indexed on every row)`);
  t = performance.now();
  await db.query(`UPDATE ticket SET summary = ($1::text[])[1 + substr(reference, 4)::int % 8] WHERE reference LIKE 'BN-%'`, [PHRASES]);
  await db.query(
    `UPDATE ticket SET summary = '厨房水管漏水，楼下天花板滴水' WHERE id IN (SELECT id FROM ticket WHERE reference LIKE 'BN-%' ORDER BY received_at, id LIMIT 100)`,
  );
  await db.query('VACUUM ANALYZE ticket');
  results.retextSeconds = +((performance.now() - t) / 1000).toFixed(1);
  const [{ bytes }] = (await db.query(`SELECT pg_relation_size('ticket_search_grams')::bigint AS bytes`)).rows;
  results.gramsIndexMb = Math.round(Number(bytes) / 1048576);
  log(`texts varied in ${results.retextSeconds} s; grams index ${results.gramsIndexMb} MB`);
  results.ledger = await seedLedger(db, org, { count: settings.ledgerEntries, month, now: new Date(), spreadSeconds: spread });

  // 1. Search: the statement as the app sends it for a manager (who sees every ticket), first page.
  const like = (q) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ILIKE = `(t.summary ILIKE $1 OR t.requests ILIKE $1 OR t.reference ILIKE $1 OR t.complainant_name ILIKE $1 OR t.community ILIKE $1)`;
  const before = (q) => db.query(`SELECT t.id FROM ticket t WHERE ${ILIKE} ORDER BY t.received_at DESC, t.id DESC LIMIT 51`, [like(q)]);
  const after = (q) =>
    db.query(
      `SELECT t.id FROM ticket t WHERE ticket_search_grams(t.summary, t.requests, t.reference, t.complainant_name, t.community) @> search_query_grams($2::text) AND ${ILIKE} ORDER BY t.received_at DESC, t.id DESC LIMIT 51`,
      [like(q), q],
    );
  results.search = [];
  for (const q of ['漏水', '渗漏', '漏', '楼道灯', 'ABC123']) {
    const [a, b] = [(await before(q)).rows.map((r) => r.id), (await after(q)).rows.map((r) => r.id)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`search ${q}: the grams query returned other tickets than the ILIKE`);
    const beforeMs = await timed(() => before(q), 3);
    const afterMs = await timed(() => after(q));
    const httpMs = await timed(() => client(app.base, tokens.manager)('GET', `/tickets?q=${encodeURIComponent(q)}&limit=50`));
    results.search.push({ q, matches: a.length, beforeMs, afterMs, ratio: +(beforeMs / afterMs).toFixed(1), httpMs });
    log(`search ${q}: ${a.length} on the first page; ILIKE ${beforeMs} ms, grams ${afterMs} ms, HTTP ${httpMs} ms`);
  }
  const plan = await db.query(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT t.id FROM ticket t WHERE ticket_search_grams(t.summary, t.requests, t.reference, t.complainant_name, t.community) @> search_query_grams($2::text) AND ${ILIKE} ORDER BY t.received_at DESC, t.id DESC LIMIT 51`,
    [like('漏水'), '漏水'],
  );
  results.searchPlan = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  if (!/ticket_search_grams/.test(results.searchPlan)) throw new Error(`the search did not use the grams index:\n${results.searchPlan}`);

  // 2. /metrics: the old gauge's statement against the new one, and the endpoint.
  const oldGauge = () =>
    db.query(`SELECT CASE WHEN status = 'paused' THEN 'paused' WHEN breached_at IS NOT NULL THEN 'breached' WHEN warned_at IS NOT NULL THEN 'warned' ELSE 'running' END AS state, count(*)::int AS n
                FROM sla_clock WHERE status IN ('running', 'paused') GROUP BY 1`);
  const LIVE = `status IN ('running', 'paused') AND purpose <> 'activity'`;
  // The counts per scrape that replaced it, and what a scrape reads now: the kept open counts and the row
  // the last sweep wrote (its count is the "per sweep" figure, paid once per 30 s instead of once per scrape).
  const countedGauge = () =>
    db.query(
      `SELECT (SELECT coalesce(sum(open), 0) FROM sla_board_count)::int AS open,
              (SELECT count(DISTINCT ticket_id) FROM sla_clock WHERE ${LIVE} AND breached_at IS NOT NULL)::int AS breached,
              (SELECT count(DISTINCT ticket_id) FROM sla_clock WHERE ${LIVE} AND breached_at IS NULL AND warn_at <= $1 AND due_at > $1)::int AS at_risk`,
      [new Date()],
    );
  const newGauge = () =>
    db.query(
      `SELECT (SELECT coalesce(sum(open), 0) FROM sla_board_count)::int AS open, f.at_risk, f.breached, f.measured_at
         FROM (SELECT 1) one LEFT JOIN sla_sweep_figures f ON f.id = 1`,
    );
  const sweepMs = await timed(() => client(app.base, adminToken)('POST', '/admin/sweeps'), 1);
  results.metrics = {
    beforeMs: await timed(oldGauge, 3),
    countedMs: await timed(countedGauge),
    afterMs: await timed(newGauge),
    sweepWithCountMs: sweepMs,
    httpMs: await timed(() => client(app.base)('GET', '/metrics')),
  };
  log(
    `metrics gauges: old ${results.metrics.beforeMs} ms, counted per scrape ${results.metrics.countedMs} ms, kept ${results.metrics.afterMs} ms; GET /metrics ${results.metrics.httpMs} ms`,
  );

  // 3. HR report JSON: the full report serialised (what the JSON route built) against the figures added up in SQL.
  orm = await new DataSource(appDataSourceOptions(url, 4)).initialize();
  const monthRule = monthRuleOf(loadPolicy(path.join(root, 'config/policy.yaml')).company);
  let fullBytes = 0;
  let summaryBytes = 0;
  const fullMs = await timed(async () => {
    fullBytes = JSON.stringify(await buildPerformanceReport(orm.manager, month, monthRule, new Date())).length;
  }, 3);
  const summaryMs = await timed(async () => {
    summaryBytes = JSON.stringify(await buildPerformanceSummary(orm.manager, month, monthRule, new Date())).length;
  });
  const httpMs = await timed(() => client(app.base, tokens.hr)('GET', `/reports/performance?month=${month}&format=json`));
  results.hrReport = { fullMs, fullBytes, summaryMs, summaryBytes, httpMs };
  log(`HR report: full ${fullMs} ms (${fullBytes} chars), figures ${summaryMs} ms (${summaryBytes} chars); GET JSON ${httpMs} ms`);
} finally {
  await orm?.destroy().catch(() => undefined);
  await db?.end().catch(() => undefined);
  await app?.stop();
  await cluster.stop();
}
results.totalSeconds = Math.round((performance.now() - started) / 1000);
writeFileSync(path.join(root, 'bench/speed-results.json'), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));

/** Seconds back from now over which seeded rows are spread: 16 hours, or less to stay in this month (Asia/Shanghai, UTC+8). */
function spreadSeconds() {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  const sinceMonthStart = (Date.now() - (Date.UTC(y, m - 1, 1) - 8 * 3600_000)) / 1000;
  return Math.max(60, Math.min(57_600, Math.floor(sinceMonthStart) - 120));
}
