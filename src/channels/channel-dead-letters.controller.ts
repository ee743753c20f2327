import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiEndpoint, EnumProperty, IdProperty, TimeProperty } from '../common/http/api-docs.js';
import { CHANNEL_KINDS } from '../config/policy.js';
import { Roles } from '../org/roles.decorator.js';

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
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('admin')
  @ApiEndpoint('Outgoing-channel notices given up after the policy’s attempts (dead letters), newest first', { ok: ChannelDeadLetterListView })
  async list(): Promise<ChannelDeadLetterListView> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT d.id, d.event_id, d.event_name, d.ticket_id, d.endpoint, d.channel, d.attempts, d.last_error, d.created_at,
              (SELECT max(a.at) FROM channel_attempt a WHERE a.delivery_id = d.id) AS last_attempt_at
         FROM channel_delivery d WHERE d.status = 'dead' ORDER BY d.id DESC LIMIT 200`,
    );
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        eventId: String(r.event_id),
        eventName: String(r.event_name),
        ticketId: (r.ticket_id as string | null) ?? null,
        endpoint: String(r.endpoint),
        channel: String(r.channel),
        attempts: Number(r.attempts),
        lastError: (r.last_error as string | null) ?? null,
        createdAt: new Date(r.created_at as string).toISOString(),
        lastAttemptAt: new Date((r.last_attempt_at ?? r.created_at) as string).toISOString(),
      })),
    };
  }
}
