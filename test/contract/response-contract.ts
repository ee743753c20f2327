import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type TestAgent from 'supertest/lib/agent.js';

/**
 * Every response of the end-to-end suite checked against the API document: its status must be declared
 * for the operation, its content type must be one the operation declares, its JSON body must match the
 * declared schema and its required headers must be there. A mismatch fails the request that saw it and is
 * kept for the file's afterAll (test/contract/response-check.setup.ts), so a test that catches request
 * errors cannot hide it.
 */

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }>; headers?: Record<string, { required?: boolean }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** What the check reads of a response: supertest's and fetch's alike. */
export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  text?: string;
}

export interface Contract {
  check(method: string, url: string, res: Answer): string | null;
}

const violations: string[] = [];
let checked = 0;

/** Keeps a mismatch for the file's afterAll; for callers that do not fail the request themselves. */
export function recordViolation(violation: string | null): void {
  if (violation) violations.push(violation);
}

/** What the suite's requests broke since the last call, and how many responses were checked. */
export function takeViolations(): { violations: string[]; checked: number } {
  const out = { violations: violations.splice(0), checked };
  checked = 0;
  return out;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const REF = '#/components/schemas/';

/** OpenAPI 3.0 schemas as JSON Schema: `nullable` becomes a null alternative, references point into one schema document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, example: _example, ...rest } = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(REF, `openapi${REF}`);
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = toJsonSchema(value);
  }
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

const contracts = new Map<string, Promise<Contract | null>>();

/** The contract a running app serves (null when it serves none, e.g. while it is down), fetched once per base URL. */
export function contractAt(baseUrl: string): Promise<Contract | null> {
  if (!contracts.has(baseUrl)) {
    const loading = fetch(`${baseUrl}/docs/openapi.json`)
      .then(async (r) => (r.ok ? contractOf((await r.json()) as OpenApi) : null))
      .catch(() => null);
    contracts.set(baseUrl, loading);
    // Not served (the app is down or starting): ask again next time.
    void loading.then((contract) => contract ?? contracts.delete(baseUrl));
  }
  return contracts.get(baseUrl)!;
}

/** Path templates (`/tickets/{id}/handoff`) as patterns, literal paths first so `/scoring/entries` beats a template. */
function routeMatchers(doc: OpenApi) {
  return Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
}

export function contractOf(doc: OpenApi): Contract {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'binary']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchema(doc.components.schemas) } });
  const matchers = routeMatchers(doc);
  const validators = new Map<string, ValidateFunction>();

  return {
    check(method, url, res) {
      const path = new URL(url, 'http://local').pathname;
      const body = res.body as { message?: string } | undefined;
      // Fastify's answer for a path no route serves is no operation's answer.
      if (res.status === 404 && /^Cannot [A-Z]+ /.test(String(body?.message ?? ''))) return null;
      const route = matchers.find((m) => m.pattern.test(path) && doc.paths[m.template][method.toLowerCase()]);
      if (!route) return null;
      checked++;
      const where = `${method} ${route.template} → ${res.status}`;
      const operation = doc.paths[route.template][method.toLowerCase()];
      const declared = operation.responses[String(res.status)] ?? operation.responses.default;
      if (!declared) return `${where}: status not declared (declared: ${Object.keys(operation.responses).join(', ')})`;
      for (const [name, header] of Object.entries(declared.headers ?? {})) {
        if (header.required && res.headers[name.toLowerCase()] === undefined) return `${where}: required header ${name} missing`;
      }
      const type = String(res.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
      const hasBody = res.status !== 204 && ((res.text?.length ?? 0) > 0 || (Buffer.isBuffer(res.body) && res.body.length > 0));
      if (!declared.content) return hasBody ? `${where}: sent ${type || 'a body'} where none is declared` : null;
      const media = declared.content[type];
      if (!media) return `${where}: content type ${type || '(none)'} not declared (declared: ${Object.keys(declared.content).join(', ')})`;
      if (type !== 'application/json' || !media.schema) return null;
      const key = `${where} ${type}`;
      let validate = validators.get(key);
      if (!validate) {
        validate = ajv.compile(toJsonSchema(media.schema) as Schema);
        validators.set(key, validate);
      }
      if (validate(res.body)) return null;
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map(
          (e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
        );
      return `${where}: body does not match the document: ${problems.join('; ')} — ${JSON.stringify(res.body).slice(0, 300)}`;
    },
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The agent, with every response checked against the contract. Each request's `end` (which `await`,
 * `.then` and `.expect` all go through) sees the response first; a mismatch becomes the request's error.
 */
export function checkedAgent(agent: () => TestAgent, contract: Contract): () => TestAgent {
  return () => {
    const target = agent();
    for (const method of METHODS) {
      const original = target[method].bind(target) as (url: string) => ReturnType<TestAgent['get']>;
      (target as unknown as Record<string, unknown>)[method] = (url: string) => {
        const test = original(url);
        const end = test.end.bind(test);
        test.end = (fn) =>
          end((err, res) => {
            const violation = res ? contract.check(method.toUpperCase(), (test as unknown as { url: string }).url ?? url, res as unknown as Answer) : null;
            recordViolation(violation);
            fn?.(err ?? (violation ? new Error(`response breaks the API document: ${violation}`) : null), res);
          });
        return test;
      };
    }
    return target;
  };
}
