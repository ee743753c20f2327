import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { recordFigures } from '../utils/figures.js';

interface Route {
  method: string;
  path: string;
}

const TABLES = [
  'ticket',
  'ticket_history',
  'staff',
  'department',
  'domain_event',
  'follow_up',
  'checklist_tick',
  'recurring_problem',
  'leader_report',
  'attachment',
  'attachment_content',
  'dispatch',
  'dispatch_return',
  'place',
  // the residents' page (its rate-limit buckets are counted before validation of the rules, so they are not listed)
  'resident_consent',
  'resident_tracking_link',
  'resident_rating',
];

/** Hostile values: wrong types, nulls, huge strings and arrays, deep nesting, control characters, SQL and script fragments. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: false }),
  fc.constantFrom(null, true, -1, -(2 ** 53), 2 ** 63, 1e308, Number.MAX_SAFE_INTEGER, '', ' ', '\u0000', '\u202e', '💥'.repeat(500)),
  fc.constantFrom("'; DROP TABLE ticket; --", '<script>alert(1)</script>', '../../etc/passwd', '{{7*7}}', '%00', '\\x00', 'NaN', '1e400'),
  // Text PostgreSQL refuses or cannot store faithfully, huge numbers and overlong strings.
  fc.constantFrom('a\u0000b', '\ud800', 'x\udfffy', -1e308, Number.MIN_VALUE, 1.2345678901234567e19, 'x'.repeat(100_000)),
  fc.string({ maxLength: 20_000, unit: 'binary' }),
  fc.array(fc.string(), { maxLength: 2000 }),
  fc.letrec((tie) => ({ deep: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.dictionary(fc.constant('a'), tie('deep'))) })).deep,
);
const hostileBody = fc.oneof(fc.dictionary(fc.string({ maxLength: 30 }), hostileValue, { maxKeys: 12 }), hostileValue);
const hostileParam = fc.oneof(
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    "1' OR '1'='1",
    '%2e%2e%2f',
    'a'.repeat(3000),
    '-1',
    '9'.repeat(40),
    'null',
    '💥',
    '%00',
    'a%00b',
    '%ED%A0%80',
  ),
  fc.string({ maxLength: 60 }).map((s) => encodeURIComponent(s) || 'x'),
);
const hostileQuery = fc.dictionary(
  fc.constantFrom(
    'limit',
    'cursor',
    'status',
    'month',
    'departmentId',
    'q',
    'receivedFrom',
    'format',
    'unread',
    'state',
    'mine',
    'phone',
    'category',
    'kind',
    'x',
  ),
  fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom('-1', '0', '100000', '1e9', 'abc', '2026-13', "' OR 1=1 --", '\u0000', 'a\u0000', '\ud800', '9'.repeat(400), 'x'.repeat(5000)),
  ),
  { maxKeys: 4 },
);

/**
 * Proves: every route answers generated hostile bodies, parameters and query strings with a 4xx
 * (never a 5xx), the server stays up, and nothing is written; body and page sizes are capped.
 */
