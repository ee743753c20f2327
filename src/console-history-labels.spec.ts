import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The console's labels (console/js/ui.js) are plain JavaScript served to the browser; a variable path keeps the type
// checker out of it.
const UI = '../console/js/ui.js';
const SRC = dirname(fileURLToPath(import.meta.url));

/** Every history action the engine writes: `action: '…'` in a history row, and the supervision order's steps. */
function writtenActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/\baction: '([a-z_]+)'/g)) found.add(m[1]);
        for (const m of text.matchAll(/\bthis\.step\(\s*em,\s*order,[^']*'([a-z_]+)'/g)) found.add(m[1]);
        // `action: cond ? 'a' : 'b'`, and a table of actions such as APPOINTMENT_ACTION.
        for (const m of text.matchAll(/\baction: [^\n?]*\? '([a-z_]+)' : '([a-z_]+)'/g)) [m[1], m[2]].forEach((a) => found.add(a));
        for (const m of text.matchAll(/_ACTION(?:S)?: Record<[^>]+> = \{([^}]*)\}/g)) for (const v of m[1].matchAll(/: '([a-z_]+)'/g)) found.add(v[1]);
      }
    }
  };
  walk(SRC);
  return [...found].sort();
}

describe('the ticket page’s history labels (everything a user reads is Chinese)', () => {
  it('has a Chinese label for every action the engine writes to a ticket’s history', async () => {
    const { ZH } = (await import(UI)) as { ZH: { action: Record<string, string> } };
    const actions = writtenActions();
    // The scan finds the loop's steps (派单, 签收, 延期, 督办, 回访 …), so an empty scan cannot pass.
    expect(actions).toEqual(
      expect.arrayContaining([
        'dispatched',
        'dispatch_signed',
        'extension_approved',
        'supervision_issued',
        'follow_up',
        'closed',
        'written_reply',
        'redo',
        'appointment_held',
      ]),
    );
    expect(actions.filter((a) => !ZH.action[a])).toEqual([]);
    for (const a of actions) expect([a, ZH.action[a]]).toEqual([a, expect.stringMatching(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/)]);
  });
});
