// npm run bench:intake-counter — intake of an earlier build (the "before" build) and of this one, side by side on
// one database in one run (first written for the day's reference counter taken early, then last): both apps run at
// once (idle in turn), and 16-connection intake loads alternate between them, so a drift of the shared machine
// touches both sides alike. Reports tickets/s, p50/p99, CPU per ticket of the app and of PostgreSQL, and what each
// ticket cost PostgreSQL in WAL, full-page images and blocks read into shared buffers; checks that each day's
// references stay gap-free.
// The "before" build: BENCH_BEFORE_DIST (default .data/dist-before, a copy of dist/ built from the earlier commit:
// `git worktree add /tmp/before <commit> && (cd /tmp/before && npm run build) && cp -a /tmp/before/dist .data/dist-before`).
// BENCH_AFTER_ENV: settings for this build's app only, as NAME=value pairs separated by spaces (for one build
// beside itself with a setting changed: BENCH_BEFORE_DIST=dist BENCH_AFTER_ENV='DB_POOL_SIZE=8'); BENCH_BEFORE_ENV the same
// for the "before" app (BENCH_BEFORE_DIST=dist BENCH_BEFORE_ENV='DATABASE_URL=<TCP URL>': loopback TCP beside the socket).
// BENCH_TICKETS (default 100000, seeded open tickets), BENCH_CONNECTIONS (16), BENCH_SECONDS (20), BENCH_ROUNDS (2).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { client, login, startApp } from './lib/app.mjs';
import { benchPlace, root, workDir } from './lib/settings.mjs';
import { databaseUrl, recreateDatabase, startCluster } from './lib/cluster.mjs';
import { cpuMeter } from './lib/cpu.mjs';
import { intakeBody, loadApp } from './lib/intake.mjs';
import { growStaff, seedOrg } from './lib/org.mjs';
import { seedTickets } from './lib/tickets-seed.mjs';

