import type { ResidentPolicy } from '../config/policy.js';

/** The route option that marks the online filing route, whose body carries photos in base64. */
export const RESIDENT_FILING_ROUTE = 'residentFiling';

/** The filing's body limit: every photo the policy allows at its largest, in base64, and 64 KiB for the form. Beyond it, 413. */
export function residentFilingBodyLimit(policy: ResidentPolicy): number {
  return policy.maxPhotos * Math.ceil(policy.maxPhotoBytes / 3) * 4 + 64 * 1024;
}
