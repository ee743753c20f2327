import type { AttachmentType } from '../config/policy.js';

export interface AttachmentEventMap {
  /** 第一篇 二.3: a file was attached to the ticket (its name stays out: it may hold a resident's data). */
  'attachment.added': { attachmentId: string; contentType: AttachmentType; size: number; replyId: string | null; followUpId: string | null };
}

declare module '../events/domain-event.js' {
  interface DomainEventMap extends AttachmentEventMap {}
}
