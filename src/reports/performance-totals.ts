import { fenToYuan } from '../scoring/money.js';
import { SCORING_RULES, type ScoringRule } from '../scoring/scoring.types.js';
import type { PerformanceFigures, PerformanceRow } from './performance-report.types.js';

/** Satisfied or basically satisfied, of the verdicts given, in per cent with one decimal. */
export function satisfactionPercent(good: number, total: number): string | null {
  if (!total) return null;
  const tenths = Math.round((good * 1000) / total);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

export const emptyFigures = (): PerformanceFigures => ({
  points: { ...(Object.fromEntries(SCORING_RULES.map((r) => [r, 0])) as Record<ScoringRule, number>), total: 0 },
  economicLoss: { fen: 0, yuan: '0.00' },
  warnings: 0,
  disciplinaryCases: 0,
  validComplaints: 0,
  slaBreaches: 0,
  ticketsHandled: 0,
  followUps: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, satisfactionPercent: null },
  adjustments: 0,
});

/** The sum of rows' figures: a department's subtotal, or the company's total; the rate from the sums. */
export function sumFigures(rows: readonly PerformanceFigures[]): PerformanceFigures {
  const t = emptyFigures();
  for (const r of rows) {
    for (const k of [...SCORING_RULES, 'total'] as const) t.points[k] += r.points[k];
    t.economicLoss.fen += r.economicLoss.fen;
    t.warnings += r.warnings;
    t.disciplinaryCases += r.disciplinaryCases;
    t.validComplaints += r.validComplaints;
    t.slaBreaches += r.slaBreaches;
    t.ticketsHandled += r.ticketsHandled;
    t.adjustments += r.adjustments;
    t.followUps.satisfied += r.followUps.satisfied;
    t.followUps.basicallySatisfied += r.followUps.basicallySatisfied;
    t.followUps.dissatisfied += r.followUps.dissatisfied;
  }
  t.economicLoss.yuan = fenToYuan(t.economicLoss.fen);
  const good = t.followUps.satisfied + t.followUps.basicallySatisfied;
  t.followUps.satisfactionPercent = satisfactionPercent(good, good + t.followUps.dissatisfied);
  return t;
}

export interface DepartmentSubtotal {
  department: PerformanceRow['department'];
  figures: PerformanceFigures;
}

/** Each department's subtotal, in the report's order (rows come sorted by department); one list for the files and the page. */
export function departmentSubtotals<R extends PerformanceFigures & Pick<PerformanceRow, 'department'>>(
  rows: readonly R[],
): Array<DepartmentSubtotal & { rows: R[] }> {
  const groups: Array<DepartmentSubtotal & { rows: R[] }> = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.department?.id === row.department?.id) last.rows.push(row);
    else groups.push({ department: row.department, figures: emptyFigures(), rows: [row] });
  }
  for (const g of groups) g.figures = sumFigures(g.rows);
  return groups;
}
