// One row of docs/benchmarks.md's history table: the date, the commit and the headline figures of a run.

const n = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));

export const HISTORY_HEAD = [
  'date',
  'commit',
  'intake/s at 16 (app / pgbench)',
  'intake p99 at 16 (ms)',
  'intake/s at 8 (app / pgbench)',
  'app CPU per ticket (ms)',
  'sweep at 1 M (clocks/s)',
  'board (ms)',
  'HR JSON (ms)',
  '/metrics (ms)',
  'search 漏水 (ms)',
  'soak p99 worst minute (ms); RSS first → last (MB)',
];

export function historyRow(r, commit) {
  const i = r.intake;
  const seconds = r.settings.seconds;
  const rounds = i?.rounds?.length ?? 1;
  const read = (label) => Object.values(r.readSide ?? {}).find((e) => e.label?.startsWith(label));
  const ms = (label) => {
    const e = read(label);
    return e && !e.missing ? n(e.ms, 1) : '—';
  };
  const largest = r.sweep?.sizes?.at(-1);
  const soak = r.soak;
  const cells = [
    r.startedAt.slice(0, 10),
    `\`${commit}\``,
    i ? `${n(i.app.rps, 1)} / ${n(i.pgbench.tps, 1)} = ${n(i.app.rps / i.pgbench.tps, 2)}` : '—',
    i ? n(i.app.p99, 0) : '—',
    i?.atPeer ? `${n(i.atPeer.app.rps, 1)} / ${n(i.atPeer.pgbench.tps, 1)} = ${n(i.atPeer.app.rps / i.atPeer.pgbench.tps, 2)}` : '—',
    i ? n((i.app.cpuCores.app * seconds * rounds * 1000) / i.app.created, 1) : '—',
    largest ? `${n(largest.clocksPerSecond)} (${n(largest.seeded / 1000)} k)` : '—',
    ms('GET /sla/board'),
    ms('HR monthly report, JSON'),
    ms('GET /metrics'),
    ms('GET /tickets?q='),
    soak ? `${n(Math.max(...soak.minutes.map((m) => m.p99 ?? 0)), 0)}; ${soak.minutes[0].rssMb} → ${soak.minutes.at(-1).rssMb}` : '—',
  ];
  return `| ${cells.join(' | ')} |`;
}
