import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { monthRange, monthRuleOf, type MonthRule } from '../config/statistical-month.js';
import { readTogether, satisfactionPercent as percent } from './performance-report.query.js';

type Counts = Record<string, number>;

export interface ComplaintSummary {
  month: string;
  timeZone: string;
  range: { start: string; end: string };
  received: {
    total: number;
    /** 第三条: complaints, suggestions and enquiries (each kind present, zero when none). */
    byKind: Counts;
    byChannel: Counts;
    byCategory: Counts;
    bySeverity: Counts;
    byDepartment: Array<{ id: string; code: string; name: string; count: number }>;
  };
  responseClock: { due: number; onTime: number; breached: number; compliancePercent: string | null };
  firstAnswer: { answered: number; medianMinutes: number | null };
  breaches: { total: number; byPurpose: Counts };
  overreaches: { total: number; attributed: number; byLevel: Counts };
  repeatContacts: number;
  /** 第一篇 二.4(5) 约谈: appointments booked, held, missed by the resident and rescheduled this month. */
  appointments: { booked: number; held: number; noShows: number; rescheduled: number };
  recurringProblems: { opened: number; closed: number };
  followUps: {
    resolved: number;
    visited: number;
    coveragePercent: string | null;
    satisfied: number;
    basicallySatisfied: number;
    dissatisfied: number;
    satisfactionPercent: string | null;
  };
}

const toCounts = (rows: Array<{ k: string; n: number }>): Counts => Object.fromEntries(rows.map((r) => [r.k, r.n]));

interface ReceivedRow {
  set: 'kind' | 'channel' | 'category' | 'severity' | 'department';
  k: string;
  code: string | null;
  name: string | null;
  n: number;
}

/**
 * The month's tickets by kind, channel, category, severity and department in one pass over `ticket`: a parallel
 * GROUP BY of the five columns (a few hundred combinations at most), then the five totals over that small
 * result with GROUPING SETS (grouping sets over the million rows themselves would not run in parallel).
 * GROUPING(…) sets a bit for each column left out, the first column highest: 15 is (kind) … 30 (department_id).
 */
const RECEIVED = `WITH c AS (
    SELECT kind, channel, category, severity, department_id, count(*) AS n FROM ticket WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2, 3, 4, 5),
  g AS (
    SELECT kind, channel, category, severity, department_id, GROUPING(kind, channel, category, severity, department_id) AS g, sum(n)::int AS n
      FROM c GROUP BY GROUPING SETS ((kind), (channel), (category), (severity), (department_id)))
  SELECT CASE g.g WHEN 15 THEN 'kind' WHEN 23 THEN 'channel' WHEN 27 THEN 'category' WHEN 29 THEN 'severity' ELSE 'department' END AS set,
         coalesce(g.kind, g.channel, g.category, g.severity, g.department_id::text) AS k, d.code, d.name, g.n
    FROM g LEFT JOIN department d ON g.g = 30 AND d.id = g.department_id
   ORDER BY 1, coalesce(d.code, ''), 2`;

/**
 * 第八条(四): the monthly summary of complaints, one statistical month in the business time zone. No resident data.
 * The reads are independent and run side by side on the pool (one after the other inside a transaction).
 */
