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
