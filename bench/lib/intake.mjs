// 1. Intake: POST /tickets under load (autocannon) against pgbench replaying the same statements.
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { client } from './app.mjs';
import { pgbenchScript } from './pgbench-script.mjs';

const run = promisify(execFile);

/** The intake every bench script files: a phone complaint about the stairwell light, with its caller's phone and building. */
export function intakeBody(phone, building) {
  return {
    channel: 'phone',
    complainant: { name: '张先生', phone, address: { community: '阳光花园', building, unit: '2', room: '501' } },
    summary: '楼道灯坏了一周，晚上看不见',
    requests: '尽快修好',
    category: '报修',
    severity: 'general',
    disposition: 'accepted',
  };
}

/** One intake with the capture hook on; returns its statements and the values chosen for it. */
export async function captureIntake(app, token, captureFile) {
  const chosen = { phone: '13912345678', building: 'Bcap7f3a9c1', idempotencyKey: 'capture-key-7f3a9c1e' };
  rmSync(captureFile, { force: true });
  await app.toggleCapture('on');
  const res = await client(app.base, token)('POST', '/tickets', intakeBody(chosen.phone, chosen.building), {
    expect: [201],
    headers: { 'idempotency-key': chosen.idempotencyKey },
  });
  await app.toggleCapture('off');
  const statements = readFileSync(captureFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.text);
  return { statements, chosen: { ...chosen, reference: res.body.ticket.reference } };
}

/** autocannon: each request a new phone, building and Idempotency-Key (no repeat contact, no lock shared). */
export async function loadApp(app, token, { connections, seconds, run: tag, meter }) {
  let n = 0;
  const samples = [];
  const cpu = meter();
  const sampler = setInterval(() => samples.push(app.memory().rssKb), 200);
  try {
    const result = await autocannon({
      url: app.base,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/tickets',
          setupRequest(request) {
            n++;
            const phone = String(13800000000 + tag * 10_000_000 + n);
            request.headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `ac-${tag}-${n}` };
            request.body = JSON.stringify(intakeBody(phone, `AC${tag}-${n}`));
            return request;
          },
        },
      ],
    });
    const ok = result.statusCodeStats['201']?.count ?? 0;
    return {
      requests: result.requests.total,
      created: ok,
      rps: ok / (result.duration || seconds),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
      peakRssMb: Math.round(Math.max(...samples, app.memory().rssKb) / 1024),
      cpuCores: cpu(),
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function writeScript(captured, db, file) {
  const out = await pgbenchScript(captured.statements, captured.chosen, db);
  writeFileSync(file, out.script);
  return out;
}

/** pgbench at the same concurrency; latency percentiles from its per-transaction log. */
export async function loadPgbench({ pgbench, url, script, connections, seconds, run: tag, workDir, meter }) {
  const logDir = path.join(workDir, `pgbench-log-${tag}`);
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const args = [
    '-n',
    '-M',
    'simple',
    '-c',
    String(connections),
    '-j',
    '2',
    '-T',
    String(seconds),
    '-f',
    script,
    '-D',
    'bv_seq=0',
    '-D',
    `bv_run=${tag}`,
    '-l',
    `--log-prefix=${path.join(logDir, 'tx')}`,
    url,
  ];
  const cpu = meter();
  let stdout;
  try {
    ({ stdout } = await run(pgbench, args, { maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    throw new Error(`pgbench failed: ${error.stderr || error.message}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the postmaster reap the ended backends
  const cpuCores = cpu();
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  const latencies = [];
  for (const f of readdirSync(logDir)) {
    for (const line of readFileSync(path.join(logDir, f), 'utf8').split('\n')) {
      const cols = line.split(' ');
      if (cols.length >= 6) latencies.push(Number(cols[2]) / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's output:\n${stdout}`);
  return { tps, processed, failed, p50: +pct(50).toFixed(2), p99: +pct(99).toFixed(2), cpuCores, stdout };
}
