import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EnumProperty, IdProperty, MonthField, TimeProperty } from '../common/http/api-docs.js';
import { DepartmentRefView, PersonRefView } from '../tickets/dto/ticket.view.js';
import { DISPATCH_STATUSES, RETURN_VERDICTS, type DispatchStatus, type ReturnVerdict } from './dispatch.entity.js';

export class CreateDispatchDto {
  @ApiProperty({
    description: 'The receiving department (not the ticket’s own); its supervisor holds the ticket until it signs',
    format: 'uuid',
    maxLength: 36,
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  })
  @IsUUID()
  departmentId!: string;

  @ApiProperty({ description: 'What the department is to do, as its supervisor reads it', example: '楼道灯损坏，请工程部派人维修', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note!: string;
}

export class SignDispatchDto {
  @ApiPropertyOptional({
    description: 'The handler: an active member of the receiving department; unset: the one who signs',
    format: 'uuid',
    maxLength: 36,
    example: '5b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d',
  })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @ApiPropertyOptional({ description: 'A note on signing', example: '已签收，安排维修班处理', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReturnDispatchDto {
  @ApiProperty({
    description: 'One of the codes of `dispatch.returnReasons` in config/policy.yaml',
    example: 'not_our_duty',
    maxLength: 30,
    pattern: '^[a-z][a-z_]{1,29}$',
  })
  @IsString()
  @Matches(/^[a-z][a-z_]{1,29}$/, { message: 'reasonCode must be a return reason code' })
  @MaxLength(30)
  reasonCode!: string;

  @ApiProperty({ description: 'Why, for the dispatcher to decide', example: '该楼栋供水属自来水公司管辖，非本部门职责', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note!: string;
}

export class DecideReturnDto {
  @ApiPropertyOptional({ description: 'The dispatcher’s note', example: '属本部门职责，请签收办理', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class DispatchSummaryQuery {
  @MonthField({ required: true, description: 'Returns made in this statistical month (YYYY-MM)' }) month!: string;
}

/** 退单: one return of a dispatch and the dispatcher's decision. */
export class DispatchReturnView {
  @IdProperty() id!: string;
  @IdProperty() dispatchId!: string;
  @ApiProperty({ type: DepartmentRefView, description: 'The department that returned it' }) fromDepartment!: DepartmentRefView;
  @ApiProperty({ type: DepartmentRefView, description: 'The dispatching department it went back to' }) toDepartment!: DepartmentRefView;
  @ApiProperty({ type: PersonRefView }) returnedBy!: PersonRefView;
  @ApiProperty({ example: 'not_our_duty' }) reasonCode!: string;
  @ApiProperty({ example: '非本部门职责' }) reasonLabel!: string;
  @ApiProperty() note!: string;
  @TimeProperty() returnedAt!: string;
  @EnumProperty('ReturnVerdict', RETURN_VERDICTS, {
    nullable: true,
    description: 'null while the dispatcher has not decided; `withdrawn` when the dispatch ended otherwise first (decidedBy null)',
  })
  verdict!: ReturnVerdict | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) decidedBy!: PersonRefView | null;
  @TimeProperty({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote!: string | null;
}

export class ReturnReasonView {
  @ApiProperty({ example: 'not_our_duty' }) code!: string;
  @ApiProperty({ example: '非本部门职责' }) label!: string;
}

/** 派单: a ticket handed to a department, its sign-for clock, and its returns. */
export class DispatchView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @ApiProperty({ type: PersonRefView, description: 'Who dispatched' }) dispatcher!: PersonRefView;
  @ApiProperty({ type: DepartmentRefView }) fromDepartment!: DepartmentRefView;
  @ApiProperty({ type: DepartmentRefView }) toDepartment!: DepartmentRefView;
  @ApiProperty() note!: string;
  @EnumProperty('DispatchStatus', DISPATCH_STATUSES) status!: DispatchStatus;
  @TimeProperty() dispatchedAt!: string;
  @TimeProperty({ description: 'Sign for it by then (dispatch.signForMinutes on the ticket’s calendar)' }) signDueAt!: string;
  @TimeProperty({ nullable: true }) warnedAt!: string | null;
  @ApiProperty({ description: 'Unsigned past signDueAt' }) breached!: boolean;
  @TimeProperty({ nullable: true }) breachedAt!: string | null;
  @ApiProperty({ description: 'A return was rejected: the department must sign, no more returns' }) returnsClosed!: boolean;
  @TimeProperty({ nullable: true }) signedAt!: string | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) signedBy!: PersonRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true, description: 'The handler named on signing' }) handler!: PersonRefView | null;
  @ApiProperty({ type: DispatchReturnView, isArray: true }) returns!: DispatchReturnView[];
  @ApiProperty({
    type: ReturnReasonView,
    isArray: true,
    description: 'What it may be returned for now (dispatch.returnReasons): empty once signed, returned, past its span or after a rejected return',
  })
  returnReasons!: ReturnReasonView[];
}

export class ReturnPairCountView {
  @ApiProperty({ type: DepartmentRefView, description: 'The department that returned' }) fromDepartment!: DepartmentRefView;
  @ApiProperty({ type: DepartmentRefView, description: 'The department it was returned to' }) toDepartment!: DepartmentRefView;
  @ApiProperty({ type: 'integer' }) returns!: number;
  @ApiProperty({ type: 'integer' }) accepted!: number;
  @ApiProperty({ type: 'integer' }) rejected!: number;
  @ApiProperty({ type: 'integer', description: 'Undecided when the dispatch ended otherwise (handed elsewhere, resolved or closed)' }) withdrawn!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
}

export class ReturnReasonCountView {
  @ApiProperty({ example: 'not_our_duty' }) reasonCode!: string;
  @ApiProperty({ example: '非本部门职责' }) reasonLabel!: string;
  @ApiProperty({ type: 'integer' }) returns!: number;
}

export class DispatchSummaryView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: 'integer', description: 'Dispatches made in the month' }) dispatches!: number;
  @ApiProperty({ type: 'integer', description: 'Returns made in the month' }) returns!: number;
  @ApiProperty({ type: ReturnPairCountView, isArray: true, description: 'Per department pair, most returns first' }) byPair!: ReturnPairCountView[];
  @ApiProperty({ type: ReturnReasonCountView, isArray: true, description: 'Per reason, most returns first' }) byReason!: ReturnReasonCountView[];
}