describe('hostile input on every route', () => {
  let t: TestApp;
  let routes: Route[];
  let tokens: string[];
  let ticketId: string;

  beforeAll(async () => {
    t = await createTestApp('fuzz');
    const org = await createCompany(t);
    ticketId = (await fileTicket(t, org.eng.staff.token)).id;
    tokens = [t.adminToken, org.eng.staff.token, org.manager.token];
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(() => t.close());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = (await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
    return out;
  };

  it('answers only 4xx, stays up and writes nothing', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const before = await counts();
    const statuses = new Map<number, number>();
    let requests = 0;
    const mutating = routes.filter((r) => r.path !== '/admin/sweeps');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...mutating),
        fc.constantFrom(...tokens),
        hostileBody,
        hostileParam,
        hostileQuery,
        fc.constantFrom('json', 'malformed', 'text', 'form'),
        fc.boolean(),
        async (route, token, body, param, query, encoding, realId) => {
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'id' && realId ? ticketId : param));
          let req = t.http()[route.method.toLowerCase() as 'post'](path).query(query).set('Authorization', `Bearer ${token}`);
          if (route.method !== 'GET') {
            if (encoding === 'json') req = req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
            else if (encoding === 'malformed') req = req.set('Content-Type', 'application/json').send('{"a": [1, 2,, }');
            else if (encoding === 'text') req = req.set('Content-Type', 'text/plain').send(String(JSON.stringify(body)));
            else req = req.set('Content-Type', 'application/x-www-form-urlencoded').send('a=1&b=%ZZ');
          }
          const res = await req;
          requests++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) throw new Error(`${route.method} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 1500 },
    );
    await t.http().get('/health').expect(200);
    expect(await counts()).toEqual(before);
    recordFigures('hostileInput', { routes: routes.length, requests, statuses: Object.fromEntries(statuses), written: 0 });
  });

  it('answers a request line over 16 KB (several very long path parameters) with the declared bare 431, and stays up', async () => {
    const long = 'a'.repeat(6000);
    const res = await t.http().post(`/tickets/${long}/dispatches/${long}/returns/${long}/approve`).set('Authorization', `Bearer ${t.adminToken}`).send({});
    expect(res.status).toBe(431);
    await t.http().get('/health').expect(200);
  });

  /** A JSON text nested `depth` levels deep (built as text: JSON.stringify would recurse). */
  const nested = (depth: number) => `{"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
  const strings = ['summary', 'content', 'note', 'reason', 'name', 'username', 'password', 'analysis', 'measure', 'venue', 'requests'];

  it('answers every route’s NUL bytes, lone surrogates, deep nesting, huge numbers and overlong strings with a 4xx and writes nothing', async () => {
    const before = await counts();
    const bodies: Array<[string, string]> = [
      ['NUL in every text field', JSON.stringify(Object.fromEntries(strings.map((k) => [k, `x\u0000y`])))],
      ['lone surrogates', `{${strings.map((k) => `"${k}":"\\ud800x"`).join(',')}}`],
      ['nested 4,000 levels', nested(4000)],
      ['nested 33 levels', nested(33)],
      ['huge numbers', JSON.stringify({ limit: 1e308, points: 2 ** 63, attempt: -1e308, economicLossFen: 1.2345678901234567e19 })],
      ['overlong strings', JSON.stringify(Object.fromEntries(strings.map((k) => [k, '长'.repeat(60_000)])))],
    ];
    const queries = ['q=%00', 'month=%00', 'status=%ED%A0%80', `cursor=${'9'.repeat(400)}`, 'limit=1e308'];
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path !== '/admin/sweeps' && r.path !== '/events/stream')) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'id' ? ticketId : name === 'month' ? '2026-11' : 'listen'));
      const method = route.method.toLowerCase() as 'post';
      for (const token of [t.adminToken, tokens[1]]) {
        const requests =
          route.method === 'GET'
            ? queries.map((q) => [q, t.http().get(`${path}?${q}`).set('Authorization', `Bearer ${token}`)] as const)
            : bodies.map(
                ([what, text]) =>
                  [
                    what,
                    t.http()[method](`${path}?${queries[0]}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(text),
                  ] as const,
              );
        for (const [what, req] of requests) {
          const res = await req;
          if (res.status >= 500) failures.push(`${route.method} ${route.path} (${what}) -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    await t.http().get('/health').expect(200);
    expect(await counts()).toEqual(before);
  });

  it('caps the body size (413) and the page size (400)', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const big = await t
      .http()
      .post('/tickets')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ summary: huge }));
    expect(big.status).toBe(413);
    // The attachment upload has its own limit, the policy's largest file in base64: beyond it, 413 as well.
    const file = 'A'.repeat(Math.ceil((t.policy.attachments.maxBytes + 256 * 1024) / 3) * 4);
    const upload = await t
      .http()
      .post(`/tickets/${ticketId}/attachments`)
      .set('Authorization', `Bearer ${t.adminToken}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ fileName: 'big.png', contentType: 'image/png', contentBase64: file }));
    expect(upload.status).toBe(413);
    expect((await t.http().get('/tickets?limit=100000').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(400);
  });
});
