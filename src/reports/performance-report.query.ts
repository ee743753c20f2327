import type { EntityManager } from 'typeorm';
import { fenToYuan } from '../scoring/money.js';
import type { ScoringRule } from '../scoring/scoring.types.js';
import { monthRange, type MonthRule } from '../config/statistical-month.js';
import type {
  HandledTicketsPage,
  PerformanceFigures,
  PerformanceReport,
  PerformanceRow,
  PerformanceSummary,
  PerformanceSummaryRow,
  StoredPerformanceReport,
  TicketRef,
} from './performance-report.types.js';
import { emptyFigures, satisfactionPercent, sumFigures } from './performance-totals.js';

export { satisfactionPercent } from './performance-totals.js';

interface EntryRow {
  id: string;
  kind: string;
  rule: ScoringRule;
  employee_id: string;
  points: number;
  amount_fen: string;
  sanction: string;
  ticket_id: string;
  reference: string | null;
  month: string;
  original_month: string;
}
interface StaffRow {
  id: string;
  name: string;
  employee_no: string | null;
  department_id: string | null;
  code: string | null;
  department_name: string | null;
}

const emptyRow = (employee: StaffRow): PerformanceRow => ({
  employee: { id: employee.id, name: employee.name, employeeNo: employee.employee_no },
  department: employee.department_id ? { id: employee.department_id, code: employee.code!, name: employee.department_name! } : null,
  ...emptyFigures(),
  tickets: { points: [], economicLoss: [], warnings: [], disciplinaryCases: [], validComplaints: [], slaBreaches: [], followUps: [], adjustments: [] },
});

/** Names in Chinese order; one collator (localeCompare with a locale builds one per call, ~0.1 ms each). */
const BY_NAME = new Intl.Collator('zh');

/**
 * Runs independent reads side by side when `em` may use several connections (the data source's manager);
 * one after the other when it is a transaction's, which is one connection.
 */
export async function readTogether<T extends unknown[]>(em: EntityManager, ...reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!em.queryRunner) return (await Promise.all(reads.map((read) => read()))) as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as T;
}

/**
 * Joins each row's ticket reference by primary key. LATERAL … LIMIT 1 keeps it a nested loop of index
 * lookups (memoized when tickets repeat): a plain join of 15,000 breaches was planned as a hash join over
 * a scan of the whole ticket table (0.5 s at 1 M tickets, against 0.1 s).
 */
const refOf = (alias: string) => `LEFT JOIN LATERAL (SELECT t.reference FROM ticket t WHERE t.id = ${alias}.ticket_id LIMIT 1) t ON true`;

/** 回访 verdicts are credited to whoever handled the ticket when the visit `f` was made. */
const VISIT_HANDLER = `(SELECT h.handler_id FROM scoring_handler_term h WHERE h.ticket_id = f.ticket_id AND h.started_at <= f.at ORDER BY h.started_at DESC, h.id DESC LIMIT 1)`;

/** Handler terms that overlap the month [$start, $end): whoever handled a ticket at any time in it. */
const TERM_IN_MONTH = `h.started_at < $2 AND (h.ended_at IS NULL OR h.ended_at >= $1)`;

/**
 * HR's monthly performance-deduction report (第八条(四)): read side, gathered from the ledger, the
 * SLA breaches, the handler terms and the follow-up visits of one statistical month. Staff only: no
 * resident field is selected anywhere here (DESIGN decision 8). Tickets handled is a count (an index-only scan of
 * the handler terms); the tickets behind it are paged per employee by `handledTickets`.
 */
