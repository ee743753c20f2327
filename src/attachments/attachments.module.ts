import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ATTACHMENT_STORE } from './attachment-store.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';
import { DatabaseAttachmentStore } from './database-store.js';

@Module({
  imports: [TicketsModule, FollowUpsModule, OrgModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, { provide: ATTACHMENT_STORE, useClass: DatabaseAttachmentStore }],
})
export class AttachmentsModule {}
