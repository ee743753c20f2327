import { Injectable } from '@nestjs/common';

/** The one source of "now". Domain code asks this, never the wall clock directly, so tests can move time. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

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