export async function buildPerformanceReport(
  em: EntityManager,
  month: string,
  rule: MonthRule,
  now: Date,
  options: { only?: string } = {},
): Promise<PerformanceReport> {
  const { start, end } = monthRange(month, rule);
  // One employee's row only (the paged lists behind their figures), or every row.
  const only = options.only ?? null;
  const [entries, cases, breaches, handled, visits] = await readTogether<
    [
      EntryRow[],
      Array<{ id: string; employee_id: string; ticket_id: string; reference: string | null; outcome: string | null }>,
      Array<{ handler_id: string; ticket_id: string; reference: string | null; purpose: string }>,
      Array<{ handler_id: string; n: number }>,
      Array<{ handler_id: string | null; ticket_id: string; reference: string | null; verdict: string }>,
    ]
  >(
    em,
    () =>
      em.query(
        `SELECT e.id, e.kind, e.rule, e.employee_id, e.points, e.amount_fen, e.sanction, e.ticket_id, t.reference, e.month, e.original_month
         FROM scoring_entry e ${refOf('e')} WHERE e.month = $1 AND ($2::uuid IS NULL OR e.employee_id = $2) ORDER BY e.recorded_at, e.id`,
        [month, only],
      ),
    () =>
      em.query(
        `SELECT c.id, c.employee_id, c.ticket_id, t.reference, o.outcome FROM scoring_disciplinary_case c JOIN scoring_entry e ON e.id = c.entry_id
          LEFT JOIN scoring_disciplinary_outcome o ON o.case_id = c.id ${refOf('c')}
        WHERE e.month = $1 AND ($2::uuid IS NULL OR c.employee_id = $2) AND NOT EXISTS (SELECT 1 FROM scoring_entry r WHERE r.reverses_entry_id = e.id)
        ORDER BY c.opened_at`,
        [month, only],
      ),
    () =>
      em.query(
        // 延期 never hides a late answer: an extended clock answered (or still open) past its original deadline counts as
        // late in the month of that deadline, for whoever holds the clock; should it breach its moved deadline too, only the breach counts.
        `SELECT b.handler_id, b.ticket_id, t.reference, b.purpose, b.breached_at AS at FROM sla_breach b ${refOf('b')}
        WHERE b.breached_at >= $1 AND b.breached_at < $2 AND ($4::uuid IS NULL OR b.handler_id = $4)
        UNION ALL
        SELECT c.handler_id, c.ticket_id, t.reference, c.purpose, c.original_due_at AS at FROM sla_clock c ${refOf('c')}
        WHERE c.original_due_at >= $1 AND c.original_due_at < $2 AND c.breached_at IS NULL AND c.status <> 'cancelled' AND c.purpose <> 'activity'
          AND (c.met_at > c.original_due_at OR (c.met_at IS NULL AND c.original_due_at <= $3)) AND ($4::uuid IS NULL OR c.handler_id = $4)
        ORDER BY at`,
        [start, end, now, only],
      ),
    // Index-only on scoring_handler_term (handler_id, ticket_id, started_at, ended_at), in handler order.
    () =>
      em.query(
        `SELECT h.handler_id, count(DISTINCT h.ticket_id)::int AS n FROM scoring_handler_term h
          WHERE ${TERM_IN_MONTH} AND ($3::uuid IS NULL OR h.handler_id = $3) GROUP BY h.handler_id`,
        [start, end, only],
      ),
    // 回访 verdicts credited to whoever handled the ticket when the visit was made.
    () =>
      em.query(
        `SELECT * FROM (
           SELECT f.ticket_id, t.reference, f.verdict, f.at, ${VISIT_HANDLER} AS handler_id
             FROM follow_up f ${refOf('f')}
            WHERE f.at >= $1 AND f.at < $2 AND f.verdict IN ('satisfied', 'basically_satisfied', 'dissatisfied')) v
         WHERE $3::uuid IS NULL OR v.handler_id = $3 ORDER BY v.at`,
        [start, end, only],
      ),
  );

  const ids = new Set<string>([
    ...entries.map((e) => e.employee_id),
    ...breaches.map((b) => b.handler_id),
    ...handled.map((h) => h.handler_id),
    ...cases.map((c) => c.employee_id),
  ]);
  visits.forEach((v) => v.handler_id && ids.add(v.handler_id));
  const staff: StaffRow[] = await em.query(
    `SELECT s.id, s.name, s.employee_no, s.department_id, d.code, d.name AS department_name FROM staff s LEFT JOIN department d ON d.id = s.department_id
      WHERE CASE WHEN $2::uuid IS NULL THEN s.id = ANY($1::uuid[]) OR (s.active AND s.roles && ARRAY['staff', 'supervisor']::text[]) ELSE s.id = $2 END`,
    [[...ids], only],
  );
  const ref = (r: { ticket_id: string; reference: string | null }): TicketRef => ({ id: r.ticket_id, reference: r.reference ?? '?' });

  const rows = new Map(staff.map((s) => [s.id, emptyRow(s)]));
  const row = (id: string) => rows.get(id)!;
  for (const e of entries) {
    const r = row(e.employee_id);
    const sign = e.kind === 'reversal' ? -1 : 1;
    const fen = Number(e.amount_fen);
    r.points[e.rule] += e.points;
    r.points.total += e.points;
    if (e.points) r.tickets.points.push({ ...ref(e), entryId: e.id, rule: e.rule, points: e.points });
    if (fen) {
      r.economicLoss.fen += fen;
      r.tickets.economicLoss.push({ ...ref(e), entryId: e.id, amountFen: fen });
    }
    if (e.sanction === 'warning') {
      r.warnings += sign;
      r.tickets.warnings.push({ ...ref(e), entryId: e.id });
    }
    if (e.rule === 'valid_complaint') {
      r.validComplaints += sign;
      r.tickets.validComplaints.push({ ...ref(e), entryId: e.id });
    }
    if (e.month !== e.original_month) {
      r.adjustments++;
      r.tickets.adjustments.push({ ...ref(e), entryId: e.id, originalMonth: e.original_month, rule: e.rule, points: e.points, amountFen: fen });
    }
  }
  for (const c of cases) {
    row(c.employee_id).disciplinaryCases++;
    row(c.employee_id).tickets.disciplinaryCases.push({ ...ref(c), caseId: c.id, outcome: c.outcome });
  }
  for (const b of breaches) {
    row(b.handler_id).slaBreaches++;
    row(b.handler_id).tickets.slaBreaches.push({ ...ref(b), purpose: b.purpose });
  }
  for (const h of handled) row(h.handler_id).ticketsHandled = h.n;
  for (const v of visits) {
    if (!v.handler_id) continue;
    const f = row(v.handler_id).followUps;
    if (v.verdict === 'satisfied') f.satisfied++;
    else if (v.verdict === 'basically_satisfied') f.basicallySatisfied++;
    else f.dissatisfied++;
    row(v.handler_id).tickets.followUps.push({ ...ref(v), verdict: v.verdict });
  }
  const list = finishRows([...rows.values()]);
  return {
    month,
    timeZone: rule.timeZone,
    range: { start: start.toISOString(), end: end.toISOString() },
    closed: false,
    closedAt: null,
    generatedAt: now.toISOString(),
    rows: list,
    totals: sumFigures(list),
  };
}

