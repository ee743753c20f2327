import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ATTRIBUTIONS, DISCIPLINARY_OUTCOMES, OVERREACH_LEVELS, SCORING_RULES, VENUE_KINDS, type Attribution, type DisciplinaryOutcome, type OverreachLevel, type VenueKind } from '../scoring.types.js';
import { MONTH_PATTERN } from '../../config/statistical-month.js';

/** Up to 100 million yuan, in fen. */
const MAX_LOSS_FEN = 10_000_000_000;

export class OverreachDto {
  @ApiProperty({ enum: OVERREACH_LEVELS, description: '第十条: company leaders (一), county level (二), city level or higher (三)' }) @IsIn(OVERREACH_LEVELS) level!: OverreachLevel;
  @ApiProperty({ enum: VENUE_KINDS, description: 'company_leader for `company`; a website, authority or media outlet otherwise' }) @IsIn(VENUE_KINDS) venueKind!: VenueKind;
  @ApiProperty({ description: 'Which leader, website, authority or outlet (e.g. 12345市长热线)' }) @IsString() @IsNotEmpty() @MaxLength(100) venueName!: string;
  @ApiProperty({ description: 'When the resident went over the company’s head (ISO-8601 with offset)' }) @IsISO8601({ strict: true }) @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time zone offset' }) occurredAt!: string;
  @ApiProperty({ enum: ATTRIBUTIONS, description: 'The handling failure it is attributed to; `none` charges nothing (decision 5)' }) @IsIn(ATTRIBUTIONS) attribution!: Attribution;
  @ApiPropertyOptional({ description: 'Economic loss to the company in fen, charged in full to the responsible person' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_LOSS_FEN) economicLossFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ValidComplaintDto {
  @ApiProperty({ format: 'uuid', description: 'The employee complained about' }) @IsUUID() employeeId!: string;
  @ApiProperty({ description: 'The matter lay within the employee’s duties' }) @IsBoolean() withinDuties!: boolean;
  @ApiProperty({ description: 'The supervisor had assigned the matter to the employee' }) @IsBoolean() assignedBySupervisor!: boolean;
  @ApiProperty({ description: 'It could have been done at once' }) @IsBoolean() couldBeDoneAtOnce!: boolean;
  @ApiProperty({ enum: ['valid', 'invalid'] }) @IsIn(['valid', 'invalid']) verdict!: 'valid' | 'invalid';
  @ApiProperty({ description: 'Why' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class EntriesQuery {
  @ApiPropertyOptional({ description: 'Statistical month YYYY-MM the entries count in' }) @IsOptional() @Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: SCORING_RULES }) @IsOptional() @IsIn(SCORING_RULES) rule?: string;
  @ApiPropertyOptional({ default: 500, maximum: 2000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2000) limit?: number;
}

export class ReverseDto {
  @ApiProperty({ description: 'The decision on appeal' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class DisciplinaryOutcomeDto {
  @ApiProperty({ enum: DISCIPLINARY_OUTCOMES, description: '记过 demerit, 降薪 pay_cut, 降级 demotion, 辞退 dismissal, or none' }) @IsIn(DISCIPLINARY_OUTCOMES) outcome!: DisciplinaryOutcome;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
