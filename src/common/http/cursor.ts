import { invalidInput } from '../errors/domain-error.js';

/**
 * A keyset cursor: the sort time and id of a page's last row, opaque to clients (base64url JSON).
 * Pages follow `(time, id) < (cursor time, cursor id)`, newest first, so rows added meanwhile never shift a page.
 */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return [at, id];
  } catch {
    throw invalidInput('cursor', 'not a cursor from a previous page');
  }
}

/** One page of `limit` rows from `limit + 1` read: the rows and the cursor of the next page, null at the end. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
}
