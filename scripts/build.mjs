// Transpiles src/ and migrations/ to dist/ with SWC (type checking is `npm run typecheck`).
import { transformFile } from '@swc/core';
import { readFile, mkdir, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const swcrc = JSON.parse(await readFile(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

await rm(path.join(root, 'dist'), { recursive: true, force: true });
let count = 0;
for (const dir of ['src', 'migrations']) {
  for await (const file of walk(path.join(root, dir))) {
    const out = path.join(root, 'dist', path.relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...swcrc, swcrc: false, sourceFileName: path.relative(path.dirname(out), file) });
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, code + `\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    if (map) await writeFile(out + '.map', map);
    count++;
  }
}
console.log(`built ${count} files into dist/`);
