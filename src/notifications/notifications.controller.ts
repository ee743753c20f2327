import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../org/principal.js';
import { AnyRole, CurrentUser } from '../org/roles.decorator.js';
import { ApiEndpoint, ApiErrors } from '../common/http/api-docs.js';
import { IdParam } from '../common/http/uuid-param.pipe.js';
import { NotificationPageView, NotificationsQuery } from './notification.view.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @AnyRole()
  @ApiEndpoint('The caller’s warning, breach and escalation notices, newest first, in cursor pages', { ok: NotificationPageView, errors: [400] })
  list(@CurrentUser() user: Principal, @Query() q: NotificationsQuery): Promise<NotificationPageView> {
    return this.notifications.list(user.id, { unreadOnly: q.unread === 'true', cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Post(':id/read')
  @AnyRole()
  @HttpCode(204)
  @ApiEndpoint('Mark a notice read')
  @ApiNoContentResponse({ description: 'Marked read' })
  @ApiErrors(404)
  async read(@CurrentUser() user: Principal, @IdParam() id: string): Promise<void> {
    await this.notifications.markRead(user.id, id);
  }
}
