import type { EntityManager } from 'typeorm';
import { fenToYuan } from '../scoring/money.js';
import { SCORING_RULES, type ScoringRule } from '../scoring/scoring.types.js';
import { monthRange, type MonthRule } from '../scoring/statistical-month.js';
import type { PerformanceReport, PerformanceRow, TicketRef } from './performance-report.types.js';

interface EntryRow { id: string; kind: string; rule: ScoringRule; employee_id: string; points: number; amount_fen: string; sanction: string; ticket_id: string; month: string; original_month: string }
interface StaffRow { id: string; name: string; department_id: string | null; code: string | null; department_name: string | null }

const emptyRow = (employee: StaffRow): PerformanceRow => ({
  employee: { id: employee.id, name: employee.name },
  department: employee.department_id ? { id: employee.department_id, code: employee.code!, name: employee.department_name! } : null,
  points: { ...(Object.fromEntries(SCORING_RULES.map((r) => [r, 0])) as Record<ScoringRule, number>), total: 0 },
  economicLoss: { fen: 0, yuan: '0.00' },
  warnings: 0, disciplinaryCases: 0, validComplaints: 0, slaBreaches: 0, ticketsHandled: 0,
  followUps: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, satisfactionPercent: null },
  adjustments: 0,
  tickets: { points: [], economicLoss: [], warnings: [], disciplinaryCases: [], validComplaints: [], slaBreaches: [], ticketsHandled: [], followUps: [], adjustments: [] },
});

