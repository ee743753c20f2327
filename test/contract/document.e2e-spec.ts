import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { DomainErrorCode } from '../../src/common/errors/domain-error.js';
import { RULE_CODES } from '../../src/rule-codes.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { recordFigures } from '../utils/figures.js';
import { describe as lines, redoclyFindings, spectralFindings, tally } from './linters.js';

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; example?: unknown };
interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  servers?: unknown[];
}

const operations = (doc: OpenApi) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));

/** The 2xx responses of a generated client that carry no type: `content?: never`, a missing `content` or an `unknown` body. */
function untypedSuccesses(source: string): string[] {
  const file = ts.createSourceFile('client.ts', source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const name = (n: ts.PropertyName) => (ts.isStringLiteral(n) || ts.isIdentifier(n) || ts.isNumericLiteral(n) ? n.text : n.getText());
  const members = (node: ts.TypeNode | undefined) => (node && ts.isTypeLiteralNode(node) ? node.members.filter(ts.isPropertySignature) : []);
  const operationsInterface = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'operations');
  if (!operationsInterface) return ['the generated client has no `operations` interface'];
  for (const operation of operationsInterface.members.filter(ts.isPropertySignature)) {
    const responses = members(operation.type).find((m) => name(m.name) === 'responses');
    for (const response of members(responses?.type)) {
      const status = name(response.name);
      if (!/^2\d\d$/.test(status) || status === '204') continue;
      const content = members(response.type).find((m) => name(m.name) === 'content');
      const where = `${name(operation.name)} ${status}`;
      if (!content || content.type?.kind === ts.SyntaxKind.NeverKeyword) found.push(`${where}: content?: never`);
      for (const body of members(content?.type)) {
        if (body.type?.kind === ts.SyntaxKind.UnknownKeyword) found.push(`${where}: ${name(body.name)} is unknown`);
      }
    }
  }
  return found;
}

/**
 * Proves: the served OpenAPI document generates a typed client with no untyped success response,
 * passes Spectral (spectral:oas + OWASP) and Redocly (recommended) with the committed rulesets at zero
 * errors, and keeps its promises: readable operation ids, summaries, named enums, request examples and
 * one error schema enumerating every error code and rule code.
 */
