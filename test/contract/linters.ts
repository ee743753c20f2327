import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Document, Ruleset, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import * as functions from '@stoplight/spectral-functions';
import * as parsers from '@stoplight/spectral-parsers';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { oas } from '@stoplight/spectral-rulesets';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** One finding of a linter, as the tests report it. */
export interface Finding {
  severity: 'error' | 'warn' | 'info' | 'hint';
  rule: string;
  where: string;
  message: string;
}

const ROOT = process.cwd();
// The committed rulesets name the document `openapi.json` beside them (as the CLIs would lint it).
const DOCUMENT_PATH = path.join(ROOT, 'openapi.json');

const EXTENDS: Record<string, unknown> = { 'spectral:oas': oas, '@stoplight/spectral-owasp-ruleset': owasp };

/**
 * The committed .spectral.yaml as a ruleset: its `extends` names resolved to the installed rulesets and
 * its functions to @stoplight/spectral-functions, as the Spectral CLI resolves them.
 */
function spectralRuleset(): Ruleset {
  const file = path.join(ROOT, '.spectral.yaml');
  const definition = parse(readFileSync(file, 'utf8')) as { extends: string[]; rules: Record<string, unknown>; overrides?: unknown[] };
  const rules = Object.fromEntries(
    Object.entries(definition.rules).map(([name, rule]) => {
      if (typeof rule !== 'object' || rule === null) return [name, rule];
      const then = (rule as { then: { function: string } }).then;
      const fn = (functions as unknown as Record<string, unknown>)[then.function];
      if (!fn) throw new Error(`.spectral.yaml: rule ${name} names an unknown function ${then.function}`);
      return [name, { ...rule, then: { ...then, function: fn } }];
    }),
  );
  const extended = definition.extends.map((name) => {
    if (!EXTENDS[name]) throw new Error(`.spectral.yaml extends ${name}, which the contract test does not know`);
    return EXTENDS[name];
  });
  return new Ruleset({ ...definition, extends: extended, rules } as unknown as RulesetDefinition, { source: file });
}

const SEVERITY = ['error', 'warn', 'info', 'hint'] as const;

export async function spectralFindings(document: unknown): Promise<Finding[]> {
  const spectral = new Spectral();
  spectral.setRuleset(spectralRuleset());
  const results = await spectral.run(new Document(JSON.stringify(document, null, 2), parsers.Json, DOCUMENT_PATH));
  return results.map((r) => ({ severity: SEVERITY[r.severity], rule: String(r.code), where: r.path.join('.'), message: r.message }));
}

export async function redoclyFindings(document: unknown): Promise<Finding[]> {
  const config = await createConfig(readFileSync(path.join(ROOT, 'redocly.yaml'), 'utf8'), { configPath: path.join(ROOT, 'redocly.yaml') });
  const problems = await lintFromString({ source: JSON.stringify(document, null, 2), absoluteRef: DOCUMENT_PATH, config });
  return problems.map((p) => ({ severity: p.severity === 'warn' ? 'warn' : 'error', rule: p.ruleId, where: p.location[0]?.pointer ?? '', message: p.message }));
}

/** `error owasp:…  paths./x.get  message` lines, for a failure message a person can act on. */
export const describe = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.where}: ${f.message}`);

/** Counts by severity, for the figures the tests record. */
export function tally(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.severity] = (out[f.severity] ?? 0) + 1;
  return out;
}
