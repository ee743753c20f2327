// 2. Sweep scaling: empty sweeps and sweeps of 1,000 due clocks at each size, through POST /admin/sweeps.
import { readFileSync, rmSync } from 'node:fs';
import { median } from './stats.mjs';
import { makeDue } from './tickets-seed.mjs';

export const DUE = 1000;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * One POST /admin/sweeps (the sweep, then the outbox drain), then waiting until the live fan-out has sent
 * a NOTIFY for each event the sweep published: it runs after the response, and the next measurement
 * should start on a quiet app.
 */
export async function sweepOnce(admin, live) {
  const before = live.count();
  const started = performance.now();
  const { body } = await admin('POST', '/admin/sweeps');
  const httpMs = performance.now() - started;
  const { warned, breached, escalated } = body.sla;
  const events = warned + breached + escalated;
  const lastAt = events ? await live.waitFor(before + events) : null;
  return { httpMs, sweepMs: body.sla.durationMs, liveMs: lastAt === null ? null : lastAt - started, report: body };
}

/**
 * At one size: `dueRuns` sweeps each processing a fresh set of 1,000 due answer clocks (breach and
 * level-1 escalation each: two steps a clock), then `emptyRuns` sweeps with nothing due.
 * `firstTicket(run)` numbers the first ticket of each due set.
 */
export async function measureSize(admin, db, live, { firstTicket, dueRuns = 3, emptyRuns = 15 }) {
  const due = [];
  for (let run = 0; run < dueRuns; run++) {
    await makeDue(db, { first: firstTicket(run), count: DUE, now: new Date() });
    const r = await sweepOnce(admin, live);
    const { claimed, breached, escalated } = r.report.sla;
    if (claimed !== DUE || breached !== DUE || escalated !== DUE) throw new Error(`a due sweep did not process ${DUE} clocks: ${JSON.stringify(r.report)}`);
    due.push(r);
  }
  const empty = [];
  for (let run = 0; run < emptyRuns; run++) {
    const r = await sweepOnce(admin, live);
    if (r.report.sla.claimed !== 0) throw new Error(`an empty sweep claimed clocks: ${JSON.stringify(r.report)}`);
    empty.push(r);
  }
  const dueMs = median(due.map((r) => r.sweepMs));
  const live_ = due.map((r) => r.liveMs).filter((x) => x !== null);
  return {
    dueSweepMs: dueMs,
    dueSweepHttpMs: +median(due.map((r) => r.httpMs)).toFixed(1),
    dueUntilLiveNotifiedMs: live_.length ? +median(live_).toFixed(0) : null,
    clocksPerSecond: Math.round(DUE / (dueMs / 1000)),
    outboxDelivered: due[0].report.outboxDelivered,
    // The app reports whole milliseconds; the mean of many empty sweeps resolves below that.
    emptySweepMs: +mean(empty.map((r) => r.sweepMs)).toFixed(2),
    emptySweepHttpMs: +median(empty.map((r) => r.httpMs)).toFixed(2),
    runs: { due: due.map((r) => r.sweepMs), empty: empty.map((r) => r.sweepMs) },
  };
}

// The live fan-out's two statements per event, which run alongside once the outbox drain hands it the events.
const FANOUT = /^SELECT reference, department_id, handler_id, first_responder_id FROM ticket WHERE id = \$1$|^SELECT pg_notify\(\$1, \$2\)$/;

/** One due sweep with the SQL capture on: every statement with its time, grouped into a profile. */
export async function profileSweep(app, admin, db, live, { firstTicket, captureFile }) {
  await makeDue(db, { first: firstTicket, count: DUE, now: new Date() });
  rmSync(captureFile, { force: true });
  await app.toggleCapture('on');
  const r = await sweepOnce(admin, live);
  await app.toggleCapture('off');
  const statements = readFileSync(captureFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.text);
  const groups = new Map();
  for (const s of statements) {
    const key = s.text
      .replace(/"\w+"\."(\w+)" AS "\w+"/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 90);
    const g = groups.get(key) ?? { statement: key, part: FANOUT.test(s.text) ? 'live fan-out' : 'sweep + outbox drain', count: 0, ms: 0 };
    g.count++;
    g.ms += s.ms;
    groups.set(key, g);
  }
  const own = statements.filter((s) => !FANOUT.test(s.text));
  return {
    sweepMs: r.sweepMs,
    httpMs: +r.httpMs.toFixed(1),
    untilLiveNotifiedMs: r.liveMs === null ? null : +r.liveMs.toFixed(0),
    statements: own.length,
    sqlMs: +own.reduce((t, s) => t + s.ms, 0).toFixed(1),
    fanoutStatements: statements.length - own.length,
    profile: [...groups.values()].map((g) => ({ ...g, ms: +g.ms.toFixed(1) })).sort((a, b) => b.ms - a.ms),
    claim: statements.find((s) => /FROM "sla_clock".*FOR UPDATE SKIP LOCKED/s.test(s.text)),
  };
}

const literal = (v) => (v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

/** EXPLAIN (ANALYZE, BUFFERS) of the captured claim query, with `now` as its time, rolled back. */
export async function explainClaim(db, claim, now) {
  const values = claim.values.map((v) => (/^\d{4}-\d\d-\d\dT/.test(v ?? '') ? now.toISOString() : v));
  const sql = claim.text.replace(/\$(\d+)/g, (_, n) => literal(values[Number(n) - 1]));
  await db.query('BEGIN');
  try {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    return { sql, plan, executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]) };
  } finally {
    await db.query('ROLLBACK');
  }
}
