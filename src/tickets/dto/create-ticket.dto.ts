import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EnumProperty } from '../../common/http/api-docs.js';
import {
  CHANNELS,
  DISPOSITIONS,
  INTAKE_CLEARS,
  SEVERITIES,
  TICKET_KINDS,
  type Channel,
  type Disposition,
  type IntakeClear,
  type Severity,
  type TicketKind,
} from '../ticket.types.js';

export class AddressDto {
  @ApiPropertyOptional({
    description:
      'A place of the register (GET /places): a room, unit, building or community. The address then takes its levels from the register, and the finer ones the place does not have (a room not registered yet in a registered building) from the text fields; without it they are all free text',
    format: 'uuid',
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @IsOptional()
  @IsUUID()
  placeId?: string;
  @ApiPropertyOptional({ description: 'Community (小区): required without placeId', example: '阳光花园' })
  @ValidateIf((o: AddressDto) => !o.placeId || o.community !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  community?: string;
  @ApiPropertyOptional({ description: 'Building (楼栋)', example: '3' }) @IsOptional() @IsString() @MaxLength(30) building?: string;
  @ApiPropertyOptional({ description: 'Unit (单元)', example: '2' }) @IsOptional() @IsString() @MaxLength(30) unit?: string;
  @ApiPropertyOptional({ description: 'Room (房号)', example: '501' }) @IsOptional() @IsString() @MaxLength(30) room?: string;
}

export class ComplainantDto {
  @ApiProperty({ description: 'Name as given (张先生 is fine)', example: '张先生' }) @IsString() @IsNotEmpty() @MaxLength(60) name!: string;
  @ApiProperty({ description: 'Mainland mobile or landline with area code; stored normalised', example: '13812345678' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  phone!: string;
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}

export class ReferralDto {
  @ApiProperty({ description: 'The responsible unit the matter belongs to (告知责任归属单位)', example: '市供电公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unit!: string;
  @ApiProperty({ description: 'The resident asked for a written reply (要求书面答复)', example: true }) @IsBoolean() writtenReplyRequested!: boolean;
}

export class NotReacceptedDto {
  @ApiProperty({ description: 'The earlier (closed) ticket about the same matter', example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a' })
  @IsUUID()
  earlierTicketId!: string;
  @ApiProperty({ description: 'Why it is not accepted again', example: '已于上月处理完毕并经业主确认' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export const MATCH_CHOICES = ['same', 'new'] as const;
export type MatchChoice = (typeof MATCH_CHOICES)[number];

/**
 * 第六条, 第九条: the clerk's answer to "is this the matter you called about before?" when the caller has open
 * tickets (GET /intake/matches, or the 409 of an intake without a choice, lists them).
 */
export class MatchChoiceDto {
  @EnumProperty('MatchChoice', MATCH_CHOICES, {
    description: '`same`: the caller’s open matter again (a repeat contact on it); `new`: another matter, its own ticket and clock',
    example: 'new',
  })
  @IsIn(MATCH_CHOICES)
  choice!: MatchChoice;
  @ApiPropertyOptional({ description: 'Required with `same`: the reference of the open ticket, as the match listed it', example: 'TS-20261128-0007' })
  @ValidateIf((o: MatchChoiceDto) => o.choice === 'same' || o.reference !== undefined)
  @IsString()
  @Matches(/^[A-Z]{1,6}-\d{8}-\d{4,}$/, { message: 'match.reference must be a ticket reference such as TS-20261128-0007 (required with choice same)' })
  @MaxLength(40)
  reference?: string;
}

export class CreateTicketDto {
  @EnumProperty('TicketKind', TICKET_KINDS, {
    description:
      '第三条: a complaint (投诉), a suggestion (建议) or an enquiry (咨询); each has its own clock span, and only complaints feed overreach scoring',
    default: 'complaint',
    example: 'complaint',
    required: false,
  })
  @IsOptional()
  @IsIn(TICKET_KINDS)
  kind: TicketKind = 'complaint';
  @EnumProperty('Channel', CHANNELS, { description: 'How it reached us; `referral` is from an authority or 12345', example: 'phone' })
  @IsIn(CHANNELS)
  channel!: Channel;
  @ApiProperty({ type: ComplainantDto }) @ValidateNested() @Type(() => ComplainantDto) complainant!: ComplainantDto;
  @ApiProperty({ description: 'The complaint as heard (听清楚)', example: '楼道灯坏了一周' }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiProperty({ description: 'What the resident asks for (主要诉求)', example: '尽快修好' }) @IsString() @IsNotEmpty() @MaxLength(2000) requests!: string;
  @ApiProperty({ description: 'Category from the policy; it routes the ticket to a department', example: '报修' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  category!: string;
  @EnumProperty('Severity', SEVERITIES, { default: 'general', example: 'general' }) @IsIn(SEVERITIES) severity: Severity = 'general';
  @EnumProperty('Disposition', DISPOSITIONS, { description: '第一篇 二.4: the disposition at intake', example: 'accepted' })
  @IsIn(DISPOSITIONS)
  disposition!: Disposition;

  @ApiPropertyOptional({ type: ReferralDto, description: 'Required when disposition is referred_out' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'referred_out' || o.referral !== undefined)
  @ValidateNested()
  @Type(() => ReferralDto)
  @IsNotEmpty({ message: 'referral is required when disposition is referred_out' })
  referral?: ReferralDto;

  @ApiPropertyOptional({ type: NotReacceptedDto, description: 'Required when disposition is not_reaccepted' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'not_reaccepted' || o.notReaccepted !== undefined)
  @ValidateNested()
  @Type(() => NotReacceptedDto)
  @IsNotEmpty({ message: 'notReaccepted is required when disposition is not_reaccepted' })
  notReaccepted?: NotReacceptedDto;

  @ApiPropertyOptional({ description: 'Required when disposition is appointment (约谈): ISO-8601 with offset', example: '2026-11-29T10:00:00+08:00' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'appointment' || o.appointmentAt !== undefined)
  @IsISO8601({ strict: true }, { message: 'appointmentAt must be an ISO-8601 date-time (required for an appointment)' })
  @MaxLength(40)
  appointmentAt?: string;

  @ApiPropertyOptional({ description: 'Required when disposition is on_the_spot: the answer given at once', example: '已告知物业费缴纳方式' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'on_the_spot' || o.onTheSpotAnswer !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'onTheSpotAnswer is required when disposition is on_the_spot' })
  @MaxLength(4000)
  onTheSpotAnswer?: string;

  @ApiPropertyOptional({
    description: 'When it actually arrived, for complaints registered later: never in the future, at most the policy span back',
    example: '2026-11-28T09:30:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  receivedAt?: string;

  @ApiPropertyOptional({
    description: 'The responsible person, when the first responder can name one (a member of the routed department)',
    example: '5b1d0c3e-2a4f-4e8b-9c7d-1f2e3a4b5c6d',
  })
  @IsOptional()
  @IsUUID()
  handlerId?: string;

  @ApiPropertyOptional({
    description: 'An earlier ticket about the same matter: an open one makes this a repeat contact',
    example: '3f0c8a52-8f3e-4c36-9a43-5b0f6c1d2e7a',
  })
  @IsOptional()
  @IsUUID()
  relatedTicketId?: string;

  @ApiPropertyOptional({
    type: MatchChoiceDto,
    description:
      'Same matter or new matter. Required when the caller has open tickets of this category (same phone): without it such an intake records nothing and answers 409 with the matches',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchChoiceDto)
  match?: MatchChoiceDto;

  @EnumProperty('IntakeClear', INTAKE_CLEARS, {
    isArray: true,
    required: false,
    description:
      '第七条 听清楚 (listen: heard the complaint out) and 问清楚 (ask: checked the facts and what the resident asks for), confirmed by the first responder while recording: ticked on an accepted complaint with this intake record as the evidence',
    example: ['listen', 'ask'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(INTAKE_CLEARS, { each: true })
  confirmedClears?: IntakeClear[];
}