/** Rows in report order (by department code, then name in Chinese order), with money in yuan and the satisfaction rate. */
function finishRows<R extends PerformanceFigures & Pick<PerformanceRow, 'employee' | 'department'>>(rows: R[]): R[] {
  const list = rows.sort((a, b) => (a.department?.code ?? '~').localeCompare(b.department?.code ?? '~') || BY_NAME.compare(a.employee.name, b.employee.name));
  for (const r of list) {
    r.economicLoss.yuan = fenToYuan(r.economicLoss.fen);
    r.followUps.satisfactionPercent = satisfactionPercent(
      r.followUps.satisfied + r.followUps.basicallySatisfied,
      r.followUps.satisfied + r.followUps.basicallySatisfied + r.followUps.dissatisfied,
    );
  }
  return list;
}

/** Where the tickets behind a row's figures are listed, a page at a time (`?figure=points`, …). */
export const ticketsPath = (month: string, employeeId: string) => `/reports/performance/${month}/employees/${employeeId}/tickets`;

/** A full row as the JSON report shows it: the figures and the path of its lists. */
export function asSummaryRow(month: string, { tickets: _lists, ...row }: PerformanceRow): PerformanceSummaryRow {
  return { ...row, ticketsPath: ticketsPath(month, row.employee.id) };
}

