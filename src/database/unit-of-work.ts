import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource, QueryFailedError, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * What a caller may add around the work of one transaction: a claim before it (which may answer instead of
 * the work, e.g. a replayed request) and a record after it, both in the same transaction as the work.
 */
export interface TransactionGuard {
  claim(em: EntityManager): Promise<{ answer: unknown } | null>;
  record(em: EntityManager, result: unknown): Promise<void>;
}

/** Raised when the COMMIT sent behind a transaction's last statement did not commit: nothing of the work was kept. */
export class TransactionNotCommittedError extends Error {
  constructor(command: string) {
    super(`the transaction did not commit (PostgreSQL answered ${command})`);
  }
}

/**
 * Runs a command in one transaction, passed on explicitly as the EntityManager (cron ticks and event
 * handlers have no request). A guard, given one, claims and records inside the same transaction.
 */
@Injectable()
export class UnitOfWork {
  /** The transactions `run` holds open, by their EntityManager; `ended` once commitWith has sent the COMMIT. */
  private readonly open = new WeakMap<EntityManager, { ended: boolean }>();

  constructor(private readonly db: DataSource) {}

  async run<T>(work: (em: EntityManager) => Promise<T>, guard?: TransactionGuard): Promise<T> {
    const runner = this.db.createQueryRunner();
    const tx = { ended: false };
    try {
      await runner.startTransaction();
      this.open.set(runner.manager, tx);
      const result = await this.within(runner.manager, work, guard);
      if (!tx.ended) await runner.commitTransaction();
      return result;
    } catch (error) {
      // A transaction commitWith ended is over on the server: committed, or rolled back by PostgreSQL itself.
      if (!tx.ended && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      this.open.delete(runner.manager);
      await runner.release();
    }
  }

  /**
   * The transaction's last statement, with its COMMIT written behind it at once instead of after its answer
   * (node-postgres' pipeline mode; docs/benchmarks.md, issue 20's seventh part). A lock the statement takes (the
   * day's reference counter) is then held for PostgreSQL's own work and the commit only, not for the app's event
   * loop getting round to the COMMIT. If the statement fails, PostgreSQL turns that COMMIT into a ROLLBACK, so
   * the statement's error is what the caller sees and nothing of the work is kept; if the COMMIT fails (a deferred
   * check), its error. The transaction's connection is released with the answer: a statement after this one has
   * no transaction to join and is refused. Without pipeline mode, or outside `run`, the statement runs as it is
   * and `run` commits after the work.
   */
  async commitWith<R>(em: EntityManager, sql: string, parameters: unknown[]): Promise<R[]> {
    const tx = this.open.get(em);
    const runner = em.queryRunner as (QueryRunner & { databaseConnection?: pg.PoolClient & { pipeline?: boolean } }) | undefined;
    const client = runner?.databaseConnection;
    if (!tx || tx.ended || !runner?.isTransactionActive || !client?.pipeline) return em.query(sql, parameters);
    tx.ended = true;
    // Both given in this one tick, in this order, on the transaction's own connection, and written to its socket in
    // one system call: the socket holds the statement's messages until the COMMIT's are behind them.
    const socket = (client as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    socket?.cork?.();
    let statement: Promise<pg.QueryResult>;
    let commit: Promise<pg.QueryResult>;
    try {
      statement = client.query(sql, parameters);
      commit = client.query('COMMIT');
    } finally {
      socket?.uncork?.();
    }
    const [answered, committed] = await Promise.allSettled([statement, commit]);
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    await runner.release();
    if (answered.status === 'rejected') throw new QueryFailedError(sql, parameters, answered.reason as Error);
    if (committed.status === 'rejected') throw new QueryFailedError('COMMIT', [], committed.reason as Error);
    if (committed.value.command !== 'COMMIT') throw new TransactionNotCommittedError(committed.value.command);
    return answered.value.rows as R[];
  }

  private async within<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>, guard?: TransactionGuard): Promise<T> {
    if (!guard) return work(em);
    const claimed = await guard.claim(em);
    if (claimed) return claimed.answer as T;
    const result = await work(em);
    await guard.record(em, result);
    return result;
  }
}
