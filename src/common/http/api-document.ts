import type { Type as ClassRef } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ApiProperty, DECORATORS, DocumentBuilder, SwaggerModule, type ApiPropertyOptions, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { DomainErrorCode } from '../errors/domain-error.js';
import { ERROR_BODY_REF, ERROR_RESPONSES, type ErrorStatus } from './api-docs.js';

export interface ApiDocumentOptions {
  version: string;
  /** Every rule code a refusal can name (`details.rule`), enumerated in the `RuleCode` schema. */
  ruleCodes: readonly string[];
}

/** `tickets.handOff`, `reports.performance`: the controller's area and the method, stable and readable. */
export const operationId = (controllerKey: string, methodKey: string) => {
  const area = controllerKey.replace(/Controller$/, '');
  return `${area.charAt(0).toLowerCase()}${area.slice(1)}.${methodKey}`;
};

/** The OpenAPI document of the app: what integrators generate clients from and lint. */
export function buildApiDocument(app: INestApplication, options: ApiDocumentOptions): OpenAPIObject {
  for (const dto of requestClasses(app)) documentValidation(dto);
  const config = new DocumentBuilder()
    .setTitle('Complaint desk API')
    .setDescription('Complaint intake with first-responder ownership (首问负责制), 24-hour SLA clocks, escalation and overreach penalty scoring.')
    .setVersion(options.version)
    .addTag('auth', 'Sign-in')
    .addTag('tickets', 'Intake, ownership (首问负责制) and handling of complaints')
    .addTag('checklist', 'The five clears and one report (第七条)')
    .addTag('follow-ups', 'Follow-up visits (回访)')
    .addTag('attachments', 'Photos and documents the resident handed in (第一篇 二.3)')
    .addTag('sla', 'Clocks, breaches, the board, compliance and overreach risk')
    .addTag('notifications', 'Warning, breach and escalation notices')
    .addTag('problems', 'Recurring problems (第九条)')
    .addTag('scoring', 'Overreach penalties (第十条), valid complaints (第十一条) and the ledger')
    .addTag('reports', 'HR’s monthly report and the complaint summary (第八条(四))')
    .addTag('org', 'Departments and staff')
    .addTag('scripts', 'Standard and forbidden phrases, category routing')
    .addTag('events', 'Live events for dashboards')
    .addTag('admin', 'Operations for administrators')
    .addTag('operations', 'Health and metrics')
    .setLicense('UNLICENSED: proprietary, for the property company and its integrators', 'https://spdx.org/licenses/')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The access token from POST /auth/login: a JWS (HS256 only, expiry checked, typed `access`) following RFC8725.',
      },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  // Relative: the server is whichever one serves this document (production, staging or a local run).
  document.servers = [{ url: '/', description: 'The server this document is served from (production, staging or local)', 'x-internal': false } as never];
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...errorSchemas(options.ruleCodes) } };
  addTransportResponses(document);
  normaliseSchemas(document);
  return document;
}

/**
 * Answers of the HTTP layer that every route shares: any route may fail with 500, and answers 400 for text
 * no route accepts (NUL, lone surrogates) in its query or path (input-guard.ts); a route that takes a body
 * also answers malformed JSON (400), a body too large (413) and one that is not JSON (415); a route with
 * path parameters answers one longer than Fastify's maxParamLength with 414; and any route answers 431 for a
 * request line and headers beyond Node's 16 KB.
 */
function addTransportResponses(document: OpenAPIObject): void {
  const error = (status: ErrorStatus) => ({ description: ERROR_RESPONSES[status], content: { 'application/json': { schema: { $ref: ERROR_BODY_REF } } } });
  for (const [, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, { responses: Record<string, unknown>; parameters?: Array<{ in: string }> }]>) {
      // 431: a request line and headers beyond Node's 16 KB (several very long path parameters, say), any route.
      const statuses: ErrorStatus[] = [500, 400, 431];
      if (['post', 'put', 'patch'].includes(method)) statuses.push(413, 415);
      if (operation.parameters?.some((p) => p.in === 'path')) statuses.push(414);
      for (const status of statuses) operation.responses[status] ??= error(status);
    }
  }
}

/** The one error body, its codes and the rule codes, as named schemas. */
function errorSchemas(ruleCodes: readonly string[]): Record<string, SchemaObject> {
  return {
    ErrorCode: { type: 'string', enum: Object.values(DomainErrorCode), description: 'What kind of refusal; the status code follows from it' },
    RuleCode: { type: 'string', enum: [...ruleCodes], description: 'The rule a refusal names (`details.rule`); each module’s rules cite their article' },
    FieldProblem: {
      type: 'object',
      required: ['field', 'problems'],
      properties: {
        field: { type: 'string', maxLength: 200, description: 'Dotted path of the field, e.g. `complainant.phone`' },
        problems: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 500 } },
      },
    },
    ErrorDetails: {
      type: 'object',
      description: 'What the refusal names: the rule, the fields, what is missing; other keys depend on the rule',
      properties: {
        rule: { $ref: '#/components/schemas/RuleCode' },
        fields: { type: 'array', maxItems: 200, items: { $ref: '#/components/schemas/FieldProblem' } },
        missing: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 100 } },
      },
      // A rule adds its own facts (`expressions`, `attempts`, `overreachId`…): an open map by design.
      additionalProperties: true,
    },
    ErrorBody: {
      type: 'object',
      required: ['statusCode', 'error', 'message'],
      properties: {
        statusCode: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
        error: { type: 'string', maxLength: 60, description: 'The status text, e.g. `Unprocessable Entity`' },
        message: { type: 'string', maxLength: 20000, description: 'What went wrong, for a person' },
        code: { $ref: '#/components/schemas/ErrorCode' },
        details: { $ref: '#/components/schemas/ErrorDetails' },
      },
      additionalProperties: false,
    },
  };
}

