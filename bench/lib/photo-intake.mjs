// 1b. Intake with a photo: a clerk files the complaint and attaches the resident's photo (第一篇 二.3), as two
// requests, POST /tickets then POST /tickets/:id/attachments. Each photo is its own bytes (the store keeps
// identical content once), a JPEG of `photoKb` kB sent in base64 as the API takes it. Two ways to load it:
// - capacity: `connections` clerks at once for `seconds`, closed loop (each files the next complaint once the
//   last photo is in), so the app runs flat out and latency is what queueing behind the other clerks costs;
// - a fixed `rate` of complaints per second, open loop (each leaves on schedule whether or not the earlier ones
//   have answered), which is the latency a desk sees at that rate.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { intakeBody } from './intake.mjs';
import { percentile as p } from './stats.mjs';

const TICK_MS = 10;
const MAX_IN_FLIGHT = 64;

/** JPEG's start and end markers around random bytes: what the store's content check recognises as image/jpeg. */
function photo(bytes, n) {
  const body = randomBytes(bytes);
  body.set([0xff, 0xd8, 0xff, 0xe0], 0);
  body.writeUInt32BE(n, 4); // no two photos alike
  body.set([0xff, 0xd9], bytes - 2);
  return body;
}

function post(agent, base, token, path, body, key) {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': data.length, authorization: `Bearer ${token}`, 'idempotency-key': key },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function loadPhotoIntake(app, token, db, { connections, rate, seconds, photoKb = 200, run: tag, meter }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: rate ? MAX_IN_FLIGHT : connections });
  // WAL written meanwhile, by the insert position (pg_stat_wal waits for backends to report it).
  const wal = async () => Number((await db.query(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS b`)).rows[0].b);
  const latencies = [];
  const steps = { intake: [], upload: [] };
  // The slowest complaints, when each was due (seconds into the run) and each request's own time: a stall shows as
  // several at once.
  const slowest = [];
  let started;
  let errors = 0;
  let firstError = null;
  let skipped = 0;
  const failed = (step, res) => {
    errors++;
    firstError ??= `${step}: ${res.status} ${res.body.slice(0, 300)}`;
  };
  /** One complaint and its photo; its latency counts from when it was due to leave. */
  const complaint = async (i, due) => {
    const left = performance.now();
    const intake = await post(
      agent,
      app.base,
      token,
      '/tickets',
      intakeBody(String(15800000000 + tag * 1_000_000 + i), `PH${tag}-${i}`),
      `photo-${tag}-${i}-t`,
    );
    if (intake.status !== 201) return failed('POST /tickets', intake);
    const { ticket } = JSON.parse(intake.body);
    const filed = performance.now();
    steps.intake.push(filed - left);
    const upload = await post(
      agent,
      app.base,
      token,
      `/tickets/${ticket.id}/attachments`,
      { fileName: `现场照片-${i}.jpg`, contentType: 'image/jpeg', contentBase64: photo(photoKb * 1024, tag * 1_000_000 + i).toString('base64') },
      `photo-${tag}-${i}-p`,
    );
    if (upload.status !== 201) return failed('POST /tickets/:id/attachments', upload);
    const done = performance.now();
    steps.upload.push(done - filed);
    latencies.push(done - due);
    slowest.push({
      atS: +((due - started) / 1000).toFixed(2),
      ms: +(done - due).toFixed(1),
      intakeMs: +(filed - left).toFixed(1),
      uploadMs: +(done - filed).toFixed(1),
    });
    if (slowest.length > 16) slowest.sort((a, b) => b.ms - a.ms).splice(8);
  };
  const checkpoints = async () => Number((await db.query('SELECT (num_timed + num_requested)::int AS n FROM pg_stat_checkpointer')).rows[0].n);
  const checkpointsBefore = await checkpoints();
  const walBefore = await wal();
  const cpu = meter();
  started = performance.now();
  const until = started + seconds * 1000;
  let n = 0;
  if (rate) {
    const inFlight = new Set();
    while (performance.now() < until) {
      // Complaint n is due n / rate seconds after the start; it leaves at the first tick at or after that.
      for (const now = performance.now(); started + (n * 1000) / rate <= now; n++) {
        if (inFlight.size >= MAX_IN_FLIGHT) {
          skipped++;
          continue;
        }
        const one = complaint(n, started + (n * 1000) / rate).finally(() => inFlight.delete(one));
        inFlight.add(one);
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    await Promise.all(inFlight);
  } else {
    const clerk = async () => {
      while (performance.now() < until) {
        const i = n++;
        await complaint(i, performance.now());
      }
    };
    await Promise.all(Array.from({ length: connections }, clerk));
  }
  const cpuCores = cpu();
  const elapsed = (performance.now() - started) / 1000;
  const walAfter = await wal();
  // Checkpoints begun during the run: after one begins, each page's first change writes the whole page to WAL.
  const checkpointsAfter = await checkpoints();
  agent.destroy();
  const created = latencies.length;
  const perPair = (cores) => +((cores * elapsed * 1000) / (created || 1)).toFixed(2);
  return {
    ...(rate ? { rate, skipped } : { connections }),
    seconds,
    photoKb,
    created,
    errors,
    firstError,
    rps: +(created / elapsed).toFixed(1),
    p50: +p(latencies, 0.5)?.toFixed(1),
    p99: +p(latencies, 0.99)?.toFixed(1),
    // Each request on its own, from when it left (the photo's encoding on this side included in the upload's).
    intakeP50: +p(steps.intake, 0.5)?.toFixed(1),
    uploadP50: +p(steps.upload, 0.5)?.toFixed(1),
    slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 8),
    checkpoints: checkpointsAfter - checkpointsBefore,
    cpuCores,
    appCpuMsPerPair: perPair(cpuCores.app),
    postgresCpuMsPerPair: perPair(cpuCores.postgres),
    walKbPerPair: +((walAfter - walBefore) / 1024 / (created || 1)).toFixed(1),
  };
}
