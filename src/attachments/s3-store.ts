import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EntityManager } from 'typeorm';
import type { AttachmentStoreConfig } from '../config/app-config.js';
import type { AttachmentStore } from './attachment-store.js';

/**
 * The bytes in an S3-compatible bucket (ATTACHMENT_STORE=s3), one object per content at `attachments/<sha256>`.
 * The facts stay rows in PostgreSQL. Checksums only where the service requires them: S3-compatible services
 * (MinIO, Ceph, OSS, COS) differ in which of the newer checksum headers they know.
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: Extract<AttachmentStoreConfig, { kind: 's3' }>) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  /** Written before the upload's rows commit: an object whose upload then rolls back is reused by the next with the same bytes. */
  async put(_em: EntityManager, sha256: string, content: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key(sha256), Body: content, ContentLength: content.length, ContentType: 'application/octet-stream' }),
    );
  }

  async get(_em: EntityManager, sha256: string): Promise<Buffer> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key(sha256) }));
    if (!answer.Body) throw new Error(`attachment object ${key(sha256)} has no body`);
    return Buffer.from(await answer.Body.transformToByteArray());
  }

  close(): void {
    this.client.destroy();
  }
}

const key = (sha256: string) => `attachments/${sha256}`;
