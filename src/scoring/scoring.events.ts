import type { Attribution, DisciplinaryOutcome, OverreachLevel, ScoringRule } from './scoring.types.js';

export interface ScoringEventMap {
  'scoring.overreach_registered': { overreachId: string; level: OverreachLevel; attribution: Attribution; occurredAt: string; entryIds: string[] };
  'scoring.valid_complaint_recorded': { validComplaintId: string; employeeId: string; verdict: 'valid' | 'invalid'; entryIds: string[] };
  'scoring.entry_reversed': { entryId: string; reversalId: string; employeeId: string; rule: ScoringRule; month: string; reason: string };
  'scoring.disciplinary_decided': { caseId: string; employeeId: string; outcome: DisciplinaryOutcome };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends ScoringEventMap {}
}
