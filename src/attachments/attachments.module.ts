import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FollowUpsModule } from '../follow-ups/follow-ups.module.js';
import { OrgModule } from '../org/org.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';
import { DatabaseAttachmentStore } from './database-store.js';
import { S3AttachmentStore } from './s3-store.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ATTACHMENTS_ENTITIES } from './attachments.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(ATTACHMENTS_ENTITIES), TicketsModule, FollowUpsModule, OrgModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    {
      // ATTACHMENT_STORE: PostgreSQL (default) or an S3-compatible bucket.
      provide: ATTACHMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): AttachmentStore =>
        config.attachmentStore.kind === 's3' ? new S3AttachmentStore(config.attachmentStore) : new DatabaseAttachmentStore(),
    },
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule implements OnApplicationShutdown {
  constructor(@Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore) {}

  onApplicationShutdown(): void {
    if (this.store instanceof S3AttachmentStore) this.store.close();
  }
}
