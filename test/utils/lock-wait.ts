import type { DataSource, QueryRunner } from 'typeorm';

/** The server process behind a connection, to watch it from another one. */
export async function backendPid(runner: QueryRunner): Promise<number> {
  const [{ pid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
  return pid;
}

/** Polls `sql` every 10 ms until it returns a row; after five seconds, fails with `failure`. */
async function untilRow(db: DataSource, sql: string, params: unknown[], failure: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await db.query(sql, params)).length) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(failure);
}

/** Resolves once that process waits for a lock another transaction holds; polls for at most five seconds. */
export function waitingForLock(db: DataSource, pid: number): Promise<void> {
  return untilRow(db, `SELECT 1 FROM pg_locks WHERE NOT granted AND pid = $1`, [pid], `process ${pid} did not come to wait for a lock within 5 s`);
}

/**
 * Resolves once some process (such as the app's) waits for a lock that process `holder` holds; polls for at most
 * five seconds. Other test files share the server: a wait of theirs does not count.
 */
export function blockedBy(db: DataSource, holder: number): Promise<void> {
  return untilRow(
    db,
    `SELECT 1 FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))`,
    [holder],
    `no process came to wait for a lock of process ${holder} within 5 s`,
  );
}
