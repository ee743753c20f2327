import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EnumProperty, EnumPropertyOptional, IdProperty, MonthField, TimeProperty } from '../common/http/api-docs.js';
import { CLOCK_PURPOSES } from '../sla/sla-clock.entity.js';
import { PersonRefView } from '../tickets/dto/ticket.view.js';
import { EXTENSION_STATUSES, type ExtensionStatus } from './extension.entity.js';

export class RequestExtensionDto {
  @ApiPropertyOptional({
    description: 'The clock to extend; or name its `purpose` (one of the two)',
    format: 'uuid',
    maxLength: 36,
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @IsOptional()
  @IsUUID()
  clockId?: string;

  @EnumPropertyOptional('ClockPurpose', CLOCK_PURPOSES, { description: 'The live clock of this purpose (instead of `clockId`)', example: 'response' })
  @IsOptional()
  @IsIn(CLOCK_PURPOSES)
  purpose?: (typeof CLOCK_PURPOSES)[number];

  @ApiProperty({
    description: 'The deadline asked for (ISO-8601 with offset), later than the clock’s current one',
    example: '2026-11-30T18:00:00+08:00',
    maxLength: 40,
  })
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'newDueAt must carry a time zone offset' })
  @MaxLength(40)
  newDueAt!: string;

  @ApiProperty({ description: 'Why more time is needed, as the supervisor reads it', example: '需厂家提供配件，预计周一到货', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class DecideExtensionDto {
  @ApiPropertyOptional({ description: 'The supervisor’s note', example: '同意，请周一上午完成', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ExtensionSummaryQuery {
  @MonthField({ required: true, description: 'Extensions asked in this statistical month (YYYY-MM)' }) month!: string;
}

/** 延期: one request for a later deadline and its decision. */
export class ExtensionView {
  @IdProperty() id!: string;
  @IdProperty() ticketId!: string;
  @IdProperty() clockId!: string;
  @EnumProperty('ClockPurpose', CLOCK_PURPOSES) purpose!: string;
  @EnumProperty('ExtensionStatus', EXTENSION_STATUSES) status!: ExtensionStatus;
  @ApiProperty({ type: PersonRefView }) requester!: PersonRefView;
  @IdProperty() departmentId!: string;
  @ApiProperty() reason!: string;
  @TimeProperty({ description: 'The clock’s deadline when asked' }) originalDueAt!: string;
  @TimeProperty() requestedDueAt!: string;
  @ApiProperty({ type: 'integer', description: 'requestedDueAt − originalDueAt in minutes' }) minutes!: number;
  @TimeProperty() requestedAt!: string;
  @ApiProperty({ type: PersonRefView, nullable: true }) decidedBy!: PersonRefView | null;
  @TimeProperty({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote!: string | null;
}

export class ExtensionCountView {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) requested!: number;
  @ApiProperty({ type: 'integer' }) approved!: number;
  @ApiProperty({ type: 'integer' }) refused!: number;
  @ApiProperty({ type: 'integer', description: 'Total minutes of the approved extensions' }) approvedMinutes!: number;
}

export class ExtensionSummaryView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: ExtensionCountView, isArray: true, description: 'Per person who asked' }) byPerson!: ExtensionCountView[];
  @ApiProperty({ type: ExtensionCountView, isArray: true, description: 'Per department of the extended clock' }) byDepartment!: ExtensionCountView[];
}