/**
 * HR's monthly report as JSON: the same figures as `buildPerformanceReport`, added up in SQL per employee
 * (and per rule, kind and sanction for the ledger), so its cost follows the number of employees, not the
 * ledger entries and breaches of the month; the tickets behind each figure are paged per employee
 * (`employeeTickets`). The figures must be the full report's: the e2e tests compare the two.
 */
export async function buildPerformanceSummary(em: EntityManager, month: string, rule: MonthRule, now: Date): Promise<PerformanceSummary> {
  const { start, end } = monthRange(month, rule);
  const [entries, cases, breaches, handled, visits] = await readTogether<
    [
      Array<{
        employee_id: string;
        kind: string;
        rule: ScoringRule;
        sanction: string | null;
        adjustment: boolean;
        points: number;
        amount_fen: string;
        n: number;
      }>,
      Array<{ employee_id: string; n: number }>,
      Array<{ handler_id: string; n: number }>,
      Array<{ handler_id: string; n: number }>,
      Array<{ handler_id: string; verdict: string; n: number }>,
    ]
  >(
    em,
    () =>
      em.query(
        `SELECT e.employee_id, e.kind, e.rule, e.sanction, e.month IS DISTINCT FROM e.original_month AS adjustment,
                sum(e.points)::int AS points, sum(e.amount_fen)::text AS amount_fen, count(*)::int AS n
           FROM scoring_entry e WHERE e.month = $1 GROUP BY 1, 2, 3, 4, 5`,
        [month],
      ),
    () =>
      em.query(
        `SELECT c.employee_id, count(*)::int AS n FROM scoring_disciplinary_case c JOIN scoring_entry e ON e.id = c.entry_id
           LEFT JOIN scoring_disciplinary_outcome o ON o.case_id = c.id
          WHERE e.month = $1 AND NOT EXISTS (SELECT 1 FROM scoring_entry r WHERE r.reverses_entry_id = e.id) GROUP BY 1`,
        [month],
      ),
    () =>
      em.query(
        `SELECT handler_id, count(*)::int AS n FROM (
           SELECT b.handler_id FROM sla_breach b WHERE b.breached_at >= $1 AND b.breached_at < $2
           UNION ALL
           SELECT c.handler_id FROM sla_clock c
            WHERE c.original_due_at >= $1 AND c.original_due_at < $2 AND c.breached_at IS NULL AND c.status <> 'cancelled' AND c.purpose <> 'activity'
              AND (c.met_at > c.original_due_at OR (c.met_at IS NULL AND c.original_due_at <= $3))) x
         GROUP BY 1`,
        [start, end, now],
      ),
    () =>
      em.query(`SELECT h.handler_id, count(DISTINCT h.ticket_id)::int AS n FROM scoring_handler_term h WHERE ${TERM_IN_MONTH} GROUP BY h.handler_id`, [
        start,
        end,
      ]),
    () =>
      em.query(
        `SELECT v.handler_id, v.verdict, count(*)::int AS n FROM (
           SELECT f.verdict, ${VISIT_HANDLER} AS handler_id FROM follow_up f
            WHERE f.at >= $1 AND f.at < $2 AND f.verdict IN ('satisfied', 'basically_satisfied', 'dissatisfied')) v
          WHERE v.handler_id IS NOT NULL GROUP BY 1, 2`,
        [start, end],
      ),
  );
  const ids = new Set<string>([
    ...entries.map((e) => e.employee_id),
    ...breaches.map((b) => b.handler_id),
    ...handled.map((h) => h.handler_id),
    ...cases.map((c) => c.employee_id),
    ...visits.map((v) => v.handler_id),
  ]);
  const staff: StaffRow[] = await em.query(
    `SELECT s.id, s.name, s.employee_no, s.department_id, d.code, d.name AS department_name FROM staff s LEFT JOIN department d ON d.id = s.department_id
      WHERE s.id = ANY($1::uuid[]) OR (s.active AND s.roles && ARRAY['staff', 'supervisor']::text[])`,
    [[...ids]],
  );
  const rows = new Map(staff.map((s) => [s.id, asSummaryRow(month, emptyRow(s))]));
  const row = (id: string) => rows.get(id)!;
  for (const e of entries) {
    const r = row(e.employee_id);
    const sign = e.kind === 'reversal' ? -1 : 1;
    r.points[e.rule] += e.points;
    r.points.total += e.points;
    r.economicLoss.fen += Number(e.amount_fen);
    if (e.sanction === 'warning') r.warnings += sign * e.n;
    if (e.rule === 'valid_complaint') r.validComplaints += sign * e.n;
    if (e.adjustment) r.adjustments += e.n;
  }
  for (const c of cases) row(c.employee_id).disciplinaryCases += c.n;
  for (const b of breaches) row(b.handler_id).slaBreaches += b.n;
  for (const h of handled) row(h.handler_id).ticketsHandled = h.n;
  for (const v of visits) {
    const f = row(v.handler_id).followUps;
    if (v.verdict === 'satisfied') f.satisfied += v.n;
    else if (v.verdict === 'basically_satisfied') f.basicallySatisfied += v.n;
    else f.dissatisfied += v.n;
  }
  const list = finishRows([...rows.values()]);
  return {
    month,
    timeZone: rule.timeZone,
    range: { start: start.toISOString(), end: end.toISOString() },
    closed: false,
    closedAt: null,
    generatedAt: now.toISOString(),
    rows: list,
    totals: sumFigures(list),
  };
}

