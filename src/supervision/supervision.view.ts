import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EnumProperty, EnumQuery, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { PersonRefView } from '../tickets/dto/ticket.view.js';
import { FEEDBACK_DECISIONS, SUPERVISION_STATUSES, type FeedbackDecision, type SupervisionStatus } from './supervision-order.entity.js';

export class IssueSupervisionOrderDto {
  @ApiPropertyOptional({
    description: 'The ticket the order is on (or `problemId`)',
    format: 'uuid',
    maxLength: 36,
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ApiPropertyOptional({
    description: 'The recurring problem the order is on (or `ticketId`)',
    format: 'uuid',
    maxLength: 36,
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @IsOptional()
  @IsUUID()
  problemId?: string;

  @ApiPropertyOptional({
    description: 'The responsible department; a ticket’s order defaults to (and must be) the ticket’s department',
    format: 'uuid',
    maxLength: 36,
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({
    description: 'The deadline (ISO-8601 with offset); unset: `supervision.defaultSpanMinutes` from now',
    example: '2026-12-05T18:00:00+08:00',
    maxLength: 40,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'dueAt must carry a time zone offset' })
  @MaxLength(40)
  dueAt?: string;

  @ApiProperty({ description: 'What written feedback (书面反馈) the department must give', example: '书面说明漏水原因、整改措施及完成时间', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  feedbackRequired!: string;
}

export class SupervisionFeedbackDto {
  @ApiProperty({ description: 'The written feedback', example: '已更换破损管道，并安排每周巡检', maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;
}

export class SupervisionDecisionDto {
  @ApiPropertyOptional({ description: 'The manager’s note (required to send feedback back)', example: '未说明后续巡检安排', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SupervisionOrdersQuery {
  @EnumQuery('SupervisionStatus', SUPERVISION_STATUSES, 'Only orders in this state') status?: SupervisionStatus;
}

export class SupervisionFeedbackView {
  @IdProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: PersonRefView }) submittedBy!: PersonRefView;
  @TimeProperty() submittedAt!: string;
  @EnumProperty('FeedbackDecision', FEEDBACK_DECISIONS, { nullable: true }) decision!: FeedbackDecision | null;
  @TimeProperty({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote!: string | null;
}

/** 督办单 with its clock and feedback. */
export class SupervisionOrderView {
  @IdProperty() id!: string;
  @IdProperty({ nullable: true }) ticketId!: string | null;
  @IdProperty({ nullable: true }) problemId!: string | null;
  @IdProperty() departmentId!: string;
  @ApiProperty({ type: PersonRefView }) issuer!: PersonRefView;
  @ApiProperty() feedbackRequired!: string;
  @EnumProperty('SupervisionStatus', SUPERVISION_STATUSES) status!: SupervisionStatus;
  @TimeProperty() issuedAt!: string;
  @TimeProperty() dueAt!: string;
  @ApiProperty({ type: 'integer', description: 'Reminder points (催办) passed so far' }) remindersPassed!: number;
  @ApiProperty({ description: 'The deadline passed without accepted feedback' }) breached!: boolean;
  @TimeProperty({ nullable: true }) breachedAt!: string | null;
  @TimeProperty({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: SupervisionFeedbackView, isArray: true, description: 'Oldest first' }) feedback!: SupervisionFeedbackView[];
}
