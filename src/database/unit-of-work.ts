import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * What a caller may add around the work of one transaction: a claim before it (which may answer instead of
 * the work, e.g. a replayed request) and a record after it, both in the same transaction as the work.
 */
export interface TransactionGuard {
  claim(em: EntityManager): Promise<{ answer: unknown } | null>;
  record(em: EntityManager, result: unknown): Promise<void>;
}

/**
 * Runs a command in one transaction, passed on explicitly as the EntityManager (cron ticks and event
 * handlers have no request). A guard, given one, claims and records inside the same transaction.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly db: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>, guard?: TransactionGuard): Promise<T> {
    if (!guard) return this.db.transaction(work);
    return this.db.transaction(async (em) => {
      const claimed = await guard.claim(em);
      if (claimed) return claimed.answer as T;
      const result = await work(em);
      await guard.record(em, result);
      return result;
    });
  }
}