export async function buildComplaintSummary(em: EntityManager, month: string, rule: MonthRule, now: Date): Promise<ComplaintSummary> {
  const { start, end } = monthRange(month, rule);
  const p = [start, end];
  const [received, [clock], [answer], byPurpose, levels, [{ n: repeatContacts }], [problems], [coverage], verdictRows, [appointments]] = await readTogether<
    [
      ReceivedRow[],
      Array<{ due: number; on_time: number; breached: number }>,
      Array<{ answered: number; median_seconds: number | null }>,
      Array<{ k: string; n: number }>,
      Array<{ k: string; n: number; attributed: number }>,
      Array<{ n: number }>,
      Array<{ opened: number; closed: number }>,
      Array<{ resolved: number; visited: number }>,
      Array<{ k: string; n: number }>,
      Array<{ booked: number; held: number; no_shows: number; rescheduled: number }>,
    ]
  >(
    em,
    () => em.query(RECEIVED, p),
    // Index-only on sla_clock_response_due (due_at, status, met_at, breached_at, original_due_at) WHERE purpose = 'response'.
    // 延期: an extended clock is judged against its original deadline, so an extension never hides a late answer.
    () =>
      em.query(
        `SELECT count(*)::int AS due,
              count(*) FILTER (WHERE met_at IS NOT NULL AND met_at <= COALESCE(original_due_at, due_at) AND breached_at IS NULL)::int AS on_time,
              count(*) FILTER (WHERE breached_at IS NOT NULL OR (met_at IS NOT NULL AND met_at > COALESCE(original_due_at, due_at)) OR (status = 'running' AND COALESCE(original_due_at, due_at) <= $3))::int AS breached
         FROM sla_clock WHERE purpose = 'response' AND status <> 'cancelled' AND due_at >= $1 AND due_at < $2`,
        [start, end, now],
      ),
    // 第六条: time from receipt to the first answer, for complaints received this month.
    () =>
      em.query(
        `SELECT count(*)::int AS answered, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - received_at)) AS median_seconds
         FROM (SELECT t.received_at, min(r.at) AS first_at FROM ticket t JOIN ticket_reply r ON r.ticket_id = t.id
                WHERE t.received_at >= $1 AND t.received_at < $2 GROUP BY t.id, t.received_at) x`,
        p,
      ),
    () => em.query(`SELECT purpose AS k, count(*)::int AS n FROM sla_breach WHERE breached_at >= $1 AND breached_at < $2 GROUP BY 1 ORDER BY 1`, p),
    () =>
      em.query(
        `SELECT level AS k, count(*)::int AS n, count(*) FILTER (WHERE attribution <> 'none')::int AS attributed FROM scoring_overreach
        WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1`,
        p,
      ),
    () => em.query(`SELECT count(*)::int AS n FROM ticket_contact WHERE at >= $1 AND at < $2`, p),
    () =>
      em.query(
        `SELECT count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2)::int AS opened, count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2)::int AS closed FROM recurring_problem`,
        p,
      ),
    // The partial index ticket_resolved_at holds only resolved tickets.
    () =>
      em.query(
        `SELECT count(*)::int AS resolved,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.ticket_id = t.id AND f.at >= t.resolved_at AND f.verdict <> 'no_answer'))::int AS visited
         FROM ticket t WHERE t.resolved_at >= $1 AND t.resolved_at < $2`,
        p,
      ),
    () => em.query(`SELECT verdict AS k, count(*)::int AS n FROM follow_up WHERE at >= $1 AND at < $2 GROUP BY 1`, p),
    // The partial index ticket_history_appointment holds only the appointment rows.
    () =>
      em.query(
        `SELECT count(*) FILTER (WHERE action = 'appointment_booked')::int AS booked, count(*) FILTER (WHERE action = 'appointment_held')::int AS held,
              count(*) FILTER (WHERE action = 'appointment_no_show')::int AS no_shows, count(*) FILTER (WHERE action = 'appointment_rescheduled')::int AS rescheduled
         FROM ticket_history WHERE action LIKE 'appointment_%' AND at >= $1 AND at < $2`,
        p,
      ),
  );
  const of = (set: ReceivedRow['set']) => received.filter((r) => r.set === set);
  const byChannel = of('channel');
  const byDepartment = of('department')
    .filter((r) => r.code !== null)
    .map((r) => ({ id: r.k, code: r.code!, name: r.name!, count: r.n }));
  const verdicts = toCounts(verdictRows);
  const satisfied = verdicts.satisfied ?? 0;
  const basically = verdicts.basically_satisfied ?? 0;
  const dissatisfied = verdicts.dissatisfied ?? 0;
  const breachCounts = toCounts(byPurpose);
  return {
    month,
    timeZone: rule.timeZone,
    range: { start: start.toISOString(), end: end.toISOString() },
    received: {
      total: byChannel.reduce((s, r) => s + r.n, 0),
      byKind: { complaint: 0, suggestion: 0, enquiry: 0, ...toCounts(of('kind')) },
      byChannel: toCounts(byChannel),
      byCategory: toCounts(of('category')),
      bySeverity: toCounts(of('severity')),
      byDepartment,
    },
    responseClock: { due: clock.due, onTime: clock.on_time, breached: clock.breached, compliancePercent: percent(clock.on_time, clock.due) },
    firstAnswer: { answered: answer.answered, medianMinutes: answer.median_seconds === null ? null : Math.round(Number(answer.median_seconds) / 60) },
    breaches: { total: Object.values(breachCounts).reduce((s, n) => s + n, 0), byPurpose: breachCounts },
    overreaches: {
      total: levels.reduce((s, l) => s + l.n, 0),
      attributed: levels.reduce((s, l) => s + l.attributed, 0),
      byLevel: { company: 0, county: 0, city: 0, ...toCounts(levels) },
    },
    repeatContacts,
    appointments: { booked: appointments.booked, held: appointments.held, noShows: appointments.no_shows, rescheduled: appointments.rescheduled },
    recurringProblems: { opened: problems.opened, closed: problems.closed },
    followUps: {
      resolved: coverage.resolved,
      visited: coverage.visited,
      coveragePercent: percent(coverage.visited, coverage.resolved),
      satisfied,
      basicallySatisfied: basically,
      dissatisfied,
      satisfactionPercent: percent(satisfied + basically, satisfied + basically + dissatisfied),
    },
  };
}

/** The monthly complaint summary for the company's statistical month, as of now. */
@Injectable()
export class ComplaintSummaries {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  month(month: string): Promise<ComplaintSummary> {
    return buildComplaintSummary(this.db.manager, month, monthRuleOf(this.policy.company), this.clock.now());
  }
}
