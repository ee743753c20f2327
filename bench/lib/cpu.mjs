// CPU used by the processes taking part in a measurement (from /proc; Linux clock ticks are 1/100 s):
// the app, the load generator (this process, or pgbench once it has ended) and the PostgreSQL server with all its backends.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function ticks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

function postgresTicks(dataDir) {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  // Backends that ended meanwhile (pgbench's connections) were reaped by the postmaster: count them too.
  const own = ticks(postmaster);
  let total = own ? own.cpu + own.children : 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const t = ticks(entry);
    if (t?.ppid === postmaster) total += t.cpu;
  }
  return total;
}

/** Starts counting; the returned function gives cores used by each party since then. */
export function cpuMeter({ appPid, dataDir }) {
  const take = () => ({
    at: performance.now(),
    app: appPid ? (ticks(appPid)?.cpu ?? 0) : 0,
    // This process (autocannon runs in it) plus children that ended meanwhile (pgbench).
    loadGenerator: ticks(process.pid).cpu + ticks(process.pid).children,
    postgres: postgresTicks(dataDir),
  });
  const start = take();
  return () => {
    const end = take();
    const seconds = (end.at - start.at) / 1000;
    const cores = (t) => +(t / 100 / seconds).toFixed(2);
    return {
      app: cores(end.app - start.app),
      postgres: cores(end.postgres - start.postgres),
      loadGenerator: cores(end.loadGenerator - start.loadGenerator),
    };
  };
}
