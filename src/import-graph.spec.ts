import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The house's dependency rules (README, Layout), read off the import statements of src/. Each rule names
// the folders it constrains; a failure lists every offending file and what it imports.

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** The base the domain stands on: it knows no domain module. */
const BASE = ['database', 'config', 'common', 'events', 'clock', 'logging'];

/** What each domain folder may import besides the base: the README's layout table. */
const ALLOWED: Record<string, string[]> = {
  idempotency: ['org'],
  org: [],
  auth: ['org'],
  tickets: ['org', 'idempotency', 'places'],
  sla: ['tickets', 'org', 'idempotency'],
  notifications: ['sla', 'tickets', 'org'],
  channels: ['sla', 'tickets', 'org', 'residents'],
  checklist: ['tickets', 'org', 'idempotency'],
  'follow-ups': ['tickets', 'org', 'idempotency'],
  problems: ['tickets', 'org', 'idempotency'],
  scoring: ['tickets', 'sla', 'org', 'idempotency'],
  reports: ['scoring', 'tickets', 'org', 'idempotency'],
  compliance: ['sla', 'tickets', 'org'],
  bulletin: ['reports', 'sla', 'tickets', 'org'],
  risk: ['sla', 'tickets', 'org'],
  live: ['auth', 'tickets', 'org'],
  scheduler: ['sla', 'notifications', 'supervision', 'dispatch', 'joint', 'org', 'idempotency'],
  attachments: ['tickets', 'follow-ups', 'org', 'idempotency'],
  'leader-reports': ['tickets', 'org', 'idempotency'],
  extensions: ['tickets', 'sla', 'org', 'idempotency'],
  supervision: ['tickets', 'problems', 'notifications', 'org', 'idempotency'],
  joint: ['tickets', 'sla', 'notifications', 'org', 'idempotency'],
  dispatch: ['tickets', 'sla', 'notifications', 'org', 'idempotency'],
  scripts: ['org'],
  health: ['org'],
  cli: ['(top)', 'reports', 'org', 'places'],
  places: ['org', 'idempotency'],
  residents: ['tickets', 'attachments', 'follow-ups', 'places', 'auth', 'org', 'notifications'],
};

interface Edge {
  file: string;
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every import, export-from and dynamic import of a relative path inside src/, as folder → folder. */
function importEdges(): Edge[] {
  const specifier = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|(?:^|\n)\s*import\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;
  return sourceFiles(SRC).flatMap((file) => {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(specifier)].flatMap((m) => {
      const target = path.resolve(path.dirname(file), m[1] ?? m[2] ?? m[3]);
      if (!target.startsWith(SRC + path.sep)) return [];
      const to = folderOf(target);
      return to === from ? [] : [{ file: path.relative(SRC, file), from, to }];
    });
  });
}

/** The top folder under src/ ("(top)" for src/app.module.ts and its neighbours). */
function folderOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : '(top)';
}

const edges = importEdges();
const offending = (test: (edge: Edge) => boolean) => edges.filter(test).map((e) => `${e.file} → ${e.to}`);

describe('import graph of src/ (README, Layout)', () => {
  it('reads the imports (a sanity check that the rules below have something to judge)', () => {
    expect(edges.some((e) => e.from === 'tickets' && e.to === 'org')).toBe(true);
    expect(edges.some((e) => e.from === 'sla' && e.to === 'tickets')).toBe(true);
  });

  it('database/, config/, common/, events/, clock/ and logging/ import nothing from a domain module', () => {
    expect(offending((e) => BASE.includes(e.from) && !BASE.includes(e.to))).toEqual([]);
  });

  it('the base has no loop inside it either: common imports no other base folder but config', () => {
    expect(offending((e) => e.from === 'common' && BASE.includes(e.to) && e.to !== 'config')).toEqual([]);
  });

  it('sla does not import notifications: notices are an after-commit consumer of sla events', () => {
    expect(offending((e) => e.from === 'sla' && e.to === 'notifications')).toEqual([]);
  });

  it('tickets does not import sla, checklist, scoring or problems: they react to ticket events', () => {
    expect(offending((e) => e.from === 'tickets' && ['sla', 'checklist', 'scoring', 'problems'].includes(e.to))).toEqual([]);
  });

  it('auth reads org, and org imports nothing from auth', () => {
    expect(offending((e) => e.from === 'org' && e.to === 'auth')).toEqual([]);
  });

  it('each domain folder imports only the base and the folders its row in the README allows', () => {
    const folders = new Set(edges.map((e) => e.from).filter((f) => !BASE.includes(f) && f !== '(top)'));
    expect([...folders].filter((f) => !(f in ALLOWED))).toEqual([]);
    expect(offending((e) => e.from in ALLOWED && !BASE.includes(e.to) && !ALLOWED[e.from].includes(e.to))).toEqual([]);
  });

  it('no two folders import each other', () => {
    const pairs = new Set(edges.map((e) => `${e.from}→${e.to}`));
    const loops = [...pairs].filter((pair) => {
      const [a, b] = pair.split('→');
      return a < b && pairs.has(`${b}→${a}`);
    });
    expect(loops).toEqual([]);
  });
});
