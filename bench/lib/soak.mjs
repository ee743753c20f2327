// Steady intake soak: POST /tickets at a fixed rate (open loop: requests leave on schedule whether or not the
// earlier ones have answered), so a leak or a slow-down over time shows as a rising p99 or RSS minute by minute.
// Reports per minute the requests sent, created, p99 and the app's RSS at the minute's end, and the database's
// growth per 1,000 tickets (pg_database_size before and after).

import { intakeBody } from './intake.mjs';
import { percentile } from './stats.mjs';

const TICK_MS = 10;
const MAX_IN_FLIGHT = 256;

const p99 = (xs) => (xs.length ? +percentile(xs, 0.99).toFixed(1) : null);

export async function soakIntake(app, token, db, { rate, seconds, database, log = () => undefined }) {
  const size = async () => Number((await db.query('SELECT pg_database_size($1) AS bytes', [database])).rows[0].bytes);
  const sizeBefore = await size();
  const minutes = [];
  const minuteOf = (ms) => {
    const i = Math.floor(ms / 60_000);
    while (minutes.length <= i) minutes.push({ minute: minutes.length + 1, sent: 0, created: 0, failed: 0, latencies: [], rssMb: null });
    return minutes[i];
  };
  let sent = 0;
  let inFlight = 0;
  let skipped = 0;
  const pending = new Set();
  const start = performance.now();
  const fire = (n) => {
    const at = performance.now() - start;
    const bucket = minuteOf(at);
    bucket.sent++;
    const request = fetch(`${app.base}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `soak-${n}` },
      body: JSON.stringify(intakeBody(String(15900000000 + n), `SK-${n}`)),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 201) bucket.created++;
        else bucket.failed++;
      })
      .catch(() => bucket.failed++)
      .finally(() => {
        bucket.latencies.push(performance.now() - start - at);
        inFlight--;
        pending.delete(request);
      });
    inFlight++;
    pending.add(request);
  };
  let lastMinute = 0;
  while (performance.now() - start < seconds * 1000) {
    const elapsed = performance.now() - start;
    // Requests due by now at the fixed rate; beyond MAX_IN_FLIGHT they are counted as not sent (the app fell behind).
    for (const due = Math.floor((elapsed / 1000) * rate); sent < due; sent++) {
      if (inFlight >= MAX_IN_FLIGHT) skipped++;
      else fire(sent);
    }
    const minute = Math.floor(elapsed / 60_000);
    if (minute > lastMinute) {
      minutes[lastMinute].rssMb = Math.round(app.memory().rssKb / 1024);
      log(`soak minute ${lastMinute + 1}: p99 ${p99(minutes[lastMinute].latencies)} ms, RSS ${minutes[lastMinute].rssMb} MB`);
      lastMinute = minute;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.allSettled([...pending]);
  const last = minuteOf(Math.max(0, seconds * 1000 - 1));
  last.rssMb ??= Math.round(app.memory().rssKb / 1024);
  const sizeAfter = await size();
  const created = minutes.reduce((a, m) => a + m.created, 0);
  return {
    rate,
    seconds,
    sent: minutes.reduce((a, m) => a + m.sent, 0),
    created,
    failed: minutes.reduce((a, m) => a + m.failed, 0),
    skipped,
    p99: p99(minutes.flatMap((m) => m.latencies)),
    minutes: minutes.map(({ latencies, ...m }) => ({ ...m, p99: p99(latencies) })),
    databaseBytes: { before: sizeBefore, after: sizeAfter },
    mbPer1000Tickets: created ? +(((sizeAfter - sizeBefore) / 2 ** 20 / created) * 1000).toFixed(2) : null,
  };
}
