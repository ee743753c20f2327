import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiEndpoint, EnumProperty, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { CHANNEL_KINDS } from '../config/policy.js';
import { Roles } from '../org/roles.decorator.js';
import { ChannelDeadLetters } from './channel-dead-letters.js';

/** A notice given up after the policy's attempts. */
export class ChannelDeadLetterView {
  @ApiProperty({ example: '42' }) id!: string;
  @IdProperty() eventId!: string;
  @ApiProperty({ example: 'sla.breached' }) eventName!: string;
  @IdProperty({ nullable: true }) ticketId!: string | null;
  @ApiProperty({ example: 'ops-webhook' }) endpoint!: string;
  @EnumProperty('ChannelKind', CHANNEL_KINDS) channel!: string;
  @ApiProperty({ example: 6 }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: 'HTTP 503' }) lastError!: string | null;
  @TimeProperty() createdAt!: string;
  @TimeProperty() lastAttemptAt!: string;
}

export class ChannelDeadLetterListView {
  @ApiProperty({ type: ChannelDeadLetterView, isArray: true, description: 'Newest first, at most 200' }) items!: ChannelDeadLetterView[];
}

@ApiTags('admin')
@Controller('admin/channel-dead-letters')
export class ChannelDeadLettersController {
  constructor(private readonly deadLetters: ChannelDeadLetters) {}

  @Get()
  @Roles('admin')
  @ApiEndpoint('Outgoing-channel notices given up after the policy’s attempts (dead letters), newest first', { ok: ChannelDeadLetterListView })
  list(): Promise<ChannelDeadLetterListView> {
    return this.deadLetters.list();
  }
}
