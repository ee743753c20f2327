import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal.js';
import { AnyRole, CurrentUser } from '../auth/roles.decorator.js';
import { UuidParam } from '../common/http/uuid-param.pipe.js';
import { NotificationsService, type NotificationView } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The caller’s warning, breach and escalation notices, newest first' })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  list(@CurrentUser() user: Principal, @Query('unread') unread?: string): Promise<NotificationView[]> {
    return this.notifications.list(user.id, unread === 'true');
  }

  @Post(':id/read')
  @AnyRole()
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notice read' })
  async read(@CurrentUser() user: Principal, @Param('id', UuidParam) id: string): Promise<void> {
    await this.notifications.markRead(user.id, id);
  }
}
