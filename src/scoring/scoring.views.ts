import { fenToYuan } from './money.js';
import type { EntryView } from './dto/scoring.view.js';
import type { ScoringEntry } from './scoring-entry.entity.js';

export type { EntryView };

export function toEntryView(e: ScoringEntry): EntryView {
  return {
    id: e.id,
    kind: e.kind,
    rule: e.rule,
    role: e.role,
    employee: { id: e.employeeId, name: e.employeeName },
    department: e.departmentId ? { id: e.departmentId, name: e.departmentName } : null,
    points: e.points,
    amountFen: e.amountFen,
    amountYuan: fenToYuan(e.amountFen),
    sanction: e.sanction,
    ticketId: e.ticketId,
    sourceKind: e.sourceKind,
    sourceId: e.sourceId,
    occurredAt: new Date(e.occurredAt).toISOString(),
    month: e.month,
    originalMonth: e.originalMonth,
    adjustment: e.month !== e.originalMonth,
    reversesEntryId: e.reversesEntryId,
    reason: e.reason,
    recordedAt: new Date(e.recordedAt).toISOString(),
  };
}
