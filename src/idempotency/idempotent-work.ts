import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { UnitOfWork, type TransactionGuard } from '../database/unit-of-work.js';
import type { IdempotencyScope } from './idempotency.js';
import { IdempotencyRuleCode } from './idempotency.rule-codes.js';
import { CACHED_PLAN } from '../database/plan-cache.js';

/**
 * A command made retry-safe by its Idempotency-Key: the key and the answer are stored in the command's own
 * transaction, so a retried request replays the answer and never repeats the change, even if the app died
 * right after the commit. The scope comes from the HTTP edge, with the status the route answers.
 */
@Injectable()
export class IdempotentWork {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  run<T>(scope: IdempotencyScope | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.uow.run(work, scope && this.guard(scope));
  }

  private guard(scope: IdempotencyScope): TransactionGuard {
    const now = this.clock.now();
    return {
      claim: async (em) => {
        // The key's lock (not waited for), then the stored answer read after it: one round trip (migration LockThenRead).
        const [stored]: { locked: boolean; stored_hash: string | null; stored_body: unknown; stored_at: Date | null }[] = await em.query(
          `${CACHED_PLAN}SELECT locked, stored_hash, stored_body, stored_at FROM idempotency_claim($1, $2)`,
          [scope.userId, scope.key],
        );
        if (!stored.locked) throw new DomainError(DomainErrorCode.RequestInFlight, 'a request with this Idempotency-Key is still in progress');
        if (!stored.stored_at || now.getTime() - new Date(stored.stored_at).getTime() >= this.policy.retention.idempotencyKeyHours * 3600_000) return null;
        if (stored.stored_hash !== scope.requestHash) {
          throw new DomainError(DomainErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used with a different request', {
            rule: IdempotencyRuleCode.SameKeySameRequest,
          });
        }
        return { answer: stored.stored_body };
      },
      record: async (em, result) => {
        await em.query(
          `${CACHED_PLAN}INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
             response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at`,
          [scope.userId, scope.key, scope.requestHash, scope.status(result), JSON.stringify(result ?? null), now],
        );
      },
    };
  }
}
