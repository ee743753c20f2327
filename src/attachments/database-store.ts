import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttachmentStore } from './attachment-store.js';

/** The default store: the bytes in `attachment_content`, in the upload's own transaction, once per distinct content. */
@Injectable()
export class DatabaseAttachmentStore implements AttachmentStore {
  readonly kind = 'database' as const;

  async put(em: EntityManager, sha256: string, content: Buffer, at: Date): Promise<void> {
    // The same bytes uploaded again (another ticket, a retry) are kept once; an existing row is never changed.
    await em.query(`INSERT INTO attachment_content (sha256, content, size, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`, [
      sha256,
      content,
      content.length,
      at,
    ]);
  }

  async get(em: EntityManager, sha256: string): Promise<Buffer> {
    const [row]: { content: Buffer }[] = await em.query('SELECT content FROM attachment_content WHERE sha256 = $1', [sha256]);
    if (!row) throw new Error(`attachment content ${sha256} is missing from attachment_content`);
    return row.content;
  }
}
