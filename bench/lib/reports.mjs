// 3. Reports and board at full size: each endpoint timed over HTTP, and as baseline the same SELECTs the
// app sent for it (captured) run bare in psql with \timing.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { client } from './app.mjs';
import { median } from './stats.mjs';

const run = promisify(execFile);
const literal = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

/**
 * Times `runs` requests after one warm-up, whose statements are captured. An endpoint whose warm-up took
 * longer than 1 s is timed 3 times, longer than 5 s once, to keep the whole bench within its budget.
 */
async function timeEndpoint(app, token, url, { runs, captureFile }) {
  const call = client(app.base, token);
  rmSync(captureFile, { force: true });
  await app.toggleCapture('on');
  const warmStarted = performance.now();
  const first = await call('GET', url, undefined, { expect: [200, 404] });
  const warmMs = performance.now() - warmStarted;
  await app.toggleCapture('off');
  if (first.status === 404) return { missing: `GET ${url} answers 404: ${first.body?.message ?? 'no such route'}` };
  const statements = readFileSync(captureFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.text);
  const times = [];
  let bytes = 0;
  const n = warmMs > 5000 ? 1 : warmMs > 1000 ? Math.min(3, runs) : runs;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await call('GET', url);
    times.push(performance.now() - started);
    bytes = Number(res.headers.get('content-length') ?? 0) || (Buffer.isBuffer(res.body) ? res.body.length : Buffer.byteLength(JSON.stringify(res.body)));
  }
  return { ms: +median(times).toFixed(1), runs: times.map((t) => +t.toFixed(1)), warmMs: +warmMs.toFixed(1), bytes, statements };
}

/** The captured read statements, bare in one psql session, `runs` times; the median of their summed time. */
async function psqlBaseline(psql, url, statements, runs, scriptFile) {
  const reads = statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text));
  const sql = reads.map((s) =>
    s.text
      .replace(/\$(\d+)/g, (_, n) => literal(s.values?.[Number(n) - 1]))
      .replace(/\s+/g, ' ')
      .trim(),
  );
  // A script file, not -c arguments: a statement can carry a million ids, beyond what argv holds.
  const lines = ['\\timing on'];
  for (let i = 0; i <= runs; i++) for (const s of sql) lines.push(`${s};`);
  writeFileSync(scriptFile, lines.join('\n') + '\n');
  const { stdout } = await run(psql, [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', scriptFile], { maxBuffer: 64 * 1024 * 1024 });
  const times = [...stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  if (times.length !== (runs + 1) * sql.length) throw new Error(`psql printed ${times.length} timings, expected ${(runs + 1) * sql.length}`);
  const at = (run, k) => times[run * sql.length + k];
  const perRun = [];
  for (let i = 1; i <= runs; i++) perRun.push(sql.reduce((t, _, k) => t + at(i, k), 0));
  const perStatement = sql.map((_, k) => median(Array.from({ length: runs }, (__, i) => at(i + 1, k))));
  const slowest = perStatement.indexOf(Math.max(...perStatement));
  return {
    ms: +median(perRun).toFixed(1),
    statements: sql.map((text, k) => ({
      ms: +perStatement[k].toFixed(2),
      sql: text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} characters)` : text,
    })),
    slowest: sql[slowest],
  };
}

export async function measureReadSide(app, db, { psql, url, tokens, month, captureFile, sweep, runs = 5 }) {
  const endpoints = [
    { key: 'board', label: 'GET /sla/board', url: '/sla/board', token: tokens.manager, targetMs: 100 },
    { key: 'reportJson', label: 'HR monthly report, JSON', url: `/reports/performance?month=${month}&format=json`, token: tokens.hr, targetMs: 500 },
    { key: 'reportXlsx', label: 'HR monthly report, XLSX', url: `/reports/performance?month=${month}&format=xlsx`, token: tokens.hr, targetMs: 3000 },
    { key: 'summary', label: 'monthly summary', url: `/reports/summary?month=${month}`, token: tokens.manager, targetMs: 1000 },
    // Issue 20: a two-character term that matches nothing, through the index of the tickets' character pairs.
    { key: 'search', label: 'GET /tickets?q=漏水 (no match)', url: `/tickets?q=${encodeURIComponent('漏水')}&limit=50`, token: tokens.manager, targetMs: 100 },
    // Prometheus scrapes it every 15 s: its SLA gauges read the board's kept counts and the figures the last sweep
    // counted (issue 20: ≤ 20 ms at 1 M open tickets). A sweep first, as the scheduler runs one every 30 s.
    { key: 'metrics', label: 'GET /metrics', url: '/metrics', token: tokens.manager, targetMs: 20, before: sweep },
  ];
  const out = {};
  for (const e of endpoints) {
    await e.before?.();
    const measured = await timeEndpoint(app, e.token, e.url, { runs, captureFile });
    if (measured.missing) {
      out[e.key] = { label: e.label, targetMs: e.targetMs, missing: measured.missing };
      continue;
    }
    const baseline = await psqlBaseline(psql, url, measured.statements, measured.runs.length, `${captureFile}.psql`);
    // The plan of the statement that took longest in psql (long literals cut in the plan's lines).
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${baseline.slowest}`);
    out[e.key] = {
      label: e.label,
      targetMs: e.targetMs,
      ms: measured.ms,
      runs: measured.runs,
      warmUpMs: measured.warmMs,
      bytes: measured.bytes,
      appPeakRssMbSoFar: Math.round(app.memory().peakKb / 1024),
      baselineMs: baseline.ms,
      baselineStatements: baseline.statements,
      slowestPlan: rows.map((r) => (r['QUERY PLAN'].length > 300 ? `${r['QUERY PLAN'].slice(0, 300)}…` : r['QUERY PLAN'])).join('\n'),
    };
  }
  return out;
}
