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
 * The record of an answer with its parameters from `$first` (`recordParams`); the body is the expression `body`
 * makes of the answer's parameter.
 */
const record = (first: number, body: (answer: string) => string = (answer) => answer) => {
  const $ = (i: number) => `$${first + i}`;
  return `INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at) VALUES (${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${body($(4))}, ${$(5)})
           ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
             response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at`;
};
const recordParams = (scope: IdempotencyScope, answer: unknown, now: Date) => [
  scope.userId,
  scope.key,
  scope.requestHash,
  scope.status(answer),
  JSON.stringify(answer ?? null),
  now,
];

/** A claimed key whose answer is not recorded yet, per transaction, with the row of the read its claim carried. */
interface OpenClaim {
  scope: IdempotencyScope;
  now: Date;
  recorded: boolean;
  read: Record<string, unknown> | null;
}

/**
 * A read the work begins with that may travel in the claim's statement, one round trip fewer: a SELECT of at most
 * one row whose answer does not depend on the key's lock (nothing it reads is written under that key), because it
 * is read from the statement's snapshot, taken before the lock. `sql` takes the placeholder of its i-th parameter
 * (from 0). Its columns must not be named like the claim's (`locked`, `stored_*`) or `claim_read`.
 */
export interface ClaimRead {
  sql: (param: (i: number) => string) => string;
  params: unknown[];
}

const CLAIM_COLUMNS = ['locked', 'stored_hash', 'stored_body', 'stored_at', 'claim_read'];

/** The claim's statement, and with a read, the read joined to it: the claim's one row always, the read's if it has one. */
const claimStatement = (read?: ClaimRead) =>
  read
    ? `${CACHED_PLAN}SELECT c.locked, c.stored_hash, c.stored_body, c.stored_at, r.* FROM idempotency_claim($1, $2) c
         LEFT JOIN LATERAL (SELECT true AS claim_read, q.* FROM (${read.sql((i) => `$${i + 3}`)}) q) r ON true`
    : `${CACHED_PLAN}SELECT locked, stored_hash, stored_body, stored_at FROM idempotency_claim($1, $2)`;

/**
 * A command made retry-safe by its Idempotency-Key: the key and the answer are stored in the command's own
 * transaction, so a retried request replays the answer and never repeats the change, even if the app died
 * right after the commit. The scope comes from the HTTP edge, with the status the route answers.
 */
@Injectable()
export class IdempotentWork {
  private readonly open = new WeakMap<EntityManager, OpenClaim>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /**
   * The work in one transaction, after the key's claim when the request has one. `read`, given, is the work's first
   * read carried in the claim's statement: the work gets its row, or null when there was no claim to carry it (no
   * Idempotency-Key) or no row, and then reads for itself.
   */
  run<T>(scope: IdempotencyScope | undefined, work: (em: EntityManager, read: Record<string, unknown> | null) => Promise<T>, read?: ClaimRead): Promise<T> {
    if (!scope) return this.uow.run((em) => work(em, null));
    return this.uow.run((em) => work(em, this.open.get(em)?.read ?? null), this.guard(scope, read));
  }

  /** The work's last statement with the COMMIT behind it (UnitOfWork.commitWith). */
  commitWith<R>(em: EntityManager, sql: string, parameters: unknown[]): Promise<R[]> {
    return this.uow.commitWith(em, sql, parameters);
  }

  /**
   * The answer's record as a CTE of the work's own last statement, with the answer's reference filled in there
   * (`reference.sql`, at `reference.path` of the answer): intake's numbered statement, so that only the COMMIT
   * follows it under the day's counter lock. The record after the work is then left out. Null when the request
   * has no Idempotency-Key. The answer must be the one the work returns, with that reference.
   */
  recordWithin(em: EntityManager, answer: unknown, firstParam: number, reference: { path: string[]; sql: string }): { sql: string; params: unknown[] } | null {
    const claim = this.open.get(em);
    if (!claim || claim.recorded) return null;
    claim.recorded = true;
    const params = recordParams(claim.scope, answer, claim.now);
    return {
      sql: record(firstParam, (body) => `jsonb_set(${body}::jsonb, $${firstParam + params.length}::text[], to_jsonb(${reference.sql}))`),
      params: [...params, reference.path],
    };
  }

  private guard(scope: IdempotencyScope, read?: ClaimRead): TransactionGuard {
    const now = this.clock.now();
    const claim: OpenClaim = { scope, now, recorded: false, read: null };
    return {
      claim: async (em) => {
        // The key's lock (not waited for), then the stored answer read after it: one round trip (migration LockThenRead).
        const [stored]: ({ locked: boolean; stored_hash: string | null; stored_body: unknown; stored_at: Date | null; claim_read?: boolean } & Record<
          string,
          unknown
        >)[] = await em.query(claimStatement(read), [scope.userId, scope.key, ...(read?.params ?? [])]);
        if (!stored.locked) throw new DomainError(DomainErrorCode.RequestInFlight, 'a request with this Idempotency-Key is still in progress');
        if (!stored.stored_at || now.getTime() - new Date(stored.stored_at).getTime() >= this.policy.retention.idempotencyKeyHours * 3600_000) {
          if (stored.claim_read) claim.read = Object.fromEntries(Object.entries(stored).filter(([column]) => !CLAIM_COLUMNS.includes(column)));
          this.open.set(em, claim);
          return null;
        }
        if (stored.stored_hash !== scope.requestHash) {
          throw new DomainError(DomainErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used with a different request', {
            rule: IdempotencyRuleCode.SameKeySameRequest,
          });
        }
        return { answer: stored.stored_body };
      },
      record: async (em, result) => {
        this.open.delete(em);
        if (claim.recorded) return;
        await em.query(`${CACHED_PLAN}${record(1)}`, recordParams(scope, result, now));
      },
    };
  }
}