/** Satisfied or basically satisfied, of the verdicts given, in per cent with one decimal. */
export function satisfactionPercent(good: number, total: number): string | null {
  if (!total) return null;
  const tenths = Math.round((good * 1000) / total);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

/**
 * HR's monthly performance-deduction report (第八条(四), rule 9): read side, gathered from the ledger, the
 * SLA breaches, the handler terms and the follow-up visits of one statistical month. Staff only: no
 * resident field is selected anywhere here (decision 8).
 */
export async function buildPerformanceReport(em: EntityManager, month: string, rule: MonthRule, now: Date): Promise<PerformanceReport> {
  const { start, end } = monthRange(month, rule);
  const entries: EntryRow[] = await em.query(
    `SELECT id, kind, rule, employee_id, points, amount_fen, sanction, ticket_id, month, original_month FROM scoring_entry WHERE month = $1 ORDER BY recorded_at, id`, [month]);
  const cases: Array<{ id: string; employee_id: string; ticket_id: string; outcome: string | null }> = await em.query(
    `SELECT c.id, c.employee_id, c.ticket_id, c.outcome FROM scoring_disciplinary_case c JOIN scoring_entry e ON e.id = c.entry_id
      WHERE e.month = $1 AND NOT EXISTS (SELECT 1 FROM scoring_entry r WHERE r.reverses_entry_id = e.id) ORDER BY c.opened_at`, [month]);
  const breaches: Array<{ handler_id: string; ticket_id: string; purpose: string }> = await em.query(
    `SELECT handler_id, ticket_id, purpose FROM sla_breach WHERE breached_at >= $1 AND breached_at < $2 ORDER BY breached_at`, [start, end]);
  const handled: Array<{ handler_id: string; ticket_id: string }> = await em.query(
    `SELECT DISTINCT handler_id, ticket_id FROM scoring_handler_term WHERE started_at < $2 AND (ended_at IS NULL OR ended_at >= $1)`, [start, end]);
  // 回访 verdicts credited to whoever handled the ticket when the visit was made.
  const visits: Array<{ handler_id: string | null; ticket_id: string; verdict: string }> = await em.query(
    `SELECT f.ticket_id, f.verdict,
            (SELECT h.handler_id FROM scoring_handler_term h WHERE h.ticket_id = f.ticket_id AND h.started_at <= f.at ORDER BY h.started_at DESC, h.id DESC LIMIT 1) AS handler_id
       FROM follow_up f WHERE f.at >= $1 AND f.at < $2 AND f.verdict IN ('satisfied', 'basically_satisfied', 'dissatisfied') ORDER BY f.at`, [start, end]);

  const ids = new Set<string>([...entries.map((e) => e.employee_id), ...breaches.map((b) => b.handler_id), ...handled.map((h) => h.handler_id), ...cases.map((c) => c.employee_id)]);
  visits.forEach((v) => v.handler_id && ids.add(v.handler_id));
  const staff: StaffRow[] = await em.query(
    `SELECT s.id, s.name, s.department_id, d.code, d.name AS department_name FROM staff s LEFT JOIN department d ON d.id = s.department_id
      WHERE s.id = ANY($1::uuid[]) OR (s.active AND s.roles && ARRAY['staff', 'supervisor']::text[])`, [[...ids]]);
  const ticketIds = new Set<string>([...entries, ...cases, ...breaches, ...handled, ...visits].map((r) => r.ticket_id));
  const refs: Array<{ id: string; reference: string }> = await em.query(`SELECT id, reference FROM ticket WHERE id = ANY($1::uuid[])`, [[...ticketIds]]);
  const refOf = new Map(refs.map((r) => [r.id, r.reference]));
  const ref = (ticketId: string): TicketRef => ({ id: ticketId, reference: refOf.get(ticketId) ?? '?' });

  const rows = new Map(staff.map((s) => [s.id, emptyRow(s)]));
  const row = (id: string) => rows.get(id)!;
  for (const e of entries) {
    const r = row(e.employee_id);
    const sign = e.kind === 'reversal' ? -1 : 1;
    const fen = Number(e.amount_fen);
    r.points[e.rule] += e.points;
    r.points.total += e.points;
    if (e.points) r.tickets.points.push({ ...ref(e.ticket_id), entryId: e.id, rule: e.rule, points: e.points });
    if (fen) {
      r.economicLoss.fen += fen;
      r.tickets.economicLoss.push({ ...ref(e.ticket_id), entryId: e.id, amountFen: fen });
    }
    if (e.sanction === 'warning') {
      r.warnings += sign;
      r.tickets.warnings.push({ ...ref(e.ticket_id), entryId: e.id });
    }
    if (e.rule === 'valid_complaint') {
      r.validComplaints += sign;
      r.tickets.validComplaints.push({ ...ref(e.ticket_id), entryId: e.id });
    }
    if (e.month !== e.original_month) {
      r.adjustments++;
      r.tickets.adjustments.push({ ...ref(e.ticket_id), entryId: e.id, originalMonth: e.original_month, rule: e.rule, points: e.points, amountFen: fen });
    }
  }
  for (const c of cases) {
    row(c.employee_id).disciplinaryCases++;
    row(c.employee_id).tickets.disciplinaryCases.push({ ...ref(c.ticket_id), caseId: c.id, outcome: c.outcome });
  }
  for (const b of breaches) {
    row(b.handler_id).slaBreaches++;
    row(b.handler_id).tickets.slaBreaches.push({ ...ref(b.ticket_id), purpose: b.purpose });
  }
  for (const h of handled) {
    row(h.handler_id).ticketsHandled++;
    row(h.handler_id).tickets.ticketsHandled.push(ref(h.ticket_id));
  }
  for (const v of visits) {
    if (!v.handler_id) continue;
    const f = row(v.handler_id).followUps;
    if (v.verdict === 'satisfied') f.satisfied++;
    else if (v.verdict === 'basically_satisfied') f.basicallySatisfied++;
    else f.dissatisfied++;
    row(v.handler_id).tickets.followUps.push({ ...ref(v.ticket_id), verdict: v.verdict });
  }
  const list = [...rows.values()].sort((a, b) => (a.department?.code ?? '~').localeCompare(b.department?.code ?? '~') || a.employee.name.localeCompare(b.employee.name, 'zh'));
  for (const r of list) {
    r.economicLoss.yuan = fenToYuan(r.economicLoss.fen);
    r.followUps.satisfactionPercent = satisfactionPercent(r.followUps.satisfied + r.followUps.basicallySatisfied, r.followUps.satisfied + r.followUps.basicallySatisfied + r.followUps.dissatisfied);
  }
  return { month, timeZone: rule.timeZone, range: { start: start.toISOString(), end: end.toISOString() }, closed: false, closedAt: null, generatedAt: now.toISOString(), rows: list, totals: totalsOf(list) };
}

function totalsOf(rows: PerformanceRow[]): PerformanceReport['totals'] {
  const t = emptyRow({ id: '', name: '', department_id: null, code: null, department_name: null });
  for (const r of rows) {
    for (const k of [...SCORING_RULES, 'total'] as const) t.points[k] += r.points[k];
    t.economicLoss.fen += r.economicLoss.fen;
    t.warnings += r.warnings; t.disciplinaryCases += r.disciplinaryCases; t.validComplaints += r.validComplaints;
    t.slaBreaches += r.slaBreaches; t.ticketsHandled += r.ticketsHandled; t.adjustments += r.adjustments;
    t.followUps.satisfied += r.followUps.satisfied; t.followUps.basicallySatisfied += r.followUps.basicallySatisfied; t.followUps.dissatisfied += r.followUps.dissatisfied;
  }
  t.economicLoss.yuan = fenToYuan(t.economicLoss.fen);
  const good = t.followUps.satisfied + t.followUps.basicallySatisfied;
  t.followUps.satisfactionPercent = satisfactionPercent(good, good + t.followUps.dissatisfied);
  const { employee: _e, department: _d, tickets: _t, ...totals } = t;
  return totals;
}
