import { fenToYuan } from './money.js';
import type { ScoringEntry } from './scoring-entry.entity.js';

export interface EntryView {
  id: string;
  kind: 'charge' | 'reversal';
  rule: string;
  role: string;
  employee: { id: string; name: string };
  department: { id: string; name: string | null } | null;
  points: number;
  amountFen: number;
  amountYuan: string;
  sanction: string;
  ticketId: string;
  sourceKind: string;
  sourceId: string;
  occurredAt: string;
  month: string;
  originalMonth: string;
  /** Dated in a month that was already closed: counted in `month` as an adjustment. */
  adjustment: boolean;
  reversesEntryId: string | null;
  reason: string | null;
  recordedAt: string;
}

export function toEntryView(e: ScoringEntry): EntryView {
  return {
    id: e.id, kind: e.kind, rule: e.rule, role: e.role,
    employee: { id: e.employeeId, name: e.employeeName },
    department: e.departmentId ? { id: e.departmentId, name: e.departmentName } : null,
    points: e.points, amountFen: e.amountFen, amountYuan: fenToYuan(e.amountFen), sanction: e.sanction,
    ticketId: e.ticketId, sourceKind: e.sourceKind, sourceId: e.sourceId, occurredAt: new Date(e.occurredAt).toISOString(),
    month: e.month, originalMonth: e.originalMonth, adjustment: e.month !== e.originalMonth,
    reversesEntryId: e.reversesEntryId, reason: e.reason, recordedAt: new Date(e.recordedAt).toISOString(),
  };
}
