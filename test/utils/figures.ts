import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Reliability tests write what they observed here; docs/reliability.md quotes a run of them. */
export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  const file = path.resolve('.data/reliability-figures.json');
  mkdirSync(path.dirname(file), { recursive: true });
  let all: Record<string, unknown>;
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    all = {};
  }
  all[scenario] = { ...figures, at: new Date(performance.timeOrigin + performance.now()).toISOString() };
  writeFileSync(file, JSON.stringify(all, null, 2));
}
