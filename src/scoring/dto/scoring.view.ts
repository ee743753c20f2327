import { ApiProperty } from '@nestjs/swagger';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/http/api-docs.js';
import { PersonRefView } from '../../tickets/dto/ticket.view.js';
import {
  ATTRIBUTIONS,
  DISCIPLINARY_OUTCOMES,
  OVERREACH_LEVELS,
  SANCTIONS,
  SCORING_RULES,
  VENUE_KINDS,
  type Attribution,
  type DisciplinaryOutcome,
  type OverreachLevel,
  type VenueKind,
} from '../scoring.types.js';

export const CHARGE_ROLES = ['supervisor', 'responsible', 'employee'] as const;
export const RESPONSIBILITY_BASES = ['breach', 'handler', 'first_responder', 'original_deadline'] as const;
export type ResponsibilityBasis = (typeof RESPONSIBILITY_BASES)[number];

export class LedgerDepartmentView {
  @IdProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

/** One entry of the penalty ledger: a charge or its reversal (entries are never changed). */
export class EntryView {
  @IdProperty() id!: string;
  @EnumProperty('EntryKind', ['charge', 'reversal']) kind!: 'charge' | 'reversal';
  @EnumProperty('ScoringRule', SCORING_RULES) rule!: string;
  @EnumProperty('ChargeRole', CHARGE_ROLES) role!: string;
  @ApiProperty({ type: PersonRefView, description: 'As in post when the failure happened (DESIGN decision 4)' }) employee!: PersonRefView;
  @ApiProperty({ type: LedgerDepartmentView, nullable: true }) department!: LedgerDepartmentView | null;
  @ApiProperty({ type: 'integer', description: 'Points deducted; a reversal carries the negative' }) points!: number;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ example: '0.00' }) amountYuan!: string;
  @EnumProperty('Sanction', SANCTIONS) sanction!: string;
  @IdProperty() ticketId!: string;
  @EnumProperty('EntrySource', ['overreach', 'valid_complaint']) sourceKind!: string;
  @IdProperty() sourceId!: string;
  @TimeProperty() occurredAt!: string;
  @ApiProperty({ example: '2026-11', description: 'The statistical month it counts in' }) month!: string;
  @ApiProperty({ example: '2026-11', description: 'The statistical month it is dated in' }) originalMonth!: string;
  @ApiProperty({ description: 'Dated in a month already closed: counted in `month` as an adjustment' }) adjustment!: boolean;
  @IdProperty({ nullable: true }) reversesEntryId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The decision on appeal, for a reversal' }) reason!: string | null;
  @TimeProperty() recordedAt!: string;
}

export class ReversalView {
  @ApiProperty({ type: EntryView }) original!: EntryView;
  @ApiProperty({ type: EntryView }) reversal!: EntryView;
}

export class VenueView {
  @EnumProperty('VenueKind', VENUE_KINDS) kind!: VenueKind;
  @ApiProperty({ example: '12345市长热线' }) name!: string;
}

export class ResponsibleView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @IdProperty({ nullable: true }) departmentId!: string | null;
}

/** A registered overreach (越级投诉, 第十条) and what it charged. */
export class OverreachView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @EnumProperty('OverreachLevel', OVERREACH_LEVELS) level!: OverreachLevel;
  @ApiProperty({ type: VenueView }) venue!: VenueView;
  @TimeProperty() occurredAt!: string;
  @ApiProperty({ format: 'date', description: 'Its business day: one overreach per ticket, level and day' }) day!: string;
  @EnumProperty('Attribution', ATTRIBUTIONS) attribution!: Attribution;
  @ApiProperty({ type: 'integer' }) economicLossFen!: number;
  @ApiProperty({ example: '0.00' }) economicLossYuan!: string;
  @ApiProperty({ type: ResponsibleView }) responsible!: ResponsibleView;
  @ApiProperty({ type: PersonRefView, nullable: true }) supervisor!: PersonRefView | null;
  @EnumProperty('ResponsibilityBasis', RESPONSIBILITY_BASES, {
    description:
      'DESIGN decision 4: handler when the failing clock breached, handler when it happened, or the first responder; `original_deadline`: handler when an extended clock passed its original deadline unmet (延期 never hides a late answer)',
  })
  basis!: string;
  @IdProperty({ nullable: true }) breachId!: string | null;
  @ApiProperty({ type: EntryView, isArray: true }) charges!: EntryView[];
  @IdProperty({ nullable: true, description: 'The supervisor’s disciplinary case (第十条(三)), when one was opened' }) disciplinaryCaseId!: string | null;
}

/** A supervisor's determination on a complaint against an employee (有效投诉, 第十一条). */
export class ValidComplaintView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @IdProperty() employeeId!: string;
  @ApiProperty({ type: PersonRefView }) employee!: PersonRefView;
  @IdProperty({ nullable: true }) departmentId!: string | null;
  @ApiProperty() withinDuties!: boolean;
  @ApiProperty() assignedBySupervisor!: boolean;
  @ApiProperty() couldBeDoneAtOnce!: boolean;
  @EnumProperty('ValidComplaintVerdict', ['valid', 'invalid']) verdict!: 'valid' | 'invalid';
  @ApiProperty() reason!: string;
  @TimeProperty() decidedAt!: string;
  @ApiProperty({ type: EntryView, isArray: true }) charges!: EntryView[];
}

/** HR's decision on a disciplinary case (第十条(三)). */
export class DisciplinaryDecisionView {
  @IdProperty() id!: string;
  @IdProperty() overreachId!: string;
  @IdProperty() employeeId!: string;
  @IdProperty() ticketId!: string;
  @EnumProperty('DisciplinaryOutcome', DISCIPLINARY_OUTCOMES) outcome!: DisciplinaryOutcome;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @TimeProperty() decidedAt!: string;
}
