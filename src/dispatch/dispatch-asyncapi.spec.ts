import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DISPATCH_NOTICE_EVENTS } from './dispatch.service.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'asyncapi.yaml');

/** The events a channel endpoint may route (config/policy.yaml channels.endpoints.*.events) are documented for receivers. */
describe('docs/asyncapi.yaml and the dispatch events (派单/签收/退单)', () => {
  it('is valid YAML and lists every dispatch event with the ids it carries in data', () => {
    const doc = parse(readFileSync(DOC, 'utf8')) as {
      components: { schemas: { NoticeV1: { properties: { type: { examples: string[] }; data: { properties: Record<string, unknown> } } } } };
    };
    const notice = doc.components.schemas.NoticeV1.properties;
    expect(DISPATCH_NOTICE_EVENTS.filter((name) => !notice.type.examples.includes(name))).toEqual([]);
    expect(Object.keys(notice.data.properties)).toEqual(
      expect.arrayContaining(['dispatchId', 'toDepartmentId', 'signDueAt', 'returnId', 'reasonCode', 'returnCount']),
    );
  });
});
