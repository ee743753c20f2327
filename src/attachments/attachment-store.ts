import type { EntityManager } from 'typeorm';
import type { StoreKind } from './attachment.entity.js';

/**
 * Where attachment bytes are kept, named by their SHA-256. The upload's facts are always rows in PostgreSQL;
 * only the bytes move. `put` runs inside the upload's transaction (a store outside the database writes first:
 * content-addressed, an object left by a rolled-back upload is harmless and reused by the next).
 */
export interface AttachmentStore {
  readonly kind: StoreKind;
  put(em: EntityManager, sha256: string, content: Buffer, at: Date): Promise<void>;
  get(em: EntityManager, sha256: string): Promise<Buffer>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');
