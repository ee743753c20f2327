import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, SEVERITIES, STATUSES } from '../ticket.types.js';

export class ListTicketsQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() handlerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() firstResponderId?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: string;
  @ApiPropertyOptional({ enum: ['received', 'handling'], description: '`received`: tickets I took as first responder (跟清楚); `handling`: tickets I handle now' })
  @IsOptional() @IsIn(['received', 'handling'])
  mine?: 'received' | 'handling';
  @ApiPropertyOptional({ description: 'Received at or after (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) receivedFrom?: string;
  @ApiPropertyOptional({ description: 'Received before (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) receivedTo?: string;
  @ApiPropertyOptional({ description: 'Text in the summary, requests, reference, name or address (Chinese works)' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ description: 'From a previous page' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
