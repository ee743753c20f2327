import { describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from './common/errors/domain-error.js';
import { RULE_CODES } from './rule-codes.js';

interface ConsoleMessages {
  CODE_MESSAGES: Record<string, string>;
  RULE_MESSAGES: Record<string, string>;
  FIELD_LABELS: Record<string, string>;
  messageOf: (error: unknown) => string;
}

// The console's table (console/js/messages.js) is plain JavaScript served to the browser; a variable path keeps the
// type checker out of it.
const TABLE = '../console/js/messages.js';
const load = async () => (await import(TABLE)) as ConsoleMessages;
const chinese = /^[^A-Za-z]*$/;

describe('the console’s zh-CN message table', () => {
  it('has a Chinese message for every rule code the API declares (src/rule-codes.ts), and none it does not', async () => {
    const { RULE_MESSAGES } = await load();
    const missing = RULE_CODES.filter((code) => !RULE_MESSAGES[code]);
    expect(missing).toEqual([]);
    expect(Object.keys(RULE_MESSAGES).filter((code) => !(RULE_CODES as readonly string[]).includes(code))).toEqual([]);
    for (const code of RULE_CODES) expect(RULE_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has a Chinese message for every error code (DomainErrorCode)', async () => {
    const { CODE_MESSAGES } = await load();
    for (const code of Object.values(DomainErrorCode)) expect([code, CODE_MESSAGES[code]]).toEqual([code, expect.stringMatching(/[\u4e00-\u9fff]/)]);
  });

  it('turns a validation refusal into one Chinese sentence naming the fields, never the API’s English', async () => {
    const { messageOf } = await load();
    const refusal = {
      status: 400,
      body: {
        code: 'INVALID_INPUT',
        message: 'complainant.phone: must be a mainland mobile',
        details: {
          fields: [
            { field: 'complainant.phone', problems: ['must be a mainland mobile'] },
            { field: 'category', problems: ['should not be empty'] },
          ],
        },
      },
    };
    expect(messageOf(refusal)).toBe('请检查：联系电话、类别。');
    // A field the table does not know is still said in Chinese.
    expect(messageOf({ status: 400, body: { details: { fields: [{ field: 'somethingNew', problems: ['x'] }] } } })).toMatch(chinese);
  });

  it('says a rule refusal by its rule code, and falls back to the status without a code', async () => {
    const { messageOf } = await load();
    const rule = {
      status: 409,
      body: { code: 'DUPLICATE', message: 'the caller has 1 open 报修 ticket(s)', details: { rule: 'intake.match_choice_required' } },
    };
    expect(messageOf(rule)).toContain('同一事项还是新事项');
    expect(messageOf({ status: 503, body: null })).toMatch(chinese);
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(chinese);
  });
});
