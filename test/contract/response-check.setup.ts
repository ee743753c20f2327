import { afterAll, expect } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { takeViolations } from './response-contract.js';

// Every e2e file: the responses its requests got must all have matched the API document, including
// those a test caught and looked past. The count checked per file is kept for the record.
afterAll(() => {
  const { violations, checked } = takeViolations();
  const file = expect.getState().testPath ?? 'unknown';
  const dir = path.resolve('.data/contract-responses');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${path.basename(file)}.json`), JSON.stringify({ file: path.relative(process.cwd(), file), checked, violations }, null, 2));
  expect(violations).toEqual([]);
});
