import { describe, expect, it } from '@jest/globals';
import { RULE_CODES } from './rule-codes.js';

describe('rule codes', () => {
  it('names every rule once, across all modules', () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
  });

  it('spells every code as <area>.<rule> in snake case', () => {
    for (const code of RULE_CODES) expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});