const env = process.env;
const settings = {
  ...benchPlace({ name: 'intake', port: 3478, pgPort: 55878 }),
  beforeDist: path.resolve(root, env.BENCH_BEFORE_DIST ?? '.data/dist-before'),
  afterEnv: env.BENCH_AFTER_ENV ?? '',
  beforeEnv: env.BENCH_BEFORE_ENV ?? '',
  tickets: Number(env.BENCH_TICKETS ?? 100_000),
  connections: Number(env.BENCH_CONNECTIONS ?? 16),
  seconds: Number(env.BENCH_SECONDS ?? 20),
  rounds: Number(env.BENCH_ROUNDS ?? 2),
  staff: 500,
};
const PASSWORD = 'bench-password';
const ADMIN_PASSWORD = 'bench-admin-password';
const started = performance.now();
const log = (msg) => process.stderr.write(`[intake-counter ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

if (!existsSync(path.join(settings.beforeDist, 'src/main.js'))) throw new Error(`no "before" build in ${settings.beforeDist} (see the head of this file)`);
mkdirSync(workDir, { recursive: true });
const cluster = await startCluster({ dataDir: settings.dataDir, port: settings.pgPort });
const apps = {};
let db;
const results = { startedAt: new Date().toISOString(), settings, rounds: [] };
try {
  await recreateDatabase(settings.pgPort, settings.database);
  const url = databaseUrl(settings.pgPort, settings.database);
  const common = { root, databaseUrl: url, captureFile: path.join(workDir, 'intake-counter-capture.jsonl'), adminPassword: ADMIN_PASSWORD };
  const jwtSecret = `bench-jwt-secret-${'x'.repeat(32)}`;
  // The newer build first: it runs the migrations; the older one finds them applied (none were added since).
  const pairs = (text) =>
    Object.fromEntries(
      text
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => pair.split(/=(.*)/s, 2)),
    );
  apps.after = await startApp({ ...common, port: settings.port + 1, jwtSecret, env: pairs(settings.afterEnv) });
  apps.before = await startApp({
    ...common,
    port: settings.port,
    jwtSecret,
    entry: path.relative(root, path.join(settings.beforeDist, 'src/main.js')),
    env: pairs(settings.beforeEnv),
  });
  db = new pg.Client({ connectionString: url, application_name: 'bench' });
  await db.connect();
  const adminToken = await login(apps.after.base, 'admin', ADMIN_PASSWORD);
  const org = await seedOrg(apps.after.base, adminToken, PASSWORD);
  await growStaff(db, org, settings.staff, new Date());
  const token = await login(apps.after.base, 'eng.staff1', PASSWORD);
  await client(apps.after.base, token)('POST', '/tickets', intakeBody('13700000000', 'S1'), { expect: [201] });
  const [{ explanation }] = (await db.query(`SELECT explanation FROM sla_clock WHERE purpose = 'response' LIMIT 1`)).rows;
  if (settings.tickets > 0) {
    log(`seeding ${settings.tickets.toLocaleString('en-US')} open tickets`);
    await seedTickets(db, org, { from: 0, to: settings.tickets, now: new Date(), explanation: JSON.stringify(explanation), spreadSeconds: 3600 });
    await db.query('VACUUM ANALYZE');
  }
  // The seed's checkpoint now, not in the middle of the rounds: its full-page images fell into one round of one side.
  await db.query('CHECKPOINT');
  const load = (side, seconds, run) =>
    loadApp(apps[side], token, {
      connections: settings.connections,
      seconds,
      run,
      meter: () => cpuMeter({ appPid: apps[side].pid, dataDir: settings.dataDir }),
    });
  log('warm-up: 3 s each');
  await load('before', 3, 90);
  await load('after', 3, 91);
  // What the round wrote and read (the rounds take turns, so the cluster-wide counters are the round's own).
  const io = async () =>
    (
      await db.query(
        `SELECT w.wal_bytes::float8 AS wal_bytes, w.wal_fpi::float8 AS wal_fpi, d.blks_read::float8 AS blks_read
           FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = current_database()`,
      )
    ).rows[0];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const side of round % 2 ? ['before', 'after'] : ['after', 'before']) {
      await db.query('SELECT pg_stat_clear_snapshot()');
      const ioBefore = await io();
      const r = await load(side, settings.seconds, round * 2 + (side === 'after' ? 1 : 0));
      // An idle backend reports its statistics within 10 s (PGSTAT_IDLE_INTERVAL): wait for the round's to arrive.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      await db.query('SELECT pg_stat_clear_snapshot()');
      const ioAfter = await io();
      const perTicket = (cores) => +((cores * settings.seconds * 1000) / r.created).toFixed(2);
      const ioPerTicket = (key, scale = 1) => +((ioAfter[key] - ioBefore[key]) / scale / r.created).toFixed(2);
      results.rounds.push({
        side,
        round,
        rps: +r.rps.toFixed(1),
        p50: r.p50,
        p99: r.p99,
        errors: r.errors,
        appCpuMsPerTicket: perTicket(r.cpuCores.app),
        postgresCpuMsPerTicket: perTicket(r.cpuCores.postgres),
        walKbPerTicket: ioPerTicket('wal_bytes', 1024),
        fullPageImagesPerTicket: ioPerTicket('wal_fpi'),
        blocksReadPerTicket: ioPerTicket('blks_read'),
      });
      log(`${side} round ${round}: ${r.rps.toFixed(1)}/s, p99 ${r.p99} ms, errors ${r.errors}`);
    }
  }
  // Gap-free: every day's references are 1..n with none missing (the seeded tickets carry their own prefix).
  const days = (
    await db.query(
      `SELECT c.day::text, c.last, count(t.id)::int AS tickets, count(DISTINCT t.reference)::int AS distinct_refs,
              max(substring(t.reference from '([0-9]+)$')::int) AS highest
         FROM ticket_reference_counter c JOIN ticket t ON t.reference LIKE '%-' || to_char(c.day, 'YYYYMMDD') || '-%'
        GROUP BY c.day, c.last`,
    )
  ).rows;
  results.gapFree = days.map((d) => ({ ...d, ok: d.tickets === d.last && d.distinct_refs === d.last && d.highest === d.last }));
} finally {
  await db?.end().catch(() => undefined);
  await Promise.allSettled(Object.values(apps).map((a) => a.stop()));
  await cluster.stop();
}

const mean = (side, key) => {
  const xs = results.rounds.filter((r) => r.side === side).map((r) => r[key]);
  return +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
};
results.summary = Object.fromEntries(
  ['rps', 'p50', 'p99', 'appCpuMsPerTicket', 'postgresCpuMsPerTicket', 'walKbPerTicket', 'fullPageImagesPerTicket', 'blocksReadPerTicket', 'errors'].map(
    (k) => [k, { before: mean('before', k), after: mean('after', k), ratio: mean('before', k) ? +(mean('after', k) / mean('before', k)).toFixed(2) : '—' }],
  ),
);
writeFileSync(path.join(root, 'bench/intake-counter-results.json'), JSON.stringify(results, null, 2));
console.log(
  `\nIntake, the before build and this one side by side at ${settings.tickets.toLocaleString('en-US')} open tickets, ${settings.connections} connections, ${settings.rounds} × ${settings.seconds} s each\n`,
);
console.log('| measure | before | after | after / before |\n| --- | --- | --- | --- |');
for (const [k, v] of Object.entries(results.summary)) console.log(`| ${k} | ${v.before} | ${v.after} | ${v.ratio} |`);
console.log(`\nGap-free references: ${results.gapFree.every((d) => d.ok) ? 'yes' : 'NO'} (${JSON.stringify(results.gapFree)})`);
