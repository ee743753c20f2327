// npm run seed:demo | report | migration:*: runs a built command-line tool from dist/src/cli/.
// It never rebuilds dist/ while it exists: an app may be running from it (npm start), and a rebuild
// empties dist/ first. dist/ is built only when it is missing; when it is older than the sources the
// tool says so (and `migration:generate`, which must see the current entities, refuses).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [command, ...args] = process.argv.slice(2);
if (!command || !/^[a-z-]+$/.test(command)) {
  console.error('usage: node scripts/cli.mjs <migrate|seed-demo|report> [arguments]');
  process.exit(2);
}
const entry = path.join(root, 'dist', 'src', 'cli', `${command}.js`);

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ['src', 'migrations']) walk(path.join(root, dir));
  return newest;
}

if (!existsSync(entry)) {
  // Nothing can be running from a dist/ that is not there. Build output goes to stderr: a report may be on stdout.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else if (newestSource() > statSync(entry).mtimeMs) {
  const generating = command === 'migrate' && args[0] === 'generate';
  console.error(
    `note: dist/ is older than src/; ${generating ? 'migration:generate must compare the current entities: ' : 'using it as built. '}run \`npm run build\` when no app runs from dist/.`,
  );
  if (generating) process.exit(1);
}
const run = spawnSync(process.execPath, [entry, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
