import type { EntityManager } from 'typeorm';
import { monthRange, type MonthRule } from '../scoring/statistical-month.js';
import { satisfactionPercent as percent } from './performance-report.query.js';

type Counts = Record<string, number>;

export interface ComplaintSummary {
  month: string;
  timeZone: string;
  range: { start: string; end: string };
  received: { total: number; byChannel: Counts; byCategory: Counts; bySeverity: Counts; byDepartment: Array<{ id: string; code: string; name: string; count: number }> };
  responseClock: { due: number; onTime: number; breached: number; compliancePercent: string | null };
  firstAnswer: { answered: number; medianMinutes: number | null };
  breaches: { total: number; byPurpose: Counts };
  overreaches: { total: number; attributed: number; byLevel: Counts };
  repeatContacts: number;
  recurringProblems: { opened: number; closed: number };
  followUps: { resolved: number; visited: number; coveragePercent: string | null; satisfied: number; basicallySatisfied: number; dissatisfied: number; satisfactionPercent: string | null };
}

const toCounts = (rows: Array<{ k: string; n: number }>): Counts => Object.fromEntries(rows.map((r) => [r.k, r.n]));

/** 第八条(四): the monthly summary of complaints, one statistical month in the business time zone. No resident data. */
export async function buildComplaintSummary(em: EntityManager, month: string, rule: MonthRule, now: Date): Promise<ComplaintSummary> {
  const { start, end } = monthRange(month, rule);
  const p = [start, end];
  const inMonth = `received_at >= $1 AND received_at < $2`;
  const group = (column: string) => em.query(`SELECT ${column} AS k, count(*)::int AS n FROM ticket WHERE ${inMonth} GROUP BY 1 ORDER BY 1`, p);
  const [byChannel, byCategory, bySeverity] = await Promise.all([group('channel'), group('category'), group('severity')]);
  const byDepartment: Array<{ id: string; code: string; name: string; count: number }> = await em.query(
    `SELECT d.id, d.code, d.name, count(*)::int AS count FROM ticket t JOIN department d ON d.id = t.department_id
      WHERE t.received_at >= $1 AND t.received_at < $2 GROUP BY d.id, d.code, d.name ORDER BY d.code`, p);
  const [clock] = await em.query(
    `SELECT count(*)::int AS due,
            count(*) FILTER (WHERE met_at IS NOT NULL AND met_at <= due_at AND breached_at IS NULL)::int AS on_time,
            count(*) FILTER (WHERE breached_at IS NOT NULL OR (met_at IS NOT NULL AND met_at > due_at) OR (status = 'running' AND due_at <= $3))::int AS breached
       FROM sla_clock WHERE purpose = 'response' AND status <> 'cancelled' AND due_at >= $1 AND due_at < $2`, [start, end, now]);
  // 第六条: time from receipt to the first answer, for complaints received this month.
  const [answer] = await em.query(
    `SELECT count(*)::int AS answered, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - received_at)) AS median_seconds
       FROM (SELECT t.received_at, min(r.at) AS first_at FROM ticket t JOIN ticket_reply r ON r.ticket_id = t.id
              WHERE t.received_at >= $1 AND t.received_at < $2 GROUP BY t.id, t.received_at) x`, p);
  const byPurpose = await em.query(`SELECT purpose AS k, count(*)::int AS n FROM sla_breach WHERE breached_at >= $1 AND breached_at < $2 GROUP BY 1 ORDER BY 1`, p);
  const levels: Array<{ k: string; n: number; attributed: number }> = await em.query(
    `SELECT level AS k, count(*)::int AS n, count(*) FILTER (WHERE attribution <> 'none')::int AS attributed FROM scoring_overreach
      WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1`, p);
  const [{ n: repeatContacts }] = await em.query(`SELECT count(*)::int AS n FROM ticket_contact WHERE at >= $1 AND at < $2`, p);
  const [problems] = await em.query(
    `SELECT count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2)::int AS opened, count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2)::int AS closed FROM recurring_problem`, p);
  const [coverage] = await em.query(
    `SELECT count(*)::int AS resolved,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.ticket_id = t.id AND f.at >= t.resolved_at AND f.verdict <> 'no_answer'))::int AS visited
       FROM ticket t WHERE t.resolved_at >= $1 AND t.resolved_at < $2`, p);
  const verdicts = toCounts(await em.query(`SELECT verdict AS k, count(*)::int AS n FROM follow_up WHERE at >= $1 AND at < $2 GROUP BY 1`, p));
  const satisfied = verdicts.satisfied ?? 0;
  const basically = verdicts.basically_satisfied ?? 0;
  const dissatisfied = verdicts.dissatisfied ?? 0;
  const breachCounts = toCounts(byPurpose);
  return {
    month, timeZone: rule.timeZone, range: { start: start.toISOString(), end: end.toISOString() },
    received: { total: byChannel.reduce((s: number, r: { n: number }) => s + r.n, 0), byChannel: toCounts(byChannel), byCategory: toCounts(byCategory), bySeverity: toCounts(bySeverity), byDepartment },
    responseClock: { due: clock.due, onTime: clock.on_time, breached: clock.breached, compliancePercent: percent(clock.on_time, clock.due) },
    firstAnswer: { answered: answer.answered, medianMinutes: answer.median_seconds === null ? null : Math.round(Number(answer.median_seconds) / 60) },
    breaches: { total: Object.values(breachCounts).reduce((s, n) => s + n, 0), byPurpose: breachCounts },
    overreaches: {
      total: levels.reduce((s, l) => s + l.n, 0), attributed: levels.reduce((s, l) => s + l.attributed, 0),
      byLevel: { company: 0, county: 0, city: 0, ...toCounts(levels) },
    },
    repeatContacts,
    recurringProblems: { opened: problems.opened, closed: problems.closed },
    followUps: {
      resolved: coverage.resolved, visited: coverage.visited, coveragePercent: percent(coverage.visited, coverage.resolved),
      satisfied, basicallySatisfied: basically, dissatisfied, satisfactionPercent: percent(satisfied + basically, satisfied + basically + dissatisfied),
    },
  };
}
