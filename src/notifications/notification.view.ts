import { ApiProperty } from '@nestjs/swagger';
import { CursorField, EnumQuery, IdProperty, LimitField, NextCursorProperty, TimeProperty } from '../common/http/api-docs.js';

export class NotificationsQuery {
  @EnumQuery('BooleanFlag', ['true', 'false'], '`true`: unread notices only') unread?: 'true' | 'false';
  @CursorField() cursor?: string;
  @LimitField(50, 200) limit?: number;
}

/** An in-app notice: a warning, breach or escalation of a ticket's clock. */
export class NotificationView {
  @IdProperty() id!: string;
  @IdProperty({ nullable: true }) ticketId!: string | null;
  @ApiProperty({ description: 'What it is about, e.g. `sla.warning`, `sla.breached`, `sla.escalated`' }) kind!: string;
  @ApiProperty({ example: '24小时答复已超时' }) title!: string;
  @ApiProperty({ example: '截止时间 2026/11/3 10:00:00' }) body!: string;
  @TimeProperty() createdAt!: string;
  @TimeProperty({ nullable: true }) readAt!: string | null;
}

export class NotificationPageView {
  @ApiProperty({ type: NotificationView, isArray: true, description: 'Newest first' }) items!: NotificationView[];
  @NextCursorProperty() nextCursor!: string | null;
}
