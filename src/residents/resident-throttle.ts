import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { throttleKey } from '../auth/client-address.js';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import { metricsRegistry } from '../common/metrics.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';

const throttled = new Counter({
  name: 'complaint_desk_resident_throttled_total',
  help: 'Requests to the residents’ page refused (429), by the limit that refused them',
  labelNames: ['limit'] as const,
  registers: [metricsRegistry],
});

/** Rows of past windows deleted per counted request: the table's size follows the traffic, never grows without end. */
const PURGE_BATCH = 100;

class Refused {
  constructor(readonly limit: string) {}
}

/**
 * Rate limits of the residents' page, counted like sign-ins (src/auth/sign-in-throttle.ts): one upsert per
 * request bumps its buckets of the current window in PostgreSQL, so every instance counts together; a
 * refused request is rolled back and counts nowhere. Phones are counted by their hash, never stored.
 */
@Injectable()
export class ResidentThrottle {
  private readonly logger = new Logger(ResidentThrottle.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** A filing: per client address and per contact phone. */
  filing(address: string, phone: string): Promise<void> {
    const limits = this.policy.resident.throttle;
    const phoneHash = createHash('sha256').update(phone).digest('hex').slice(0, 32);
    return this.count([
      { bucket: `fa:${throttleKey(address)}`, limit: limits.perAddress, name: 'filing_address' },
      { bucket: `fp:${phoneHash}`, limit: limits.perPhone, name: 'filing_phone' },
    ]);
  }

  /** A tracking-page read or a rating: per client address, so guessing tokens runs out long before a hit. */
  tracking(address: string): Promise<void> {
    return this.count([{ bucket: `ta:${throttleKey(address)}`, limit: this.policy.resident.throttle.trackPerAddress, name: 'tracking_address' }]);
  }

  /** The page's place type-ahead: per client address, so the register cannot be walked cheaply. */
  typeAhead(address: string): Promise<void> {
    return this.count([{ bucket: `pa:${throttleKey(address)}`, limit: this.policy.resident.throttle.trackPerAddress, name: 'places_address' }]);
  }

  private async count(buckets: Array<{ bucket: string; limit: number; name: string }>): Promise<void> {
    const now = this.clock.now();
    const span = this.policy.resident.throttle.windowMinutes * 60_000;
    const windowStart = new Date(Math.floor(now.getTime() / span) * span);
    const windowEnd = new Date(windowStart.getTime() + span);
    try {
      await this.db.transaction(async (em) => {
        // Sorted, so two requests lock their shared rows in the same order and never deadlock.
        const rows: { bucket: string; attempts: number }[] = await em.query(
          `INSERT INTO resident_throttle (bucket, window_start, window_end, attempts)
           SELECT b, $2, $3, 1 FROM unnest($1::text[]) AS b ORDER BY b
           ON CONFLICT (bucket, window_start) DO UPDATE SET attempts = resident_throttle.attempts + 1
           RETURNING bucket, attempts`,
          [buckets.map((b) => b.bucket), windowStart, windowEnd],
        );
        const count = new Map(rows.map((r) => [r.bucket, r.attempts]));
        for (const b of buckets) if (count.get(b.bucket)! > b.limit) throw new Refused(b.name);
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      throttled.inc({ limit: error.limit });
      const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000));
      this.logger.warn({ limit: error.limit, retryAfterSeconds }, 'residents’ page throttled');
      throw new DomainError(
        DomainErrorCode.Throttled,
        `too many requests; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
        { retryAfterSeconds },
        retryAfterSeconds,
      );
    }
    await this.db.query(
      `DELETE FROM resident_throttle WHERE ctid = ANY(ARRAY(SELECT ctid FROM resident_throttle WHERE window_end <= $1 LIMIT ${PURGE_BATCH}))`,
      [now],
    );
  }
}
