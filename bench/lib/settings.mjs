// What every bench script takes from the environment alike: the app's port (BENCH_PORT), its PostgreSQL's port
// (BENCH_PG_PORT) and cluster folder (BENCH_PG_DATA_DIR), and its database. Each script has defaults of its own, so
// that two of them may run one after the other without sharing a cluster.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's folder, and the folder the scripts write their captures, logs and profiles to. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const workDir = path.join(root, '.data/bench-work');

/**
 * A script's place: `name` names its cluster folder (.data/pg-bench-<name>) and its database
 * (complaint_desk_bench_<name>); without one, the main bench's (.data/pg-bench, complaint_desk_bench).
 */
export function benchPlace({ name, port, pgPort }, env = process.env) {
  return {
    port: Number(env.BENCH_PORT ?? port),
    pgPort: Number(env.BENCH_PG_PORT ?? pgPort),
    dataDir: path.resolve(root, env.BENCH_PG_DATA_DIR ?? (name ? `.data/pg-bench-${name}` : '.data/pg-bench')),
    database: name ? `complaint_desk_bench_${name.replace(/-/g, '_')}` : 'complaint_desk_bench',
  };
}
