import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EnumProperty, IdProperty, LimitField, TimeProperty } from '../common/http/api-docs.js';
import { DepartmentRefView, PersonRefView } from '../tickets/dto/ticket.view.js';
import type { RiskBoardView as RiskBoard, RiskItemView as RiskItem } from './risk.query.js';
import type { RiskReason, RiskReasonCode } from './risk-score.js';

const RISK_REASONS: RiskReasonCode[] = [
  'breached_clock',
  'nearly_breached_clock',
  'repeat_contacts',
  'major',
  'age',
  'dissatisfied_follow_up',
  'reopened',
  'venue_words',
];

export class RiskListQuery {
  @LimitField(20, 200) limit?: number;
  @ApiPropertyOptional({ description: 'One department (managers and admins)' }) @IsOptional() @IsUUID() departmentId?: string;
}

export class RiskReasonView implements RiskReason {
  @EnumProperty('RiskReason', RISK_REASONS) code!: RiskReasonCode;
  @ApiProperty({ type: 'integer' }) points!: number;
  @ApiProperty({ description: 'Shown as is (zh-CN)', example: '24小时答复已超时' }) text!: string;
}

export class RiskTicketView {
  @IdProperty() id!: string;
  @ApiProperty({ example: 'TS-20261128-0007' }) reference!: string;
  @ApiProperty({ example: '报修' }) category!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() status!: string;
  @ApiProperty() summary!: string;
  @TimeProperty() receivedAt!: string;
  @ApiProperty({ type: DepartmentRefView, nullable: true }) department!: DepartmentRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) handler!: PersonRefView | null;
}

export class RiskItemView implements RiskItem {
  @ApiProperty({ type: RiskTicketView }) ticket!: RiskTicketView;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ description: 'At or above the policy’s high mark' }) high!: boolean;
  @ApiProperty({ description: 'An overreach (越级投诉) is registered on the ticket: it ranks above every other' }) overreached!: boolean;
  @ApiProperty({ type: RiskReasonView, isArray: true }) reasons!: RiskReasonView[];
}

export class RiskDepartmentView {
  @ApiProperty({ type: DepartmentRefView }) department!: DepartmentRefView;
  @ApiProperty({ type: 'integer' }) scored!: number;
  @ApiProperty({ type: 'integer' }) high!: number;
  @ApiProperty({ type: 'integer' }) highest!: number;
}

/** Tickets not yet closed, ranked by overreach risk. */
export class RiskBoardView implements RiskBoard {
  @TimeProperty() at!: string;
  @ApiProperty({ type: 'integer', description: 'The score from which a ticket counts as high risk' }) highAt!: number;
  @ApiProperty({ type: RiskItemView, isArray: true }) items!: RiskItemView[];
  @ApiProperty({ type: RiskDepartmentView, isArray: true }) departments!: RiskDepartmentView[];
}
