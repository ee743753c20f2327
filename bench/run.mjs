// npm run bench: intake throughput, sweep scaling, report and board times, each against a baseline
// measured in the same run on the same embedded PostgreSQL. Prints one table (and the claim query's
// plan), writes bench/results.json. See docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { client, login, startApp } from './lib/app.mjs';
import { benchPlace, root, workDir } from './lib/settings.mjs';
import { databaseUrl, ensureTools, recreateDatabase, startCluster } from './lib/cluster.mjs';
import { cpuMeter } from './lib/cpu.mjs';
import { captureIntake, intakeBody, loadApp, loadPgbench, writeScript } from './lib/intake.mjs';
import { seedLedger } from './lib/ledger-seed.mjs';
import { growStaff, seedOrg } from './lib/org.mjs';
import { measureReadSide } from './lib/reports.mjs';
import { buildRows, renderTable } from './lib/table.mjs';
import { makeDue, seedTickets } from './lib/tickets-seed.mjs';
import { listenLive } from './lib/live.mjs';
import { soakIntake } from './lib/soak.mjs';
import { historyRow } from './lib/history.mjs';
import { DUE, explainClaim, measureSize, profileSweep, sweepOnce } from './lib/sweep.mjs';
import { DUE_DISPATCHES, measureDispatchSweep } from './lib/dispatch-sweep.mjs';
import { loadPhotoIntake } from './lib/photo-intake.mjs';

const env = process.env;
const settings = {
  ...benchPlace({ port: 3400, pgPort: 55800 }),
  sizes: (env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number),
  connections: Number(env.BENCH_CONNECTIONS ?? 16),
  // The concurrency the peer's (osTicket 1.18) figures were taken at.
  peerConnections: 8,
  // Complaints with a photo per second in the fixed-rate run: more than the peer files without photos (36.8/s).
  photoRate: Number(env.BENCH_PHOTO_RATE ?? 40),
  soakRate: Number(env.BENCH_SOAK_RATE ?? 100),
  soakSeconds: Number(env.BENCH_SOAK_SECONDS ?? 300),
  seconds: Number(env.BENCH_SECONDS ?? 20),
  staff: 500,
  ledgerEntries: 50_000,
};
const captureFile = path.join(workDir, 'sql-capture.jsonl');
const PASSWORD = 'bench-password';
const ADMIN_PASSWORD = 'bench-admin-password';

const started = performance.now();
const log = (msg) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

if (settings.sizes.some((s) => s < 5 * DUE)) throw new Error(`every size in BENCH_SIZES must be at least ${5 * DUE}`);
mkdirSync(workDir, { recursive: true });

