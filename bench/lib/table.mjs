// The one table `npm run bench` prints (Markdown, so docs/benchmarks.md can hold it as printed).

const fmt = (v, digits = 0) =>
  v === null || v === undefined || Number.isNaN(v)
    ? '—'
    : typeof v === 'number'
      ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : String(v);
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : '**missed**');
const k = (n) => (n >= 1_000_000 ? `${n / 1_000_000} M` : n >= 1000 ? `${n / 1000} k` : String(n));

export function buildRows(r) {
  const rows = [];
  const add = (measure, app, baseline, ratio, target, ok) => rows.push({ measure, app, baseline, ratio, target, ok });
  const i = r.intake;
  if (i) {
    const { connections, seconds } = r.settings;
    const rounds = i.rounds?.length ?? 1;
    const ratio = i.app.rps / i.pgbench.tps;
    add(
      `Intake: tickets created/s (${connections} connections, ${seconds} s; mean of ${rounds} alternating rounds)`,
      fmt(i.app.rps, 1),
      `${fmt(i.pgbench.tps, 1)} (pgbench, same ${i.statements} statements)`,
      fmt(ratio, 2),
      'ratio ≥ 0.4',
      ratio >= 0.4,
    );
    add('Intake: p50 latency (ms)', fmt(i.app.p50, 1), fmt(i.pgbench.p50, 1), fmt(i.app.p50 / i.pgbench.p50, 1), '', null);
    add('Intake: p99 latency (ms)', fmt(i.app.p99, 1), fmt(i.pgbench.p99, 1), fmt(i.app.p99 / i.pgbench.p99, 1), 'app ≤ 50 ms', i.app.p99 <= 50);
    add('Intake: errors', `${i.app.errors} of ${fmt(i.app.requests)}`, `${i.pgbench.failed} of ${fmt(i.pgbench.processed)}`, '', '0', i.app.errors === 0);
    add('Intake: app peak RSS under load (MB)', fmt(i.app.peakRssMb), '', '', '', null);
    add(
      'Intake: CPU cores (app / PostgreSQL / load generator)',
      `${i.app.cpuCores.app} / ${i.app.cpuCores.postgres} / ${i.app.cpuCores.loadGenerator}`,
      `— / ${i.pgbench.cpuCores.postgres} / ${i.pgbench.cpuCores.loadGenerator}`,
      '',
      '',
      null,
    );
    add('Intake: app CPU per ticket (ms)', fmt((i.app.cpuCores.app * seconds * rounds * 1000) / i.app.created, 1), '', '', '', null);
    if (i.atPeer) {
      const { app, pgbench } = i.atPeer;
      const peer = r.settings.peerConnections;
      add(
        `Intake: tickets created/s (${peer} connections, ${seconds} s; one round; the peer did 36.8/s here)`,
        fmt(app.rps, 1),
        `${fmt(pgbench.tps, 1)} (pgbench, same ${i.statements} statements)`,
        fmt(app.rps / pgbench.tps, 2),
        '',
        null,
      );
      add(
        `Intake at ${peer} connections: p50 / p99 latency (ms)`,
        `${fmt(app.p50, 1)} / ${fmt(app.p99, 1)}`,
        `${fmt(pgbench.p50, 1)} / ${fmt(pgbench.p99, 1)}`,
        fmt(app.p99 / pgbench.p99, 1),
        '',
        null,
      );
      add(
        `Intake at ${peer} connections: errors`,
        `${app.errors} of ${fmt(app.requests)}`,
        `${pgbench.failed} of ${fmt(pgbench.processed)}`,
        '',
        '0',
        app.errors === 0,
      );
    }
    const ph = r.photoIntake;
    if (ph && i.atPeer) {
      add(
        `Intake with a ${ph.photoKb} kB photo, flat out (${ph.connections} connections, ${ph.seconds} s; POST /tickets, then its attachment): complaints/s`,
        fmt(ph.rps, 1),
        `${fmt(i.atPeer.app.rps, 1)} (intake alone, ${r.settings.peerConnections} connections)`,
        fmt(ph.rps / i.atPeer.app.rps, 2),
        '',
        null,
      );
      add(`Intake with a photo, flat out: p50 / p99 latency of both requests (ms)`, `${fmt(ph.p50, 1)} / ${fmt(ph.p99, 1)}`, '', '', '', null);
      add(
        'Intake with a photo, flat out: per complaint, app / PostgreSQL CPU (ms); WAL (kB)',
        `${fmt(ph.appCpuMsPerPair, 2)} / ${fmt(ph.postgresCpuMsPerPair, 2)}; ${fmt(ph.walKbPerPair, 1)}`,
        '',
        '',
        '',
        null,
      );
    }
    const pr = r.photoIntakeAtRate;
    if (pr) {
      add(
        `Intake with a photo at ${fmt(pr.rate)} complaints/s (fixed rate, ${pr.seconds} s): p50 / p99 latency of both requests (ms)`,
        `${fmt(pr.p50, 1)} / ${fmt(pr.p99, 1)}`,
        '',
        '',
        'p99 ≤ 100 ms',
        pr.p99 <= 100,
      );
    }
    for (const [run, label] of [
      [ph, 'flat out'],
      [pr, 'fixed rate'],
    ]) {
      if (run)
        add(
          `Intake with a photo, ${label}: errors; not sent (behind)`,
          `${run.errors} of ${fmt(run.created + run.errors)}; ${fmt(run.skipped ?? 0)}`,
          '',
          '',
          '0',
          run.errors === 0 && !run.skipped,
        );
    }
    if (i.diagnostic)
      add(
        "Diagnostic: pgbench with the day's reference counter row made per client (tx/s)",
        '',
        fmt(i.diagnostic.tps, 1),
        fmt(i.diagnostic.tps / i.pgbench.tps, 2),
        '',
        null,
      );
  }
  const soak = r.soak;
  if (soak) {
    const rss = soak.minutes.map((m) => m.rssMb);
    add(
      `Soak: ${fmt(soak.rate)} intakes/s for ${fmt(soak.seconds)} s: created (failed, not sent)`,
      `${fmt(soak.created)} (${soak.failed}, ${soak.skipped})`,
      `${fmt(soak.rate * soak.seconds)} scheduled`,
      '',
      '0 failed',
      soak.failed === 0 && soak.skipped === 0,
    );
    add('Soak: p99 per minute (ms)', soak.minutes.map((m) => fmt(m.p99, 0)).join(' / '), '', '', '', null);
    add('Soak: app RSS at the end of each minute (MB)', rss.map((m) => fmt(m)).join(' / '), '', '', '', null);
    add('Soak: database growth per 1,000 tickets (MB)', fmt(soak.mbPer1000Tickets, 2), '', '', '', null);
  }
  const sizes = r.sweep?.sizes ?? [];
  for (const s of sizes) {
    add(
      `Sweep, ${k(s.seeded)} open tickets (${k(s.seeded * 2)} running clocks): empty sweep (ms, mean of ${s.runs.empty.length})`,
      fmt(s.emptySweepMs, 2),
      `claim query ${fmt(s.claimExecutionMs.empty, 3)} ms`,
      '',
      '',
      null,
    );
    add(
      `Sweep, ${k(s.seeded)}: 1,000 due clocks (ms; clocks/s)`,
      `${fmt(s.dueSweepMs)} ms; ${fmt(s.clocksPerSecond)}/s`,
      `claim query ${fmt(s.claimExecutionMs.due, 2)} ms / 500`,
      '',
      '≥ 2,000 clocks/s',
      s.clocksPerSecond >= 2000,
    );
  }
  const d = r.dispatchSweep;
  if (d && sizes.length) {
    const last = sizes[sizes.length - 1];
    add(
      `Sweep, ${k(last.seeded)}: 1,000 due dispatches, 签收时限 breached (POST /admin/sweeps ms; dispatches/s)`,
      `${fmt(d.httpMs)} ms; ${fmt(d.dispatchesPerSecond)}/s`,
      `1,000 due SLA clocks: ${fmt(last.dueSweepHttpMs)} ms`,
      fmt(d.httpMs / last.dueSweepHttpMs, 2),
      '≥ 2,000 clocks/s',
      d.dispatchesPerSecond >= 2000,
    );
  }
  if (sizes.length > 1) {
    const first = sizes[0];
    const last = sizes[sizes.length - 1];
    const ratio = last.emptySweepMs / first.emptySweepMs;
    add(
      `Sweep: empty sweep at ${k(last.seeded)} / at ${k(first.seeded)}`,
      `${fmt(last.emptySweepMs, 2)} ms`,
      `${fmt(first.emptySweepMs, 2)} ms`,
      fmt(ratio, 2),
      'ratio ≤ 2',
      ratio <= 2,
    );
  }
  for (const e of Object.values(r.readSide ?? {})) {
    const target = e.targetMs ? `≤ ${fmt(e.targetMs)} ms` : '';
    if (e.missing) add(`${e.label} (ms)`, 'not yet measurable', '', '', target, null);
    else
      add(
        `${e.label} (ms)`,
        fmt(e.ms, 1),
        `${fmt(e.baselineMs, 1)} (same SQL, psql)`,
        fmt(e.ms / e.baselineMs, 2),
        target,
        e.targetMs ? e.ms <= e.targetMs : null,
      );
  }
  if (r.appPeakRssMbSinceStart) add('App peak RSS over the whole run (MB)', fmt(r.appPeakRssMbSinceStart), '', '', '', null);
  return rows;
}

export function renderTable(rows) {
  const head = ['measure', 'app', 'baseline (same run)', 'app / baseline', 'target', 'met?'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${[r.measure, r.app, r.baseline, r.ratio, r.target, r.target ? verdict(r.ok) : ''].join(' | ')} |`);
  return lines.join('\n');
}
