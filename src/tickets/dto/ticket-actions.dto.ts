import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';

export class HandoffDto {
  @ApiPropertyOptional({ description: 'The responsible person (must belong to the target department when one is given)', format: 'uuid' })
  @ValidateIf((o: HandoffDto) => o.departmentId === undefined || o.staffId !== undefined)
  @IsUUID(undefined, { message: 'staffId or departmentId is required' })
  staffId?: string;

  @ApiPropertyOptional({ description: 'The responsible department: its supervisor takes it when no person is named', format: 'uuid' })
  @IsOptional() @IsUUID()
  departmentId?: string;

  @ApiProperty({ description: 'Why it is handed over' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export const REPLY_VIA = ['phone', 'visit', 'sms', 'online', 'written'] as const;

export class ReplyDto {
  @ApiProperty({ description: 'What the resident was told (recorded as the answer)' }) @IsString() @IsNotEmpty() @MaxLength(4000) content!: string;
  @ApiProperty({ enum: REPLY_VIA, description: '`written` records a written answer (书面答复)' }) @IsIn(REPLY_VIA) via!: (typeof REPLY_VIA)[number];
  @ApiPropertyOptional({ description: 'The reply tells the resident the process and result (复清楚)', default: false })
  @IsOptional() @IsBoolean()
  final?: boolean;
}

export class ResolveDto {
  @ApiProperty({ description: 'What was done and the result (处理过程及结果)' }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CloseDto {
  @ApiPropertyOptional({ description: 'A closing note' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'Admin only: close although items are open, with the reason (recorded in history and counted)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000)
  overrideReason?: string;
}

export class PromiseDto {
  @ApiProperty({ description: 'When the resident will be answered (确定回复时间), ISO-8601 with offset; in the future' })
  @IsISO8601({ strict: true })
  replyBy!: string;
  @ApiProperty({ description: 'What was explained to the resident' }) @IsString() @IsNotEmpty() @MaxLength(2000) note!: string;
}
