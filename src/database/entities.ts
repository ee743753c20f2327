import { AppSecret } from '../config/app-secret.entity.js';
import { OutboxDelivery, ProcessedEvent, StoredEvent } from '../events/event-store.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { ChecklistTick, TicketRequirement } from '../checklist/checklist.entity.js';
import { FollowUp } from '../follow-ups/follow-up.entity.js';
import { ProblemSighting, RecurringProblem } from '../problems/problem.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { Department } from '../org/department.entity.js';
import { OrgTerm } from '../org/org-term.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Staff } from '../org/staff.entity.js';
import { SlaBreach, SlaBreachMet, SlaEscalation } from '../sla/sla-breach.entity.js';
import { SlaBoardCount } from '../sla/sla-board-count.entity.js';
import { SlaClock } from '../sla/sla-clock.entity.js';
import { ReferenceCounter } from '../tickets/reference-counter.entity.js';
import { TicketContact } from '../tickets/ticket-contact.entity.js';
import { TicketHistory } from '../tickets/ticket-history.entity.js';
import { TicketReply } from '../tickets/ticket-reply.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { DisciplinaryCase, DisciplinaryOutcomeRecord, Overreach } from '../scoring/overreach.entity.js';
import { ScoringEntry, ScoringMonthClose } from '../scoring/scoring-entry.entity.js';
import { ScoringHandlerTerm } from '../scoring/scoring-projection.entity.js';
import { ValidComplaint } from '../scoring/valid-complaint.entity.js';
import { StreamTokenUse } from '../live/stream-token-use.entity.js';
import { PerformanceSnapshot } from '../reports/report-snapshot.entity.js';
import { Attachment, AttachmentContent } from '../attachments/attachment.entity.js';

/** Every entity, listed explicitly (no globs: the app is ESM and bundled paths differ between src and dist). */
export const ENTITIES = [
  AppSecret,
  Department,
  Staff,
  OrgTerm,
  LoginThrottle,
  StreamTokenUse,
  StoredEvent,
  OutboxDelivery,
  ProcessedEvent,
  IdempotencyKey,
  Ticket,
  TicketHistory,
  TicketReply,
  TicketContact,
  ReferenceCounter,
  SlaClock,
  SlaBreach,
  SlaBreachMet,
  SlaEscalation,
  SlaBoardCount,
  Notification,
  TicketRequirement,
  ChecklistTick,
  FollowUp,
  RecurringProblem,
  ProblemSighting,
  ScoringHandlerTerm,
  Overreach,
  DisciplinaryCase,
  DisciplinaryOutcomeRecord,
  ValidComplaint,
  ScoringEntry,
  ScoringMonthClose,
  PerformanceSnapshot,
  Attachment,
  AttachmentContent,
];
