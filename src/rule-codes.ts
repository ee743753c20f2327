import { AttachmentRuleCode } from './attachments/attachment.rule-codes.js';
import { ChecklistRuleCode } from './checklist/checklist.rule-codes.js';
import type { RuleCode, RuleCodeRegistry } from './common/errors/rule-codes.js';
import { FollowUpRuleCode } from './follow-ups/follow-up.rule-codes.js';
import { JointRuleCode } from './joint/joint.rule-codes.js';
import { DispatchRuleCode } from './dispatch/dispatch.rule-codes.js';
import { LeaderReportRuleCode } from './leader-reports/leader-reports.rule-codes.js';
import { ExtensionRuleCode } from './extensions/extensions.rule-codes.js';
import { SupervisionRuleCode } from './supervision/supervision.rule-codes.js';
import { IdempotencyRuleCode } from './idempotency/idempotency.rule-codes.js';
import { OrgRuleCode } from './org/org.rule-codes.js';
import { ProblemRuleCode } from './problems/problem.rule-codes.js';
import { PlaceRuleCode } from './places/places.rule-codes.js';
import { ResidentRuleCode } from './residents/residents.rule-codes.js';
import { ScoringRuleCode } from './scoring/scoring.rule-codes.js';
import { SlaRuleCode } from './sla/sla.rule-codes.js';
import { TicketRuleCode } from './tickets/ticket.rule-codes.js';

/** Each module's enum under its registry key: a module that registers codes and is missing here fails the type check. */
const BY_MODULE = {
  tickets: TicketRuleCode,
  sla: SlaRuleCode,
  checklist: ChecklistRuleCode,
  followUps: FollowUpRuleCode,
  leaderReports: LeaderReportRuleCode,
  extensions: ExtensionRuleCode,
  supervision: SupervisionRuleCode,
  org: OrgRuleCode,
  problems: ProblemRuleCode,
  scoring: ScoringRuleCode,
  idempotency: IdempotencyRuleCode,
  attachments: AttachmentRuleCode,
  joint: JointRuleCode,
  dispatch: DispatchRuleCode,
  places: PlaceRuleCode,
  residents: ResidentRuleCode,
} satisfies { [M in keyof RuleCodeRegistry]: Record<string, RuleCodeRegistry[M]> };

/** Every rule a refusal can name: the API document enumerates them as the `RuleCode` schema, which the console reads. */
export const RULE_CODES: readonly RuleCode[] = Object.values(BY_MODULE).flatMap((codes) => Object.values(codes) as RuleCode[]);
