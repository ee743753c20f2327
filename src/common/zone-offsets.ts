import { IANAZone } from 'luxon';

/**
 * Luxon works out an IANA zone's UTC offset with `Intl.DateTimeFormat#formatToParts` on every call (a few µs), and
 * one intake calls it dozens of times: SLA deadline arithmetic, due-time texts, the day of the reference (the
 * intake profile in docs/benchmarks.md: luxon was 4.5 % of the app's time). An offset only changes at the zone's
 * transitions, so this keeps it per zone and quarter hour of UTC: a quarter hour whose first and last millisecond
 * share an offset has no transition inside (none comes back within minutes) and is kept; one with a transition
 * inside is worked out afresh on every call, as before. Installed once for the process, for every IANAZone.
 */
const QUARTER_HOUR = 15 * 60_000;
/** Quarter hours kept per zone before the memo starts over (a month and a half of them). */
const MAX_KEPT = 4096;

const kept = new WeakMap<IANAZone, Map<number, number>>();
let installed = false;

export function memoiseZoneOffsets(): void {
  if (installed) return;
  installed = true;
  const compute = IANAZone.prototype.offset;
  IANAZone.prototype.offset = function offset(this: IANAZone, ts: number): number {
    if (!Number.isFinite(ts)) return compute.call(this, ts);
    const quarter = Math.floor(ts / QUARTER_HOUR);
    let offsets = kept.get(this);
    const known = offsets?.get(quarter);
    if (known !== undefined) return known;
    const first = compute.call(this, quarter * QUARTER_HOUR);
    const last = compute.call(this, quarter * QUARTER_HOUR + QUARTER_HOUR - 1);
    if (first !== last || Number.isNaN(first)) return compute.call(this, ts);
    if (!offsets) kept.set(this, (offsets = new Map()));
    if (offsets.size >= MAX_KEPT) offsets.clear();
    offsets.set(quarter, first);
    return first;
  };
}
