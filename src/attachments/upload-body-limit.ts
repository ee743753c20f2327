import type { AttachmentPolicy } from '../config/policy.js';

/** The route option that marks the upload route, whose body may be larger than BODY_LIMIT_BYTES. */
export const UPLOAD_ROUTE = 'attachmentUpload';

/**
 * The upload route's body limit: the largest file the policy allows, in base64 (4 bytes per 3), and 64 KiB for
 * the other fields. Beyond it Fastify answers 413 before reading more; within it the service names the limit.
 */
export function uploadBodyLimit(policy: AttachmentPolicy): number {
  return Math.ceil(policy.maxBytes / 3) * 4 + 64 * 1024;
}
