import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one call to the system's generator serves 256 ids. */
const pool = Buffer.alloc(4096);
let used = pool.length;

/**
 * A new row id for the tables intake writes at every ticket: an RFC 9562 version 7 UUID, 48 bits of milliseconds
 * then 74 random bits. Ids taken close in time sort close together, so each index keyed by one (the ticket's, the
 * clocks', the events', and every index that leads with a ticket id) grows at its right edge instead of
 * touching a random page: at a million tickets those pages are no longer in shared buffers, and each one dirtied
 * after a checkpoint is written whole to the WAL. The time bits are `at`, the injected clock's now: they place the
 * row in the index and nothing reads them as a time. 74 random bits keep an id unguessable.
 */
export function timeOrderedId(at: Date): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = pool.subarray(used, (used += 16));
  b.writeUIntBE(at.getTime(), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70; // version 7
  b[8] = (b[8] & 0x3f) | 0x80; // the RFC 9562 variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
