// 2b. The dispatches' own clock (派单 签收时限) in the sweep: 1,000 unsigned dispatches past their sign-by time,
// among the seeded tickets, through POST /admin/sweeps, against the same run's 1,000 due SLA clocks.
import { median } from './stats.mjs';
import { sweepOnce } from './sweep.mjs';

export const DUE_DISPATCHES = 1000;

/**
 * Dispatches of the seeded tickets `first` … `first + count - 1` (ids as tickets-seed.mjs makes them) from their
 * department to the next one, unsigned, their sign-by time an hour past: each sweep breaches and escalates them.
 */
async function seedDueDispatches(db, org, { first, count, now }) {
  const departments = org.departments.map((d) => d.id);
  const { rowCount } = await db.query(
    `INSERT INTO dispatch (ticket_id, from_person_id, from_department_id, to_department_id, note, status, dispatched_at, warn_at, sign_due_at, next_check_at)
     SELECT t.id, $4, t.department_id, ($5::uuid[])[1 + (array_position($5::uuid[], t.department_id) % cardinality($5::uuid[]))], '请协助处理', 'open',
            $3::timestamptz - interval '3 hours', $3::timestamptz - interval '2 hours', $3::timestamptz - interval '1 hour', $3::timestamptz - interval '5 minutes'
       FROM ticket t
      WHERE t.id IN (SELECT md5('bench-ticket-' || i)::uuid FROM generate_series($1::int, $1::int + $2::int - 1) AS i)`,
    [first, count, now, org.departments[0].supervisorId, departments],
  );
  if (rowCount !== count) throw new Error(`expected ${count} dispatches seeded, got ${rowCount}`);
}

/** `runs` sweeps, each of a fresh set of due dispatches; `firstTicket(run)` numbers the tickets of each set. */
export async function measureDispatchSweep(admin, db, live, org, { firstTicket, runs = 3 }) {
  const sweeps = [];
  for (let run = 0; run < runs; run++) {
    await seedDueDispatches(db, org, { first: firstTicket(run), count: DUE_DISPATCHES, now: new Date() });
    const r = await sweepOnce(admin, live);
    const { breached } = r.report.dispatch;
    if (breached !== DUE_DISPATCHES) throw new Error(`a dispatch sweep did not breach ${DUE_DISPATCHES} dispatches: ${JSON.stringify(r.report.dispatch)}`);
    if (r.report.sla.claimed !== 0) throw new Error(`a dispatch sweep also claimed SLA clocks: ${JSON.stringify(r.report.sla)}`);
    sweeps.push(r.httpMs);
  }
  const httpMs = +median(sweeps).toFixed(1);
  return { due: DUE_DISPATCHES, httpMs, dispatchesPerSecond: Math.round(DUE_DISPATCHES / (httpMs / 1000)), runs: sweeps.map((ms) => +ms.toFixed(1)) };
}
