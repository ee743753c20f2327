import type { ScoringRule } from '../scoring/scoring.types.js';

/** A ticket behind a figure: its id and reference number (never the resident's name or phone, DESIGN decision 8). */
export interface TicketRef {
  id: string;
  reference: string;
}

/** The figures of a row, of a department's subtotal and of the company's total. */
export interface PerformanceFigures {
  points: Record<ScoringRule, number> & { total: number };
  economicLoss: { fen: number; yuan: string };
  warnings: number;
  disciplinaryCases: number;
  validComplaints: number;
  slaBreaches: number;
  /** A workload count: the tickets themselves are paged per employee (GET …/employees/:id/tickets-handled). */
  ticketsHandled: number;
  followUps: { satisfied: number; basicallySatisfied: number; dissatisfied: number; satisfactionPercent: string | null };
  adjustments: number;
}

export interface PerformanceRow extends PerformanceFigures {
  /** `employeeNo` (工号) is null when none is set, and in months closed before it was recorded. */
  employee: { id: string; name: string; employeeNo: string | null };
  department: { id: string; code: string; name: string } | null;
  tickets: {
    points: Array<TicketRef & { entryId: string; rule: ScoringRule; points: number }>;
    economicLoss: Array<TicketRef & { entryId: string; amountFen: number }>;
    warnings: Array<TicketRef & { entryId: string }>;
    disciplinaryCases: Array<TicketRef & { caseId: string; outcome: string | null }>;
    validComplaints: Array<TicketRef & { entryId: string }>;
    slaBreaches: Array<TicketRef & { purpose: string }>;
    followUps: Array<TicketRef & { verdict: string }>;
    adjustments: Array<TicketRef & { entryId: string; originalMonth: string; rule: ScoringRule; points: number; amountFen: number }>;
  };
}

export interface PerformanceReport {
  month: string;
  timeZone: string;
  range: { start: string; end: string };
  closed: boolean;
  closedAt: string | null;
  generatedAt: string;
  rows: PerformanceRow[];
  totals: PerformanceFigures;
}

/** The figures whose tickets a row lists (`tickets.<figure>`); `ticketsHandled` has its own paged list. */
export const PERFORMANCE_FIGURES = [
  'points',
  'economicLoss',
  'warnings',
  'disciplinaryCases',
  'validComplaints',
  'slaBreaches',
  'followUps',
  'adjustments',
] as const satisfies ReadonlyArray<keyof PerformanceRow['tickets']>;
export type PerformanceFigure = (typeof PERFORMANCE_FIGURES)[number];
/** A ticket behind one of a row's figures, with what that figure's list says of it. */
export type FigureTicket = PerformanceRow['tickets'][PerformanceFigure][number];

/**
 * A row of the JSON report: the figures, and where the tickets behind them are listed, page by page
 * (`ticketsPath?figure=points`, …); the files (CSV, XLSX) and a month's frozen snapshot keep every list.
 */
export type PerformanceSummaryRow = Omit<PerformanceRow, 'tickets'> & { ticketsPath: string };
export type PerformanceSummary = Omit<PerformanceReport, 'rows'> & { rows: PerformanceSummaryRow[] };

/** A report as the API sends it as JSON: the figures with their columns, the headings the files and the console page share. */
export type PerformanceReportBody = PerformanceSummary & {
  columns: Array<{ key: string; header: string; kind: string }>;
  /** Each department's sums, in the rows' order: the 小计 lines of the files. */
  subtotals: Array<{ department: PerformanceRow['department']; figures: PerformanceFigures }>;
};

/**
 * A row as a snapshot closed before the handled tickets were paged may hold it: with the list of every
 * ticket handled (`tickets.ticketsHandled`), which the report no longer carries.
 */
export type StoredPerformanceRow = PerformanceRow & { tickets: PerformanceRow['tickets'] & { ticketsHandled?: TicketRef[] } };
export type StoredPerformanceReport = Omit<PerformanceReport, 'rows'> & { rows: StoredPerformanceRow[] };

/** One page of the tickets an employee handled in a statistical month, by reference. */
export interface HandledTicketsPage {
  month: string;
  employee: { id: string; name: string };
  /** All the month's handled tickets of the employee: the report's `ticketsHandled` figure. */
  total: number;
  items: TicketRef[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

/** One page of the tickets behind one of an employee's figures of a statistical month. */
export interface FigureTicketsPage {
  month: string;
  employee: { id: string; name: string };
  figure: PerformanceFigure;
  /** How many entries the whole list has. */
  total: number;
  items: FigureTicket[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}
