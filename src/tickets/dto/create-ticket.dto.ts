import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CHANNELS, DISPOSITIONS, SEVERITIES, type Channel, type Disposition, type Severity } from '../ticket.types.js';

export class AddressDto {
  @ApiProperty({ description: 'Community (小区)', example: '阳光花园' }) @IsString() @IsNotEmpty() @MaxLength(60) community!: string;
  @ApiPropertyOptional({ description: 'Building (楼栋)', example: '3' }) @IsOptional() @IsString() @MaxLength(30) building?: string;
  @ApiPropertyOptional({ description: 'Unit (单元)', example: '2' }) @IsOptional() @IsString() @MaxLength(30) unit?: string;
  @ApiPropertyOptional({ description: 'Room (房号)', example: '501' }) @IsOptional() @IsString() @MaxLength(30) room?: string;
}

export class ComplainantDto {
  @ApiProperty({ description: 'Name as given (张先生 is fine)', example: '张先生' }) @IsString() @IsNotEmpty() @MaxLength(60) name!: string;
  @ApiProperty({ description: 'Mainland mobile or landline with area code; stored normalised', example: '13812345678' })
  @IsString() @IsNotEmpty() @MaxLength(30)
  phone!: string;
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}

export class ReferralDto {
  @ApiProperty({ description: 'The responsible unit the matter belongs to (告知责任归属单位)', example: '市供电公司' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  unit!: string;
  @ApiProperty({ description: 'The resident asked for a written reply (要求书面答复)' }) @IsBoolean() writtenReplyRequested!: boolean;
}

export class NotReacceptedDto {
  @ApiProperty({ description: 'The earlier (closed) ticket about the same matter', format: 'uuid' }) @IsUUID() earlierTicketId!: string;
  @ApiProperty({ description: 'Why it is not accepted again' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CreateTicketDto {
  @ApiProperty({ enum: CHANNELS, description: 'How it reached us; `referral` is from an authority or 12345' }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: ComplainantDto }) @ValidateNested() @Type(() => ComplainantDto) complainant!: ComplainantDto;
  @ApiProperty({ description: 'The complaint as heard (听清楚)', example: '楼道灯坏了一周' }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiProperty({ description: 'What the resident asks for (主要诉求)', example: '尽快修好' }) @IsString() @IsNotEmpty() @MaxLength(2000) requests!: string;
  @ApiProperty({ description: 'Category from the policy; it routes the ticket to a department', example: '报修' })
  @IsString() @IsNotEmpty() @MaxLength(40)
  category!: string;
  @ApiProperty({ enum: SEVERITIES, default: 'general' }) @IsIn(SEVERITIES) severity: Severity = 'general';
  @ApiProperty({ enum: DISPOSITIONS, description: 'Part 1 二.4 disposition at intake' }) @IsIn(DISPOSITIONS) disposition!: Disposition;

  @ApiPropertyOptional({ type: ReferralDto, description: 'Required when disposition is referred_out' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'referred_out' || o.referral !== undefined)
  @ValidateNested() @Type(() => ReferralDto) @IsNotEmpty({ message: 'referral is required when disposition is referred_out' })
  referral?: ReferralDto;

  @ApiPropertyOptional({ type: NotReacceptedDto, description: 'Required when disposition is not_reaccepted' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'not_reaccepted' || o.notReaccepted !== undefined)
  @ValidateNested() @Type(() => NotReacceptedDto) @IsNotEmpty({ message: 'notReaccepted is required when disposition is not_reaccepted' })
  notReaccepted?: NotReacceptedDto;

  @ApiPropertyOptional({ description: 'Required when disposition is appointment (约谈): ISO-8601 with offset' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'appointment' || o.appointmentAt !== undefined)
  @IsISO8601({ strict: true }, { message: 'appointmentAt must be an ISO-8601 date-time (required for an appointment)' })
  appointmentAt?: string;

  @ApiPropertyOptional({ description: 'Required when disposition is on_the_spot: the answer given at once' })
  @ValidateIf((o: CreateTicketDto) => o.disposition === 'on_the_spot' || o.onTheSpotAnswer !== undefined)
  @IsString() @IsNotEmpty({ message: 'onTheSpotAnswer is required when disposition is on_the_spot' }) @MaxLength(4000)
  onTheSpotAnswer?: string;

  @ApiPropertyOptional({ description: 'When it actually arrived, for complaints registered later: never in the future, at most the policy span back' })
  @IsOptional() @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({ description: 'The responsible person, when the first responder can name one (a member of the routed department)', format: 'uuid' })
  @IsOptional() @IsUUID()
  handlerId?: string;

  @ApiPropertyOptional({ description: 'An earlier ticket about the same matter: an open one makes this a repeat contact', format: 'uuid' })
  @IsOptional() @IsUUID()
  relatedTicketId?: string;
}