const tools = ensureTools(log);
log(`embedded PostgreSQL on port ${settings.pgPort}, data in ${path.relative(root, settings.dataDir)}`);
const cluster = await startCluster({ dataDir: settings.dataDir, port: settings.pgPort });
let app;
let db;
let live;
// Ctrl-C: the app stops itself (same process group); the database runs in its own group, stop it too.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the app and the database`);
    void Promise.allSettled([app?.stop(), live?.close(), db?.end()])
      .then(() => cluster.stop())
      .finally(() => process.exit(130));
  });
}
const results = { startedAt: new Date().toISOString(), settings };
try {
  const pgVersion = await recreateDatabase(settings.pgPort, settings.database);
  const url = databaseUrl(settings.pgPort, settings.database);
  results.machine = machine(pgVersion, tools.version);
  app = await startApp({
    root,
    port: settings.port,
    databaseUrl: url,
    captureFile,
    adminPassword: ADMIN_PASSWORD,
    jwtSecret: `bench-jwt-secret-${'x'.repeat(32)}`,
    // Another build (a copy of dist/ from an earlier commit, for a figure the side-by-side scripts do not take):
    // BENCH_ENTRY=<dir>/src/main.js.
    entry: env.BENCH_ENTRY ?? 'dist/src/main.js',
  });
  log(`app up on port ${settings.port} (pid ${app.pid})`);
  const meter = () => cpuMeter({ appPid: app.pid, dataDir: settings.dataDir });
  db = new pg.Client({ connectionString: url, application_name: 'bench' });
  db.on('error', (error) => log(`bench database connection: ${error.message}`));
  await db.connect();
  live = await listenLive(url);
  // The server settings that shape write latency, as `npm start` sets them.
  results.machine.postgresSettings = Object.fromEntries(
    (
      await db.query(
        `SELECT name, current_setting(name) AS value FROM pg_settings
          WHERE name IN ('shared_buffers', 'fsync', 'synchronous_commit', 'max_wal_size', 'checkpoint_timeout', 'backend_flush_after', 'wal_sync_method')`,
      )
    ).rows.map((r) => [r.name, r.value]),
  );

  const adminToken = await login(app.base, 'admin', ADMIN_PASSWORD);
  const admin = client(app.base, adminToken);
  const org = await seedOrg(app.base, adminToken, PASSWORD);
  const headCount = await growStaff(db, org, settings.staff, new Date());
  const tokens = {
    staff: await login(app.base, 'eng.staff1', PASSWORD),
    manager: await login(app.base, 'manager', PASSWORD),
    hr: await login(app.base, 'hr.officer', PASSWORD),
  };
  // One real intake: checks the routing works and gives the seeded clocks a real explanation.
  await client(app.base, tokens.staff)('POST', '/tickets', intakeBody('13700000000', 'S1'), { expect: [201] });
  const [{ explanation }] = (await db.query(`SELECT explanation FROM sla_clock WHERE purpose = 'response' LIMIT 1`)).rows;
  log(`organisation: 4 departments, ${headCount} staff`);

  // 2. Sweep scaling.
  results.sweep = { sizes: [] };
  let seeded = 0;
  for (const size of settings.sizes) {
    const t = performance.now();
    await seedTickets(db, org, { from: seeded, to: size, now: new Date(), explanation: JSON.stringify(explanation), spreadSeconds: spread() });
    seeded = size;
    const seedSeconds = +((performance.now() - t) / 1000).toFixed(1);
    const [{ tickets, clocks }] = (
      await db.query(
        `SELECT (SELECT count(*) FROM ticket WHERE status = 'open')::int AS tickets, (SELECT count(*) FROM sla_clock WHERE status = 'running')::int AS clocks`,
      )
    ).rows;
    log(`seeded ${size.toLocaleString('en-US')} tickets in ${seedSeconds} s; sweeping`);
    const set = (k) => size - (k + 1) * DUE + 1; // five disjoint sets of 1,000 tickets at the top of the range
    const profile = await profileSweep(app, admin, db, live, { firstTicket: set(4), captureFile });
    await makeDue(db, { first: set(3), count: DUE, now: new Date() });
    const planDue = await explainClaim(db, profile.claim, new Date());
    await sweepOnce(admin, live);
    const planEmpty = await explainClaim(db, profile.claim, new Date());
    const measured = await measureSize(admin, db, live, { firstTicket: (run) => set(run) });
    results.sweep.sizes.push({
      seeded: size,
      openTickets: tickets,
      runningClocks: clocks,
      seedSeconds,
      ...measured,
      claimExecutionMs: { due: planDue.executionMs, empty: planEmpty.executionMs },
      profile: { ...profile, claim: undefined },
      claimPlan: { due: planDue.plan, empty: planEmpty.plan, sql: planDue.sql },
    });
    log(`  empty ${measured.emptySweepMs} ms, 1,000 due ${measured.dueSweepMs} ms (${measured.clocksPerSecond} clocks/s)`);
  }
  // The dispatches' sign-by clock at the largest size, on tickets far below the SLA sets.
  results.dispatchSweep = await measureDispatchSweep(admin, db, live, org, { firstTicket: (run) => 1 + run * DUE_DISPATCHES });
  log(`  1,000 due dispatches: ${results.dispatchSweep.httpMs} ms (${results.dispatchSweep.dispatchesPerSecond} dispatches/s)`);

  // 3. Reports and board at full size.
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  results.ledger = await seedLedger(db, org, { count: settings.ledgerEntries, month, now: new Date(), spreadSeconds: spread() });
  await live.quiet();
  log(`ledger: ${results.ledger.seeded ? `${results.ledger.seeded} entries` : results.ledger.reason}; timing board and reports for ${month}`);
  results.readSide = await measureReadSide(app, db, { psql: tools.psql, url, tokens, month, captureFile, sweep: () => sweepOnce(admin, live) });

  // 1. Intake (last, on the full database: the app and pgbench see the same tables).
  await live.quiet();
  log('intake: capturing the statements of one POST /tickets');
  const captured = await captureIntake(app, tokens.staff, captureFile);
  const script = path.join(workDir, 'intake.pgbench');
  const written = await writeScript(captured, db, script);
  const load = { connections: settings.connections, meter };
  const bench = { pgbench: tools.pgbench, url, script, workDir, ...load };
  log(`intake: ${written.statements} statements captured; warm-up 3 s each, then app and pgbench ${settings.seconds} s each, twice, alternating`);
  await loadApp(app, tokens.staff, { ...load, seconds: 3, run: 0 });
  // How the app's sessions reach the server (a session over the Unix socket has no client address).
  results.appSessions = (
    await db.query(
      `SELECT CASE WHEN client_addr IS NULL THEN 'unix socket' ELSE 'tcp' END AS via, count(*)::int AS sessions
         FROM pg_stat_activity WHERE application_name = 'complaint-desk' GROUP BY 1`,
    )
  ).rows;
  log(`the app's database sessions: ${results.appSessions.map((r) => `${r.sessions} by ${r.via}`).join(', ')}`);
  await loadPgbench({ ...bench, seconds: 3, run: 0 });
  // Two alternating rounds: a drift of the shared machine touches both sides alike.
  const rounds = [];
  for (let round = 1; round <= 2; round++) {
    const appRound = await loadApp(app, tokens.staff, { ...load, seconds: settings.seconds, run: round });
    const pgbenchRound = await loadPgbench({ ...bench, seconds: settings.seconds, run: round });
    rounds.push({ app: appRound, pgbench: { ...pgbenchRound, stdout: undefined } });
  }
  // Diagnostic: the same script with the day's reference counter row made per client (so no row lock
  // is shared), to show how much of the baseline's own limit that one row is.
  const unshared = path.join(workDir, 'intake-unshared-counter.pgbench');
  writeFileSync(unshared, unsharedCounter(written.script, captured.chosen.reference));
  const diagnostic = await loadPgbench({ ...bench, script: unshared, seconds: 10, run: 3 });
  // Beside the peer: the same intake at 8 connections, one round each side.
  log(`intake at ${settings.peerConnections} connections: app and pgbench ${settings.seconds} s each`);
  const peerLoad = { connections: settings.peerConnections, meter };
  const atPeer = {
    app: await loadApp(app, tokens.staff, { ...peerLoad, seconds: settings.seconds, run: 4 }),
    pgbench: { ...(await loadPgbench({ ...bench, ...peerLoad, seconds: settings.seconds, run: 5 })), stdout: undefined },
  };
  // Intake with a photo, two requests per complaint: flat out at the peer's concurrency, then at a fixed rate.
  log(`intake with a photo at ${settings.peerConnections} connections: ${settings.seconds} s`);
  results.photoIntake = await loadPhotoIntake(app, tokens.staff, db, { connections: settings.peerConnections, seconds: settings.seconds, run: 6, meter });
  log(`intake with a photo at ${settings.photoRate} complaints/s: ${settings.seconds} s`);
  results.photoIntakeAtRate = await loadPhotoIntake(app, tokens.staff, db, { rate: settings.photoRate, seconds: settings.seconds, run: 7, meter });
  results.intake = {
    atPeer,
    statements: written.statements,
    app: combine(
      rounds.map((r) => r.app),
      { sum: ['requests', 'created', 'errors'], max: ['peakRssMb'] },
    ),
    pgbench: combine(
      rounds.map((r) => r.pgbench),
      { sum: ['processed', 'failed'] },
    ),
    rounds,
    diagnostic: { ...diagnostic, stdout: undefined },
    script: written.script,
  };
  // 4. Steady soak at a fixed rate, last: a leak or a slow-down over time shows minute by minute.
  if (settings.soakSeconds > 0) {
    await live.quiet();
    log(`soak: ${settings.soakRate} intakes/s for ${settings.soakSeconds} s`);
    results.soak = await soakIntake(app, tokens.staff, db, { rate: settings.soakRate, seconds: settings.soakSeconds, database: settings.database, log });
  }
  results.appPeakRssMbSinceStart = Math.round(app.memory().peakKb / 1024);
} finally {
  await live?.close().catch(() => undefined);
  await db?.end().catch(() => undefined);
  await app?.stop();
  await cluster.stop();
}

