import { describe, expect, it } from '@jest/globals';
import { isUUID } from 'class-validator';
import { timeOrderedId } from './time-ordered-id.js';

describe('time-ordered row ids (RFC 9562 version 7)', () => {
  it('carries the millisecond in its first 48 bits, version 7 and the RFC variant, and passes the API’s UUID checks', () => {
    const at = Date.UTC(2026, 11, 6, 23, 30, 0, 123);
    const id = timeOrderedId(new Date(at));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(isUUID(id)).toBe(true);
    expect(isUUID(id, 7)).toBe(true);
  });

  it('sorts ids of later milliseconds after earlier ones, as PostgreSQL compares uuids (bytewise)', () => {
    const start = Date.UTC(2026, 11, 6);
    const ids = Array.from({ length: 2000 }, (_, i) => timeOrderedId(new Date(start + i)));
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps 74 random bits: ids of one millisecond differ, across more than one pool of random bytes', () => {
    const at = Date.UTC(2026, 11, 6);
    const ids = Array.from({ length: 1000 }, () => timeOrderedId(new Date(at)));
    expect(new Set(ids).size).toBe(ids.length);
    // The random part is not a counter: the bits after the version are spread, not clustered at small values.
    const randA = ids.map((id) => parseInt(id.slice(15, 18), 16));
    expect(Math.max(...randA) - Math.min(...randA)).toBeGreaterThan(3000);
  });
});
