import type { DataSource, QueryRunner } from 'typeorm';

/** The server process behind a connection, to watch it from another one. */
export async function backendPid(runner: QueryRunner): Promise<number> {
  const [{ pid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
  return pid;
}

/**
 * Resolves once that process (without one: any process, such as the app's) waits for a lock another transaction
 * holds; polls for at most five seconds.
 */
export async function waitingForLock(db: DataSource, pid?: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await db.query(`SELECT 1 FROM pg_locks WHERE NOT granted AND ($1::int IS NULL OR pid = $1)`, [pid ?? null])).length) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${pid ? `process ${pid}` : 'no process'} did not come to wait for a lock within 5 s`);
}
