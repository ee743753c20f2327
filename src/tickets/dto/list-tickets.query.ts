import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorField, EnumQuery, LimitField } from '../../common/http/api-docs.js';
import { CHANNELS, SEVERITIES, STATUSES, TICKET_KINDS } from '../ticket.types.js';

export class ListTicketsQuery {
  @EnumQuery('TicketStatus', STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() handlerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() firstResponderId?: string;
  @EnumQuery('Channel', CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) category?: string;
  @EnumQuery('Severity', SEVERITIES) severity?: string;
  @EnumQuery('TicketKind', TICKET_KINDS, '第三条: complaints, suggestions or enquiries') kind?: string;
  @EnumQuery('MineFilter', ['received', 'handling'], '`received`: tickets I took as first responder (跟清楚); `handling`: tickets I handle now')
  mine?: 'received' | 'handling';
  @ApiPropertyOptional({ description: 'Received at or after (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) @MaxLength(40) receivedFrom?: string;
  @ApiPropertyOptional({ description: 'Received before (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) @MaxLength(40) receivedTo?: string;
  @ApiPropertyOptional({ description: 'Text in the summary, requests, reference, name or address (Chinese works)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @CursorField() cursor?: string;
  @LimitField(50, 200) limit?: number;
}
