// npm run bench:profile — where the app's own time goes in POST /tickets (issue 20: "profile the app's own time per
// request"). Runs the built app under `node --cpu-prof` on the bench's embedded PostgreSQL, files intakes at 16
// connections for BENCH_SECONDS (default 20) — or, with BENCH_PROFILE=photo, complaints that each carry a photo
// (POST /tickets then POST /tickets/:id/attachments, 8 connections) — stops the app so that V8 writes the profile, and adds its self time up
// by where the code lives: each dependency by package, the app's own code by module (src/<module>), Node's
// internals, the garbage collector and idle time. Prints the table, writes bench/profile-results.json and leaves
// the .cpuprofile in .data/bench-work/profile/ for Chrome DevTools.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { login, startApp } from './lib/app.mjs';
import { benchPlace, root, workDir } from './lib/settings.mjs';
import { databaseUrl, recreateDatabase, startCluster } from './lib/cluster.mjs';
import { cpuMeter } from './lib/cpu.mjs';
import { loadApp } from './lib/intake.mjs';
import { seedOrg } from './lib/org.mjs';
import { loadPhotoIntake } from './lib/photo-intake.mjs';
import pg from 'pg';

const env = process.env;
const photo = env.BENCH_PROFILE === 'photo';
const settings = {
  ...benchPlace({ name: 'profile', port: 3450, pgPort: 55850 }),
  workload: photo ? 'photo' : 'intake',
  connections: Number(env.BENCH_CONNECTIONS ?? (photo ? 8 : 16)),
  seconds: Number(env.BENCH_SECONDS ?? 20),
};
const profileDir = path.join(workDir, 'profile');
const log = (msg) => process.stderr.write(`[profile] ${msg}\n`);

/** Where a profile node's code lives: a dependency's package, a module of the app, Node itself, or V8's own entries. */
function placeOf(node) {
  const { url, functionName } = node.callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8: garbage collector';
    if (functionName === '(idle)' || functionName === '(program)') return `V8: ${functionName.slice(1, -1)}`;
    return 'V8/native (no script)';
  }
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const file = url.replace(/^file:\/\//, '');
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (packaged) return packaged[1];
  const own = /\/dist\/src\/([^/]+)(\/|\.js)/.exec(file);
  if (own) return `app: src/${own[1]}`;
  return path.relative(root, file);
}

/** Self time per place and per function (µs), from the samples' time deltas. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const places = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    const place = placeOf(node);
    total += us;
    places.set(place, (places.get(place) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: +(us / 1000).toFixed(1), share: +((100 * us) / total).toFixed(1) }));
  return { totalMs: +(total / 1000).toFixed(0), places: top(places, 40), functions: top(functions, 40) };
}

mkdirSync(workDir, { recursive: true });
rmSync(profileDir, { recursive: true, force: true });
mkdirSync(profileDir, { recursive: true });
const cluster = await startCluster({ dataDir: settings.dataDir, port: settings.pgPort });
let app;
try {
  await recreateDatabase(settings.pgPort, settings.database);
  const url = databaseUrl(settings.pgPort, settings.database);
  app = await startApp({
    root,
    port: settings.port,
    databaseUrl: url,
    captureFile: path.join(workDir, 'profile-capture.jsonl'),
    adminPassword: 'bench-admin-password',
    jwtSecret: `bench-jwt-secret-${'x'.repeat(32)}`,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  const adminToken = await login(app.base, 'admin', 'bench-admin-password');
  await seedOrg(app.base, adminToken, 'bench-password');
  const token = await login(app.base, 'eng.staff1', 'bench-password');
  const meter = () => cpuMeter({ appPid: app.pid, dataDir: settings.dataDir });
  const db = new pg.Client({ connectionString: url, application_name: 'bench' });
  await db.connect();
  const run = (seconds, tag) =>
    photo
      ? loadPhotoIntake(app, token, db, { connections: settings.connections, seconds, run: tag, meter })
      : loadApp(app, token, { connections: settings.connections, seconds, run: tag, meter });
  log('warm-up: 3 s');
  await run(3, 0);
  log(`${settings.workload}: ${settings.connections} connections for ${settings.seconds} s under --cpu-prof`);
  const load = await run(settings.seconds, 1);
  await db.end();
  await app.stop();
  app = undefined;
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}: did the app exit through process.exit?`);
  const summary = summarise(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')));
  const created = load.created;
  const results = { at: new Date().toISOString(), settings, load, profile: file, ...summary };
  writeFileSync(path.join(root, 'bench/profile-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const busy = summary.places.filter((p) => !/^V8: (idle|program)$/.test(p.name)).reduce((n, p) => n + p.ms, 0);
  const unit = photo ? 'complaint with its photo' : 'ticket';
  console.log(
    `${settings.workload} under --cpu-prof: ${created} ${photo ? 'complaints with a photo' : 'tickets'}, ${load.rps.toFixed(1)}/s, app ${load.cpuCores.app} cores`,
  );
  console.log(`profiled busy time ${busy.toFixed(0)} ms over the whole run (warm-up and start included): ${(busy / (created || 1)).toFixed(2)} ms per ${unit}`);
  console.log('\n| where | self ms | share |\n| --- | ---: | ---: |');
  for (const p of summary.places.slice(0, 25)) console.log(`| ${p.name} | ${p.ms} | ${p.share} % |`);
  console.log('\n| function | self ms | share |\n| --- | ---: | ---: |');
  for (const f of summary.functions.slice(0, 25)) console.log(`| ${f.name.replace(/\|/g, '\\|')} | ${f.ms} | ${f.share} % |`);
} finally {
  await app?.stop();
  await cluster.stop();
}
