import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { metricsRegistry } from '../common/metrics.js';
import { throttleKey } from './client-address.js';

const throttled = new Counter({
  name: 'complaint_desk_auth_sign_ins_throttled_total',
  help: 'Sign-ins refused (429) before their password was checked, by the limit that refused them',
  labelNames: ['limit'] as const,
  registers: [metricsRegistry],
});

/** Rows of past windows deleted per failed sign-in: the table's size follows the attacks, never grows without end. */
const PURGE_BATCH = 100;

type Limit = 'address' | 'username_and_address' | 'username_under_attack';

/** One sign-in attempt, counted in its window's buckets while its password is checked. */
export interface SignInAttempt {
  username: string;
  address: string;
  buckets: { address: string; username: string; pair: string };
  windowStart: Date;
}

class Refused {
  constructor(readonly limit: Limit) {}
}

/**
 * Sign-in throttling (README "Sign-in throttling"). Each attempt is counted before its password is
 * checked, in one statement that bumps three buckets of the current window: the client address, the
 * username, and the two together. The statement runs in a transaction that is rolled back when a limit is
 * passed, so a refused attempt counts nowhere; the row locks of the upsert make parallel attempts queue,
 * so at most the limit are ever checked. No limit is on the username alone: past `perUsername` failures
 * the username is under attack and each address gets fewer tries, so its owner still signs in from theirs.
 */
@Injectable()
export class SignInThrottle {
  private readonly logger = new Logger(SignInThrottle.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Counts the attempt, or refuses it with 429 and Retry-After (the end of the window) without counting it. */
  async begin(username: string, address: string): Promise<SignInAttempt> {
    const limits = this.policy.auth.throttle;
    const now = this.clock.now();
    const span = limits.windowMinutes * 60_000;
    const windowStart = new Date(Math.floor(now.getTime() / span) * span);
    const windowEnd = new Date(windowStart.getTime() + span);
    const key = throttleKey(address);
    const buckets = { address: `a:${key}`, username: `u:${username}`, pair: `ua:${username}|${key}` };
    try {
      await this.db.transaction(async (em) => {
        // Sorted, so two attempts lock their shared rows in the same order and never deadlock.
        const rows: { bucket: string; attempts: number }[] = await em.query(
          `INSERT INTO login_throttle (bucket, window_start, window_end, attempts)
           SELECT b, $2, $3, 1 FROM unnest($1::text[]) AS b ORDER BY b
           ON CONFLICT (bucket, window_start) DO UPDATE SET attempts = login_throttle.attempts + 1
           RETURNING bucket, attempts`,
          [Object.values(buckets), windowStart, windowEnd],
        );
        const count = new Map(rows.map((r) => [r.bucket, r.attempts]));
        const underAttack = count.get(buckets.username)! - 1 >= limits.perUsername;
        if (count.get(buckets.address)! > limits.perAddress) throw new Refused('address');
        if (underAttack && count.get(buckets.pair)! > limits.perUsernameAndAddressUnderAttack) throw new Refused('username_under_attack');
        if (count.get(buckets.pair)! > limits.perUsernameAndAddress) throw new Refused('username_and_address');
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      throttled.inc({ limit: error.limit });
      const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000));
      this.logger.warn({ username, address, limit: error.limit, retryAfterSeconds }, 'sign-in throttled');
      throw new DomainError(
        DomainErrorCode.LoginThrottled,
        `too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
        { retryAfterSeconds },
        retryAfterSeconds,
      );
    }
    return { username, address, buckets, windowStart };
  }

  /** The right password: the attempt is no failure, and this username's count from this address starts over. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    const { buckets, windowStart } = attempt;
    await this.db.query(
      `WITH pair AS (DELETE FROM login_throttle WHERE bucket = $1 AND window_start = $3)
       UPDATE login_throttle SET attempts = attempts - 1 WHERE bucket = ANY($2::text[]) AND window_start = $3 AND attempts > 0`,
      [buckets.pair, [buckets.address, buckets.username], windowStart],
    );
  }

  /** A failure stays counted; past windows' rows are purged a batch at a time. */
  async failed(): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE ctid = ANY(ARRAY(SELECT ctid FROM login_throttle WHERE window_end <= $1 LIMIT ${PURGE_BATCH}))`, [
      this.clock.now(),
    ]);
  }
}
