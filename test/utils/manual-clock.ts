import { Clock } from '../../src/clock/clock.js';

/** A clock tests set and move; it never advances by itself. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-28T02:00:00.000Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
