// CI runs the tests a second time on Node 24 (the active LTS). Only the package registries are reachable, so
// the binary comes from npm's `node-<platform>-<arch>` package (a plain Node build, no install script),
// unpacked into .runtime/node24 (git-ignored). npm itself is the machine's: npm 11 runs on Node 24.
// Prints the folder to put first on PATH; progress goes to stderr.
//   PATH="$(node scripts/ensure-node24.mjs):$PATH" npm test
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, renameSync } from 'node:fs';
import path from 'node:path';

const MAJOR = 24;
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const home = path.join(root, '.runtime', `node${MAJOR}`);
const bin = path.join(home, 'bin');
const log = (message) => process.stderr.write(`ensure-node${MAJOR}: ${message}\n`);

function installedVersion() {
  const node = path.join(bin, 'node');
  if (!existsSync(node)) return undefined;
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined; // a broken or foreign binary: install again
  }
}

const have = installedVersion();
if (have?.startsWith(`v${MAJOR}.`)) {
  log(`using ${have} in ${path.relative(root, home)}`);
} else {
  if (process.platform === 'win32') {
    log('the npm node packages have no Windows build; install Node 24 yourself');
    process.exit(1);
  }
  const spec = `node-${process.platform}-${process.arch}@${MAJOR}`;
  // Unpacked beside its destination, so the final rename stays on one file system.
  mkdirSync(path.dirname(home), { recursive: true });
  const work = mkdtempSync(path.join(path.dirname(home), 'unpack-'));
  try {
    log(`installing ${spec} from the npm registry`);
    // npm pack checks the tarball against the registry's integrity hash; nothing of the package is run.
    const [packed] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], { cwd: work, encoding: 'utf8' }));
    execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
    rmSync(home, { recursive: true, force: true });
    renameSync(path.join(work, 'package'), home);
    log(`installed ${installedVersion()} (${packed.id}) in ${path.relative(root, home)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.stdout.write(`${bin}\n`);
