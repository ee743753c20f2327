import { ScoringHandlerTerm } from './scoring-projection.entity.js';
import { Overreach, DisciplinaryCase, DisciplinaryOutcomeRecord } from './overreach.entity.js';
import { ValidComplaint } from './valid-complaint.entity.js';
import { ScoringEntry, ScoringMonthClose } from './scoring-entry.entity.js';
import { PerformanceSnapshot } from './performance-snapshot.entity.js';

/** The tables this module owns, registered by its module and composed for the CLI in src/app.entities.ts. */
export const SCORING_ENTITIES = [
  ScoringHandlerTerm,
  Overreach,
  DisciplinaryCase,
  DisciplinaryOutcomeRecord,
  ValidComplaint,
  ScoringEntry,
  ScoringMonthClose,
  PerformanceSnapshot,
];
