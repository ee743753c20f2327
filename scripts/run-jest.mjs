// Runs the Jest suite in two passes. Most test files share the machine: several workers, since they spend
// their time waiting on PostgreSQL and child processes. The load scenarios (kill -9 during intake, an
// outage, several instances under load) make a load of their own and measure what the app does under
// it, so they run after, one at a time, with the machine to themselves. Extra arguments go to both passes.
import { spawnSync } from 'node:child_process';

const LOAD_SCENARIOS = ['test/reliability/crash', 'test/reliability/instances', 'test/reliability/outage'];
const jest = ['--experimental-vm-modules', '--no-warnings', 'node_modules/jest/bin/jest.js'];
const workers = process.env.TEST_WORKERS ?? '3';
const extra = process.argv.slice(2);

const run = (args) => spawnSync(process.execPath, [...jest, ...args, ...extra], { stdio: 'inherit' }).status ?? 1;

const shared = run([`--maxWorkers=${workers}`, '--testPathIgnorePatterns', ...LOAD_SCENARIOS.map((p) => `/${p}\\.`)]);
const alone = run(['--maxWorkers=1', ...LOAD_SCENARIOS]);
process.exit(shared || alone);