/**
 * Three rewrites of what the generator writes:
 * - requests refuse unknown fields (forbidNonWhitelisted) and responses are built field by field, so every
 *   object schema that lists its properties and says nothing else is closed; open maps say so themselves;
 * - a lone `allOf: [$ref]` with nothing beside it is the reference itself;
 * - a nullable reference (`nullable` + `allOf: [$ref]`) states the referenced type, as OpenAPI 3.0 wants.
 */
function normaliseSchemas(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const visit = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(visit);
    const s = node as SchemaObject & Record<string, unknown>;
    for (const [key, value] of Object.entries(s)) s[key] = visit(value);
    if (s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
    const only = Array.isArray(s.allOf) && s.allOf.length === 1 ? (s.allOf[0] as { $ref?: string }) : undefined;
    if (only?.$ref && Object.keys(s).length === 1) return only;
    if (only?.$ref && s.nullable && !s.type) s.type = schemas[only.$ref.split('/').pop()!]?.type ?? 'object';
    return s;
  };
  visit(document.components?.schemas);
  visit(document.paths);
}

/** The classes controllers validate bodies and queries into, and the classes nested in them. */
function requestClasses(app: INestApplication): Set<ClassRef> {
  const storage = getMetadataStorage();
  const found = new Set<ClassRef>();
  const visit = (candidate: unknown) => {
    if (typeof candidate !== 'function') return;
    // design:type metadata holds the property's class.
    const type = candidate as ClassRef;
    if (found.has(type)) return;
    const metadata = storage.getTargetValidationMetadatas(type, '', true, false);
    if (!metadata.length) return;
    found.add(type);
    for (const m of metadata) if (m.type === 'nestedValidation') visit(Reflect.getMetadata('design:type', type.prototype, m.propertyName));
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = (wrapper.metatype as ClassRef | null)?.prototype as object | undefined;
      if (!prototype) continue;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        for (const type of (Reflect.getMetadata('design:paramtypes', prototype, method) as unknown[] | undefined) ?? []) visit(type);
      }
    }
  }
  return found;
}

/**
 * The validator's limits become the document's (`@MaxLength(60)` → `maxLength: 60`, `@IsUUID` →
 * `format: uuid`, `@Max` → `maximum`…), so the two cannot disagree. What the DTO's `@ApiProperty` says wins.
 */
function documentValidation(dto: ClassRef): void {
  const byProperty = new Map<string, Record<string, unknown>>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    if (m.each) continue;
    const limits = byProperty.get(m.propertyName) ?? {};
    const [a, b] = (m.constraints ?? []) as unknown[];
    switch (m.name) {
      case 'isLength':
        if (typeof a === 'number' && a > 0) limits.minLength = a;
        if (typeof b === 'number') limits.maxLength = b;
        break;
      case 'maxLength':
        limits.maxLength = a;
        break;
      case 'minLength':
        limits.minLength = a;
        break;
      case 'matches':
        limits.pattern = a instanceof RegExp ? a.source : String(a);
        break;
      case 'isUuid':
        limits.format = 'uuid';
        limits.maxLength = 36;
        break;
      case 'isIso8601':
        limits.format = 'date-time';
        break;
      case 'min':
        limits.minimum = a;
        break;
      case 'max':
        limits.maximum = a;
        break;
      case 'arrayMaxSize':
        limits.maxItems = a;
        break;
      case 'arrayMinSize':
        limits.minItems = a;
        break;
      case 'isInt':
        limits.type = 'integer';
        break;
      case 'isNotEmpty':
        if (Reflect.getMetadata('design:type', dto.prototype, m.propertyName) === String) limits.minLength ??= 1;
        break;
    }
    byProperty.set(m.propertyName, limits);
  }
  for (const [property, limits] of byProperty) {
    const documented = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, property) ?? {}) as Record<string, unknown>;
    if (limits.type === 'integer') {
      // `integer` replaces the `number` the design type gives; the rest only fills what the DTO left out.
      limits.format = typeof limits.maximum === 'number' && limits.maximum > 2 ** 31 - 1 ? 'int64' : 'int32';
      if (documented.type === Number) delete documented.type;
    }
    const missing = Object.fromEntries(Object.entries(limits).filter(([key]) => documented[key] === undefined));
    if (Object.keys(missing).length) ApiProperty(missing as ApiPropertyOptions)(dto.prototype, property);
  }
}