/**
 * A report as read back from a snapshot: one closed before the handled tickets were paged still holds the
 * list of every ticket handled; its count stays, the list is dropped (the paged endpoint serves it). One
 * closed before employee numbers existed reads with `employeeNo: null`.
 */
export function asCurrentReport(stored: StoredPerformanceReport): PerformanceReport {
  return {
    ...stored,
    rows: stored.rows.map(({ tickets: { ticketsHandled: _list, ...tickets }, employee, ...row }) => ({
      ...row,
      // A month closed before 工号 were recorded has none: the frozen report stays as it was.
      employee: { ...employee, employeeNo: employee.employeeNo ?? null },
      tickets,
    })),
  };
}

/**
 * The tickets an employee handled in a month (any handler term overlapping it), by reference, `limit` at a
 * time after `after`. Terms of a past month no longer change, so a closed month reads the same list.
 */
export async function handledTickets(
  em: EntityManager,
  month: string,
  rule: MonthRule,
  employee: { id: string; name: string },
  page: { after: string | null; limit: number },
): Promise<Omit<HandledTicketsPage, 'nextCursor'> & { more: boolean }> {
  const { start, end } = monthRange(month, rule);
  const [[{ n: total }], rows] = await readTogether<[Array<{ n: number }>, Array<{ id: string; reference: string }>]>(
    em,
    () =>
      em.query(`SELECT count(DISTINCT h.ticket_id)::int AS n FROM scoring_handler_term h WHERE h.handler_id = $3 AND ${TERM_IN_MONTH}`, [
        start,
        end,
        employee.id,
      ]),
    () =>
      em.query(
        `SELECT t.id, t.reference FROM ticket t
        WHERE t.id IN (SELECT h.ticket_id FROM scoring_handler_term h WHERE h.handler_id = $3 AND ${TERM_IN_MONTH})
          AND ($4::text IS NULL OR t.reference > $4)
        ORDER BY t.reference LIMIT $5`,
        [start, end, employee.id, page.after, page.limit + 1],
      ),
  );
  return { month, employee, total, items: rows.slice(0, page.limit), more: rows.length > page.limit };
}
