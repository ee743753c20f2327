import type { ScoringRule } from '../scoring/scoring.types.js';

/** A ticket behind a figure: its id and reference number (never the resident's name or phone, decision 8). */
export interface TicketRef {
  id: string;
  reference: string;
}

export interface PerformanceRow {
  employee: { id: string; name: string };
  department: { id: string; code: string; name: string } | null;
  points: Record<ScoringRule, number> & { total: number };
  economicLoss: { fen: number; yuan: string };
  warnings: number;
  disciplinaryCases: number;
  validComplaints: number;
  slaBreaches: number;
  ticketsHandled: number;
  followUps: { satisfied: number; basicallySatisfied: number; dissatisfied: number; satisfactionPercent: string | null };
  adjustments: number;
  tickets: {
    points: Array<TicketRef & { entryId: string; rule: ScoringRule; points: number }>;
    economicLoss: Array<TicketRef & { entryId: string; amountFen: number }>;
    warnings: Array<TicketRef & { entryId: string }>;
    disciplinaryCases: Array<TicketRef & { caseId: string; outcome: string | null }>;
    validComplaints: Array<TicketRef & { entryId: string }>;
    slaBreaches: Array<TicketRef & { purpose: string }>;
    ticketsHandled: TicketRef[];
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
  totals: Omit<PerformanceRow, 'employee' | 'department' | 'tickets'>;
}
