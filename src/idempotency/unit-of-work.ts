import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { POLICY } from '../config/config.module.js';
import type { Policy } from '../config/policy.js';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error.js';
import type { IdempotencyScope } from './idempotency.js';
import { IdempotencyRuleCode } from './idempotency.rule-codes.js';

/**
 * Runs a command in one transaction. With an idempotency scope, the key and the command's response are
 * stored in that same transaction, so a retried request replays the answer and never repeats the change,
 * even if the app died right after the commit.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async run<T>(scope: IdempotencyScope | undefined, work: (em: EntityManager) => Promise<T>, successStatus = 200): Promise<T> {
    if (!scope) return this.db.transaction(work);
    return this.db.transaction(async (em) => {
      const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked', [scope.userId, scope.key]);
      if (!locked) throw new DomainError(DomainErrorCode.RequestInFlight, 'a request with this Idempotency-Key is still in progress');
      const now = this.clock.now();
      const [stored] = await em.query('SELECT request_hash, response_body, created_at FROM idempotency_key WHERE user_id = $1 AND key = $2', [
        scope.userId,
        scope.key,
      ]);
      if (stored && now.getTime() - new Date(stored.created_at).getTime() < this.policy.retention.idempotencyKeyHours * 3600_000) {
        if (stored.request_hash !== scope.requestHash) {
          throw new DomainError(DomainErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used with a different request', {
            rule: IdempotencyRuleCode.SameKeySameRequest,
          });
        }
        return stored.response_body as T;
      }
      const result = await work(em);
      await em.query(
        `INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
           response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at`,
        [scope.userId, scope.key, scope.requestHash, successStatus, JSON.stringify(result ?? null), now],
      );
      return result;
    });
  }
}
