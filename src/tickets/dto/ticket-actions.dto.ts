import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { EnumProperty } from '../../common/http/api-docs.js';
import { APPOINTMENT_OUTCOMES, type AppointmentOutcome } from '../ticket.types.js';

export class HandoffDto {
  @ApiPropertyOptional({
    description: 'The responsible person (must belong to the target department when one is given)',
    example: '5b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d',
  })
  @ValidateIf((o: HandoffDto) => o.departmentId === undefined || o.staffId !== undefined)
  @IsUUID(undefined, { message: 'staffId or departmentId is required' })
  staffId?: string;

  @ApiPropertyOptional({
    description: 'The responsible department: its supervisor takes it when no person is named',
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiProperty({ description: 'Why it is handed over', example: '属工程部职责，转交维修班' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export const REPLY_VIA = ['phone', 'visit', 'sms', 'online', 'written'] as const;

export class ReplyDto {
  @ApiProperty({ description: 'What the resident was told (recorded as the answer)', example: '您好，维修师傅今天下午三点上门处理楼道灯。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  content!: string;
  @EnumProperty('ReplyVia', REPLY_VIA, { description: '`written` records a written answer (书面答复)', example: 'phone' })
  @IsIn(REPLY_VIA)
  via!: (typeof REPLY_VIA)[number];
  @ApiPropertyOptional({ description: 'The reply tells the resident the process and result (复清楚)', default: false, example: false })
  @IsOptional()
  @IsBoolean()
  final?: boolean;
}

export class ResolveDto {
  @ApiProperty({ description: 'What was done and the result (处理过程及结果)', example: '已更换楼道灯泡，业主确认恢复照明' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary!: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why', example: '业主反映问题仍未解决' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CloseDto {
  @ApiPropertyOptional({ description: 'A closing note', example: '五清楚已完成，归档' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({
    description: 'Admin only: close although items are open, with the reason (recorded in history and counted)',
    example: '业主已搬离，无法回访',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  overrideReason?: string;
}

export class PromiseDto {
  @ApiProperty({ description: 'When the resident will be answered (确定回复时间), ISO-8601 with offset; in the future', example: '2026-11-29T17:00:00+08:00' })
  @IsISO8601({ strict: true })
  @MaxLength(40)
  replyBy!: string;
  @ApiProperty({ description: 'What was explained to the resident', example: '需联系厂家配件，明天下午五点前答复' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

/** 第一篇 二.4(5) 约谈: what became of the agreed meeting. */
export class AppointmentDto {
  @EnumProperty('AppointmentOutcome', APPOINTMENT_OUTCOMES, {
    description: '`held`: the meeting took place; `no_show`: the resident did not come; `rescheduled`: another time agreed (`appointmentAt`)',
    example: 'held',
  })
  @IsIn(APPOINTMENT_OUTCOMES)
  outcome!: AppointmentOutcome;
  @ApiProperty({ description: 'What was discussed, how the no-show was established, or why it is rescheduled', example: '已与业主面谈，约定周五前更换水管' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
  @ApiPropertyOptional({ description: 'Required with `rescheduled`: the new time, in the future (ISO-8601 with offset)', example: '2026-12-03T10:00:00+08:00' })
  @ValidateIf((o: AppointmentDto) => o.outcome === 'rescheduled' || o.appointmentAt !== undefined)
  @IsISO8601({ strict: true }, { message: 'appointmentAt must be an ISO-8601 date-time (required to reschedule)' })
  @MaxLength(40)
  appointmentAt?: string;
}