describe('the API document', () => {
  let t: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp('contract_doc');
    doc = (await t.http().get('/docs/openapi.json').expect(200)).body as OpenApi;
  });
  afterAll(() => t.close());

  it('generates a typed client (openapi-typescript) in which every success response is typed', async () => {
    const client = astToString(await openapiTS(doc as never));
    expect(untypedSuccesses(client)).toEqual([]);
    expect(client).toContain('"tickets.handOff"');
  });

  it('passes Spectral with spectral:oas and the OWASP API ruleset (.spectral.yaml): no errors', async () => {
    const findings = await spectralFindings(doc);
    expect(lines(findings.filter((f) => f.severity === 'error'))).toEqual([]);
    recordFigures('contractSpectral', { ...tally(findings), warnings: lines(findings.filter((f) => f.severity === 'warn')) });
  });

  it('passes Redocly’s recommended ruleset (redocly.yaml): no errors', async () => {
    const findings = await redoclyFindings(doc);
    expect(lines(findings.filter((f) => f.severity === 'error'))).toEqual([]);
    recordFigures('contractRedocly', { ...tally(findings), warnings: lines(findings.filter((f) => f.severity === 'warn')) });
  });

  it('gives every operation a summary and a readable, unique operationId (area.method)', () => {
    const ops = operations(doc);
    expect(ops.filter(({ op }) => !op.summary?.trim()).map((o) => o.route)).toEqual([]);
    expect(ops.filter(({ op }) => !/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(op.operationId ?? '')).map((o) => `${o.route}: ${o.op.operationId}`)).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['tickets.create', 'tickets.handOff', 'reports.performance', 'notifications.list', 'scoring.listOverreaches']));
  });

  it('declares every enum as a named schema, never inline', () => {
    const inline: string[] = [];
    const visit = (node: unknown, where: string, named: boolean) => {
      if (!node || typeof node !== 'object') return;
      const s = node as Schema;
      if (Array.isArray(s.enum) && !named) inline.push(where);
      for (const [key, value] of Object.entries(s)) if (key !== 'enum') visit(value, `${where}.${key}`, false);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) visit(schema, name, true);
    visit(doc.paths, 'paths', false);
    expect(inline).toEqual([]);
  });

  it('types every property: no object schema without properties or additionalProperties (a lost `string | null`)', () => {
    const untyped: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const s = node as Schema;
      if (s.type === 'object' && !s.properties && s.additionalProperties === undefined && !s.allOf) untyped.push(where);
      for (const [key, value] of Object.entries(s)) visit(value, `${where}.${key}`);
    };
    visit(doc.components.schemas, 'components');
    visit(doc.paths, 'paths');
    expect(untyped).toEqual([]);
  });

  it('gives every request body schema an example, property by property', () => {
    const missing: string[] = [];
    const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s);
    const check = (schema: Schema, where: string, seen: Set<string>) => {
      const s = resolve(schema);
      if (s.example !== undefined) return;
      if (schema.$ref) {
        if (seen.has(schema.$ref)) return;
        seen.add(schema.$ref);
      }
      const nested = s.allOf?.[0] ?? (s.items as Schema | undefined);
      if (nested) return check(nested, where, seen);
      if (!s.properties) return missing.push(where);
      for (const [name, property] of Object.entries(s.properties)) {
        const p = resolve(property.allOf?.[0] ?? property);
        if (property.example === undefined && p.example === undefined && !p.properties && !p.enum) missing.push(`${where}.${name}`);
        else if (p.properties) check(property.allOf?.[0] ?? property, `${where}.${name}`, seen);
      }
    };
    for (const { route, op } of operations(doc)) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (schema) check(schema, route, new Set());
    }
    expect(missing).toEqual([]);
  });

  it('describes every error with one schema that enumerates every error code and rule code', () => {
    const { ErrorBody, ErrorCode, RuleCode, ErrorDetails } = doc.components.schemas;
    expect(ErrorBody.properties).toMatchObject({ code: { $ref: '#/components/schemas/ErrorCode' }, details: { $ref: '#/components/schemas/ErrorDetails' } });
    expect(ErrorDetails.properties!.rule).toEqual({ $ref: '#/components/schemas/RuleCode' });
    expect([...(ErrorCode.enum as string[])].sort()).toEqual(Object.values(DomainErrorCode).sort());
    expect([...(RuleCode.enum as string[])].sort()).toEqual([...RULE_CODES].sort());
    const errors = operations(doc).flatMap(({ route, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, r]) => ({ where: `${route} ${status}`, ref: r.content?.['application/json']?.schema.$ref })),
    );
    expect(errors.filter((e) => e.ref !== '#/components/schemas/ErrorBody').map((e) => e.where)).toEqual([]);
  });

  it('declares the CSV and XLSX answers of the performance report with their binary content types', () => {
    const ok = doc.paths['/reports/performance'].get.responses['200'].content!;
    expect(ok['text/csv'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(ok['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual({ type: 'string', format: 'binary' });
  });

  it('has a server and says whether each operation needs the bearer token (explicitly none on public ones)', () => {
    expect(doc.servers).toHaveLength(1);
    const unsaid = operations(doc).filter(({ op }) => !Array.isArray(op.security));
    expect(unsaid.map((o) => o.route)).toEqual([]);
    const publicRoutes = operations(doc)
      .filter(({ op }) => op.security!.length === 0)
      .map((o) => o.route)
      .sort();
    expect(publicRoutes).toEqual([
      'GET /events/stream',
      'GET /health',
      'GET /metrics',
      // the residents' page (README "The residents' page")
      'GET /public/places',
      'GET /public/resident-form',
      'POST /auth/login',
      'POST /public/complaints',
      'POST /public/tracking',
      'POST /public/tracking/rating',
    ]);
  });
});
