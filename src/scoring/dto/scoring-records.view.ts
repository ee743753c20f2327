import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CursorField, EnumProperty, IdProperty, LimitField, MonthField, NextCursorProperty, TimeProperty } from '../../common/http/api-docs.js';
import { DepartmentRefView, PersonRefView } from '../../tickets/dto/ticket.view.js';
import { ATTRIBUTIONS, DISCIPLINARY_OUTCOMES, OVERREACH_LEVELS, type Attribution, type DisciplinaryOutcome, type OverreachLevel } from '../scoring.types.js';
import { RESPONSIBILITY_BASES, VenueView } from './scoring.view.js';

// HR reads these registers: staff and tickets by reference only, no free-text notes, so no resident
// data can reach them (DESIGN decision 8). The notes stay on the ticket, behind its visibility.

export class ScoringRecordsQuery {
  @MonthField({ required: false, description: 'Statistical month YYYY-MM (DESIGN decision 7) of when it happened' }) month?: string;
  @ApiPropertyOptional({ description: 'The department charged (as it was when it happened)' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ description: 'A person concerned: for an overreach the responsible person or the supervisor; otherwise the employee' })
  @IsOptional()
  @IsUUID()
  employeeId?: string;
  @CursorField() cursor?: string;
  @LimitField(50, 200) limit?: number;
}

export class TicketReferenceView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
}

/** A registered overreach (越级投诉, 第十条), with the people charged as they were in post. */
export class OverreachRecordView {
  @IdProperty() id!: string;
  @ApiProperty({ type: TicketReferenceView }) ticket!: TicketReferenceView;
  @EnumProperty('OverreachLevel', OVERREACH_LEVELS) level!: OverreachLevel;
  @ApiProperty({ type: VenueView }) venue!: VenueView;
  @TimeProperty() occurredAt!: string;
  @ApiProperty({ example: '2026-11', description: 'Statistical month of `occurredAt`' }) month!: string;
  @EnumProperty('Attribution', ATTRIBUTIONS) attribution!: Attribution;
  @ApiProperty({ type: 'integer' }) economicLossFen!: number;
  @ApiProperty({ type: PersonRefView }) responsible!: PersonRefView;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) supervisor!: PersonRefView | null;
  @EnumProperty('ResponsibilityBasis', RESPONSIBILITY_BASES) basis!: string;
  @IdProperty({ nullable: true }) disciplinaryCaseId!: string | null;
  @ApiProperty({ type: PersonRefView }) registeredBy!: PersonRefView;
  @TimeProperty() registeredAt!: string;
}

/** A supervisor's determination on a complaint against an employee (有效投诉, 第十一条). */
export class ValidComplaintRecordView {
  @IdProperty() id!: string;
  @ApiProperty({ type: TicketReferenceView }) ticket!: TicketReferenceView;
  @ApiProperty({ type: PersonRefView }) employee!: PersonRefView;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @EnumProperty('ValidComplaintVerdict', ['valid', 'invalid']) verdict!: 'valid' | 'invalid';
  @ApiProperty() withinDuties!: boolean;
  @ApiProperty() assignedBySupervisor!: boolean;
  @ApiProperty() couldBeDoneAtOnce!: boolean;
  @ApiProperty({ type: PersonRefView }) decidedBy!: PersonRefView;
  @TimeProperty() decidedAt!: string;
  @ApiProperty({ example: '2026-11', description: 'Statistical month of `decidedAt`' }) month!: string;
}

/** A supervisor's disciplinary case from a city-level overreach (第十条(三)) and HR's outcome. */
export class DisciplinaryCaseRecordView {
  @IdProperty() id!: string;
  @IdProperty() overreachId!: string;
  @ApiProperty({ type: TicketReferenceView }) ticket!: TicketReferenceView;
  @ApiProperty({ type: PersonRefView, description: 'The supervisor charged' }) employee!: PersonRefView;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @TimeProperty() openedAt!: string;
  @ApiProperty({ example: '2026-11', description: 'Statistical month of `openedAt`' }) month!: string;
  @EnumProperty('DisciplinaryOutcome', DISCIPLINARY_OUTCOMES, { nullable: true, description: 'null while HR has not decided' })
  outcome!: DisciplinaryOutcome | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) decidedBy!: PersonRefView | null;
  @TimeProperty({ nullable: true }) decidedAt!: string | null;
}

export class OverreachPageView {
  @ApiProperty({ type: OverreachRecordView, isArray: true, description: 'Newest first' }) items!: OverreachRecordView[];
  @NextCursorProperty() nextCursor!: string | null;
}

export class ValidComplaintPageView {
  @ApiProperty({ type: ValidComplaintRecordView, isArray: true, description: 'Newest first' }) items!: ValidComplaintRecordView[];
  @NextCursorProperty() nextCursor!: string | null;
}

export class DisciplinaryCasePageView {
  @ApiProperty({ type: DisciplinaryCaseRecordView, isArray: true, description: 'Newest first' }) items!: DisciplinaryCaseRecordView[];
  @NextCursorProperty() nextCursor!: string | null;
}
