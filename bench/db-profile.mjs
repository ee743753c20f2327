// npm run bench:db-profile — where PostgreSQL's time goes in POST /tickets (issue 20: "look at what the triggers
// cost per row", "how many outbox rows one event writes"). Runs the built app on an embedded PostgreSQL of its own
// with pg_stat_statements loaded (track = all: statements run inside trigger functions are counted on their own
// line too; track_planning = on: planning is apart from execution), files intakes at 16 connections for
// BENCH_SECONDS (default 20) after a 3 s warm-up, and lists each statement's calls, planning and execution time per
// ticket created and its longest single run, top-level statements apart from nested ones. Prints the table and writes
// bench/db-profile-results.json. BENCH_SQL: statements run on the bench database after the app's migrations (a setting
// under study, e.g. an index's storage parameter).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { login, startApp } from './lib/app.mjs';
import { benchPlace, root, workDir } from './lib/settings.mjs';
import { databaseUrl, recreateDatabase, startCluster } from './lib/cluster.mjs';
import { cpuMeter } from './lib/cpu.mjs';
import { loadApp } from './lib/intake.mjs';
import { seedOrg } from './lib/org.mjs';

const env = process.env;
const settings = {
  ...benchPlace({ name: 'db-profile', port: 3460, pgPort: 55860 }),
  connections: Number(env.BENCH_CONNECTIONS ?? 16),
  seconds: Number(env.BENCH_SECONDS ?? 20),
};
const log = (msg) => process.stderr.write(`[db-profile] ${msg}\n`);

/** A statement as one table line: whitespace folded, long texts cut in the middle. */
const shorten = (sql) => {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length <= 140 ? one : `${one.slice(0, 100)} … ${one.slice(-36)}`;
};

mkdirSync(workDir, { recursive: true });
const cluster = await startCluster({ dataDir: settings.dataDir, port: settings.pgPort });
let app;
try {
  // pg_stat_statements is loaded at server start only: set it, then start the server again.
  const admin = new pg.Client({ connectionString: databaseUrl(settings.pgPort, 'postgres') });
  await admin.connect();
  await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await admin.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
  await admin.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
  await admin.query(`ALTER SYSTEM SET pg_stat_statements.max = 5000`);
  await admin.end();
  await cluster.stop();
  await cluster.start();

  await recreateDatabase(settings.pgPort, settings.database);
  const url = databaseUrl(settings.pgPort, settings.database);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  app = await startApp({
    root,
    port: settings.port,
    databaseUrl: url,
    captureFile: path.join(workDir, 'db-profile-capture.jsonl'),
    // Another build side by side with this one (a copy of dist/ with a change under study): BENCH_ENTRY=<dir>/src/main.js.
    entry: env.BENCH_ENTRY ?? 'dist/src/main.js',
    adminPassword: 'bench-admin-password',
    jwtSecret: `bench-jwt-secret-${'x'.repeat(32)}`,
  });
  // A setting under study, run on the bench database once the app's migrations are in: BENCH_SQL.
  if (env.BENCH_SQL) await db.query(env.BENCH_SQL);
  const adminToken = await login(app.base, 'admin', 'bench-admin-password');
  await seedOrg(app.base, adminToken, 'bench-password');
  const token = await login(app.base, 'eng.staff1', 'bench-password');
  const meter = () => cpuMeter({ appPid: app.pid, dataDir: settings.dataDir });
  log('warm-up: 3 s');
  await loadApp(app, token, { connections: settings.connections, seconds: 3, run: 0, meter });
  await db.query('SELECT pg_stat_statements_reset()');
  log(`intake: ${settings.connections} connections for ${settings.seconds} s with pg_stat_statements`);
  const load = await loadApp(app, token, { connections: settings.connections, seconds: settings.seconds, run: 1, meter });
  const { rows } = await db.query(
    `SELECT s.toplevel, s.calls::int, s.rows::bigint AS rows, s.total_plan_time AS plan, s.total_exec_time AS exec, s.max_exec_time AS longest, s.query
       FROM pg_stat_statements s
      WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND s.query NOT ILIKE '%pg_stat_statements%'
      ORDER BY s.total_plan_time + s.total_exec_time DESC`,
  );
  await db.end();
  const created = load.created || 1;
  const perTicket = (ms) => +((1000 * ms) / created).toFixed(1); // µs per ticket created
  const statements = rows.map((r) => ({
    toplevel: r.toplevel,
    callsPerTicket: +(r.calls / created).toFixed(2),
    rowsPerTicket: +(Number(r.rows) / created).toFixed(2),
    planUs: perTicket(r.plan),
    execUs: perTicket(r.exec),
    longestMs: +r.longest.toFixed(1),
    query: r.query,
  }));
  const sum = (list, key) => +list.reduce((n, s) => n + s[key], 0).toFixed(1);
  const top = statements.filter((s) => s.toplevel);
  const nested = statements.filter((s) => !s.toplevel);
  const dbCpuMs = (1000 * load.cpuCores.postgres * settings.seconds) / created;
  const results = {
    at: new Date().toISOString(),
    settings,
    load: { created: load.created, rps: load.rps, p50: load.p50, p99: load.p99, errors: load.errors, cpuCores: load.cpuCores },
    perTicket: {
      postgresCpuMs: +dbCpuMs.toFixed(2),
      topLevelStatements: sum(top, 'callsPerTicket'),
      topLevelPlanUs: sum(top, 'planUs'),
      topLevelExecUs: sum(top, 'execUs'),
      nestedStatements: sum(nested, 'callsPerTicket'),
      nestedExecUs: sum(nested, 'execUs'),
    },
    statements,
  };
  writeFileSync(path.join(root, 'bench/db-profile-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const t = results.perTicket;
  console.log(
    `intake with pg_stat_statements: ${load.created} tickets, ${load.rps.toFixed(1)}/s, p99 ${load.p99} ms, PostgreSQL ${load.cpuCores.postgres} cores`,
  );
  console.log(
    `per ticket: PostgreSQL CPU ${t.postgresCpuMs} ms; ${t.topLevelStatements} top-level statements, planning ${t.topLevelPlanUs} µs, ` +
      `execution ${t.topLevelExecUs} µs (nested inside triggers and functions: ${t.nestedStatements} statements, ${t.nestedExecUs} µs, part of the execution)`,
  );
  console.log(
    '\n| level | calls / ticket | rows / ticket | planning µs / ticket | execution µs / ticket | longest ms | statement |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const s of statements.filter((x) => x.callsPerTicket >= 0.01).slice(0, 40)) {
    console.log(
      `| ${s.toplevel ? 'top' : 'nested'} | ${s.callsPerTicket} | ${s.rowsPerTicket} | ${s.planUs} | ${s.execUs} | ${s.longestMs} | \`${shorten(s.query).replace(/\|/g, '\\|')}\` |`,
    );
  }
} finally {
  await app?.stop();
  await cluster.stop();
}