results.totalSeconds = Math.round((performance.now() - started) / 1000);
results.rows = buildRows(results);
writeFileSync(path.join(root, 'bench/results.json'), JSON.stringify(results, null, 2));
const largest = results.sweep.sizes.at(-1);
console.log(`\nBenchmarks (${results.machine.summary}), total ${results.totalSeconds} s\n`);
console.log(renderTable(results.rows));
console.log(`\nClaim query at ${largest.seeded.toLocaleString('en-US')} open tickets, 1,000 due (EXPLAIN (ANALYZE, BUFFERS), rolled back):\n`);
console.log(largest.claimPlan.due);
console.log(`\nHistory row for docs/benchmarks.md (date, commit, headline ratios):\n`);
console.log(historyRow(results, commit()));
console.log(`\nFull results: bench/results.json`);

/** Seconds back from now over which seeded rows are spread: 16 hours, or less to stay in this month (Asia/Shanghai, UTC+8). */
function spread() {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  const sinceMonthStart = (Date.now() - (Date.UTC(y, m - 1, 1) - 8 * 3600_000)) / 1000;
  return Math.max(60, Math.min(57_600, Math.floor(sinceMonthStart) - 120));
}

/** Rounds into one: counts summed, peaks maxed, every other number (rates, percentiles, cores) averaged. */
function combine(rounds, { sum = [], max = [] }) {
  const out = {};
  for (const [key, value] of Object.entries(rounds[0])) {
    const values = rounds.map((r) => r[key]);
    if (key === 'statusCodes')
      out[key] = values.reduce((all, codes) => {
        for (const [c, n] of Object.entries(codes)) all[c] = (all[c] ?? 0) + n;
        return all;
      }, {});
    else if (typeof value === 'object' && value !== null) out[key] = combine(values, {});
    else if (typeof value !== 'number') out[key] = value;
    else if (sum.includes(key)) out[key] = values.reduce((a, b) => a + b, 0);
    else if (max.includes(key)) out[key] = Math.max(...values);
    else out[key] = +(values.reduce((a, b) => a + b, 0) / values.length).toFixed(2);
  }
  return out;
}

function unsharedCounter(script, reference) {
  const day = reference.split('-')[1];
  const counterRow = `VALUES ('${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}', 1)`;
  const prefix = reference.replace(/\d+$/, '');
  if (!script.includes(counterRow) || !script.includes(`'${prefix}'`)) throw new Error('the intake script has no reference counter to unshare');
  // The intake builds the reference in SQL from the prefix (a literal) and the counter it takes; a statement after
  // it that names the reference reads it from the counter statement's result (`prefix:bv_…`).
  return script
    .replace(counterRow, `VALUES (DATE '2000-01-01' + :client_id, 1)`)
    .split(`${prefix}:`)
    .join(`${prefix}C:client_id-:`)
    .split(`'${prefix}'`)
    .join(`'${prefix}C' || :client_id || '-'`);
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(pgVersion, pgbenchVersion) {
  const cpus = os.cpus();
  const memGiB = +(os.totalmem() / 2 ** 30).toFixed(1);
  const kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: memGiB,
    node: process.version,
    postgres: pgVersion,
    pgbench: pgbenchVersion,
    kernel,
    summary: `${os.availableParallelism?.() ?? cpus.length} cores, ${memGiB} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`,
  };
}
