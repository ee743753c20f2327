import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EnumProperty, EnumQuery, LimitField, MonthField } from '../../common/http/api-docs.js';
import {
  ATTRIBUTIONS,
  DISCIPLINARY_OUTCOMES,
  OVERREACH_LEVELS,
  SCORING_RULES,
  VENUE_KINDS,
  type Attribution,
  type DisciplinaryOutcome,
  type OverreachLevel,
  type VenueKind,
} from '../scoring.types.js';

/** Up to 100 million yuan, in fen. */
const MAX_LOSS_FEN = 10_000_000_000;

export class OverreachDto {
  @EnumProperty('OverreachLevel', OVERREACH_LEVELS, {
    description: '第十条: company leaders (一), county level (二), city level or higher (三)',
    example: 'county',
  })
  @IsIn(OVERREACH_LEVELS)
  level!: OverreachLevel;
  @EnumProperty('VenueKind', VENUE_KINDS, { description: 'company_leader for `company`; a website, authority or media outlet otherwise', example: 'website' })
  @IsIn(VENUE_KINDS)
  venueKind!: VenueKind;
  @ApiProperty({ description: 'Which leader, website, authority or outlet (e.g. 12345市长热线)', example: '禹州市12345政务服务热线' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  venueName!: string;
  @ApiProperty({ description: 'When the resident went over the company’s head (ISO-8601 with offset)', example: '2026-11-28T15:00:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time zone offset' })
  @MaxLength(40)
  occurredAt!: string;
  @EnumProperty('Attribution', ATTRIBUTIONS, {
    description: 'The handling failure it is attributed to; `none` charges nothing (DESIGN decision 5)',
    example: 'slow',
  })
  @IsIn(ATTRIBUTIONS)
  attribution!: Attribution;
  @ApiPropertyOptional({ description: 'Economic loss to the company in fen, charged in full to the responsible person', example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_LOSS_FEN)
  economicLossFen?: number;
  @ApiPropertyOptional({ example: '业主因维修拖延投诉至12345' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ValidComplaintDto {
  @ApiProperty({ description: 'The employee complained about', example: '5b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d' }) @IsUUID() employeeId!: string;
  @ApiProperty({ description: 'The matter lay within the employee’s duties', example: true }) @IsBoolean() withinDuties!: boolean;
  @ApiProperty({ description: 'The supervisor had assigned the matter to the employee', example: true }) @IsBoolean() assignedBySupervisor!: boolean;
  @ApiProperty({ description: 'It could have been done at once', example: true }) @IsBoolean() couldBeDoneAtOnce!: boolean;
  @EnumProperty('ValidComplaintVerdict', ['valid', 'invalid'], { example: 'valid' }) @IsIn(['valid', 'invalid']) verdict!: 'valid' | 'invalid';
  @ApiProperty({ description: 'Why', example: '属本人职责且可当场处理，未处理' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class EntriesQuery {
  @MonthField({ required: false, description: 'Statistical month YYYY-MM the entries count in' }) month?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
  @EnumQuery('ScoringRule', SCORING_RULES) rule?: string;
  @LimitField(500, 2000) limit?: number;
}

export class ReverseDto {
  @ApiProperty({ description: 'The decision on appeal', example: '复核认定超时系系统停电所致，撤销扣分' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class DisciplinaryOutcomeDto {
  @EnumProperty('DisciplinaryOutcome', DISCIPLINARY_OUTCOMES, {
    description: '记过 demerit, 降薪 pay_cut, 降级 demotion, 辞退 dismissal, or none',
    example: 'demerit',
  })
  @IsIn(DISCIPLINARY_OUTCOMES)
  outcome!: DisciplinaryOutcome;
  @ApiPropertyOptional({ example: '经公司研究，给予记过处分' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
