import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';

/** Idempotency keys outlive their use by the retention in policy; the scheduler then deletes them. */
@Injectable()
export class IdempotencyKeys {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Deletes expired keys a batch per statement (short locks), up to `maxBatches`; returns how many went. */
  async purgeExpired(maxBatches = 20): Promise<number> {
    const { idempotencyKeyHours, purgeBatchSize } = this.policy.retention;
    const before = new Date(this.clock.now().getTime() - idempotencyKeyHours * 3600_000);
    let purged = 0;
    for (let i = 0; i < maxBatches; i++) {
      const [, count]: [unknown, number] = await this.db.query(
        `DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(SELECT ctid FROM idempotency_key WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
        [before, purgeBatchSize],
      );
      purged += count;
      if (count < purgeBatchSize) break;
    }
    return purged;
  }
}
