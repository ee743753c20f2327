// 1b. Intake with a photo: a clerk files the complaint and attaches the resident's photo (第一篇 二.3), as two
// requests, POST /tickets then POST /tickets/:id/attachments, by `connections` clerks at once for `seconds`
// (closed loop: each clerk files the next complaint once the last photo is in). Each photo is its own bytes (the
// store keeps identical content once), a JPEG of `photoKb` kB sent in base64 as the API takes it.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { intakeBody } from './intake.mjs';

const p = (xs, q) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] : null);

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

export async function loadPhotoIntake(app, token, db, { connections, seconds, photoKb = 200, run: tag, meter }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const wal = async () => Number((await db.query('SELECT wal_bytes::float8 AS b FROM pg_stat_wal')).rows[0].b);
  const latencies = [];
  let errors = 0;
  let firstError = null;
  let n = 0;
  const failed = (step, res) => {
    errors++;
    firstError ??= `${step}: ${res.status} ${res.body.slice(0, 300)}`;
  };
  const walBefore = await wal();
  const cpu = meter();
  const started = performance.now();
  const until = started + seconds * 1000;
  const clerk = async (c) => {
    while (performance.now() < until) {
      const i = n++;
      const sent = performance.now();
      const intake = await post(
        agent,
        app.base,
        token,
        '/tickets',
        intakeBody(String(15800000000 + tag * 1_000_000 + i), `PH${tag}-${i}`),
        `photo-${tag}-${i}-t`,
      );
      if (intake.status !== 201) {
        failed('POST /tickets', intake);
        continue;
      }
      const { ticket } = JSON.parse(intake.body);
      const upload = await post(
        agent,
        app.base,
        token,
        `/tickets/${ticket.id}/attachments`,
        { fileName: `现场照片-${c}-${i}.jpg`, contentType: 'image/jpeg', contentBase64: photo(photoKb * 1024, tag * 1_000_000 + i).toString('base64') },
        `photo-${tag}-${i}-p`,
      );
      if (upload.status !== 201) {
        failed('POST /tickets/:id/attachments', upload);
        continue;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, c) => clerk(c)));
  const cpuCores = cpu();
  const elapsed = (performance.now() - started) / 1000;
  // Backends report their WAL within 10 s of going idle (PGSTAT_IDLE_INTERVAL).
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  await db.query('SELECT pg_stat_clear_snapshot()');
  const walAfter = await wal();
  agent.destroy();
  const created = latencies.length;
  const perPair = (cores) => +((cores * elapsed * 1000) / (created || 1)).toFixed(2);
  return {
    connections,
    seconds,
    photoKb,
    created,
    errors,
    firstError,
    rps: +(created / elapsed).toFixed(1),
    p50: +p(latencies, 0.5)?.toFixed(1),
    p99: +p(latencies, 0.99)?.toFixed(1),
    cpuCores,
    appCpuMsPerPair: perPair(cpuCores.app),
    postgresCpuMsPerPair: perPair(cpuCores.postgres),
    walKbPerPair: +((walAfter - walBefore) / 1024 / (created || 1)).toFixed(1),
  };
}
