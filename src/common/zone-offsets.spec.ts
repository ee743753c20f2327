import { describe, expect, it } from '@jest/globals';
import { DateTime, IANAZone } from 'luxon';
import { memoiseZoneOffsets } from './zone-offsets.js';

const formats = new Map<string, Intl.DateTimeFormat>();
/** The offset as Intl tells it, independently of luxon: local wall time read back as UTC, minus the instant. */
function intlOffset(zone: string, ts: number): number {
  let format = formats.get(zone);
  if (!format) {
    const fields = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    formats.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', ...fields })));
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ts)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return (local - Math.floor(ts / 1000) * 1000) / 60_000;
}

describe('memoised zone offsets (luxon IANAZone)', () => {
  memoiseZoneOffsets();
  const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];

  it('gives Intl’s offset around every transition of 2026, to the second, in zones with DST, half and three-quarter hours', () => {
    for (const zone of zones) {
      const z = IANAZone.create(zone);
      // Every hour of 2026; around a change, every second of the two minutes either side of it and every
      // minute of its hour, twice (the second time from the memo).
      const STEP = 3600_000;
      const same = (ts: number) => {
        if (z.offset(ts) !== intlOffset(zone, ts)) expect([zone, ts, z.offset(ts)]).toEqual([zone, ts, intlOffset(zone, ts)]);
      };
      let before = intlOffset(zone, Date.UTC(2026, 0, 1));
      for (let ts = Date.UTC(2026, 0, 1); ts < Date.UTC(2027, 0, 1); ts += STEP) {
        const after = intlOffset(zone, ts + STEP);
        if (z.offset(ts) !== before) expect([zone, ts, z.offset(ts)]).toEqual([zone, ts, before]);
        if (before !== after) {
          let [lo, hi] = [ts, ts + STEP]; // the change lies in (lo, hi]
          while (hi - lo > 1000) {
            const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
            if (intlOffset(zone, mid) === before) lo = mid;
            else hi = mid;
          }
          for (const _pass of [1, 2]) {
            for (let s = hi - 120_000; s <= hi + 120_000; s += 1000) same(s);
            for (let s = ts; s <= ts + STEP; s += 60_000) same(s);
          }
        }
        before = after;
      }
    }
  });

  it('keeps luxon’s local times right across a DST change (New York, 2026-03-08 02:00 → 03:00)', () => {
    const before = DateTime.fromISO('2026-03-08T01:59:00', { zone: 'America/New_York' });
    expect(before.plus({ minutes: 1 }).toISO()).toBe('2026-03-08T03:00:00.000-04:00');
    expect(DateTime.fromISO('2026-11-02T10:00:00', { zone: 'Asia/Shanghai' }).toUTC().toISO()).toBe('2026-11-02T02:00:00.000Z');
  });
});
