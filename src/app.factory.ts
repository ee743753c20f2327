import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { UPLOAD_ROUTE, uploadBodyLimit } from './attachments/upload-body-limit.js';
import { PLACES_IMPORT_ROUTE, placesImportBodyLimit } from './places/places-import-route.js';
import { RESIDENT_FILING_ROUTE, residentFilingBodyLimit } from './residents/resident-body-limit.js';
import { ApiExceptionFilter, toErrorBody } from './common/errors/exception.filter.js';
import { buildApiDocument } from './common/http/api-document.js';
import { consoleDirectives, docsDirectives, isDocsRoute } from './common/http/content-security-policy.js';
import { findInputProblem, rejectInput } from './common/http/input-guard.js';
import { createValidationPipe } from './common/http/validation.js';
import { httpDuration, httpRequests } from './common/metrics.js';
import { captureProcessWarnings, PinoNestLogger } from './logging/logger.js';
import { RULE_CODES } from './rule-codes.js';

/** Builds the HTTP application the same way for `npm start` and for the end-to-end tests. */
export async function createApp(options: AppModuleOptions, logger: Logger): Promise<NestFastifyApplication> {
  // Fastify's deprecation notices and Node's warnings come out as JSON lines like everything else.
  captureProcessWarnings(logger);
  // Request logging is on by default; its lines go through the logger's req/res/err serializers.
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: options.config.bodyLimitBytes,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // X-Forwarded-For only from the proxies TRUST_PROXY names; by default the peer's address stands.
    trustProxy: options.config.trustProxy.length ? options.config.trustProxy : false,
    // The router refuses a malformed URL (400) or an over-long path parameter (414) before any route runs:
    // answer those with the API's error body too, as the document declares.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error);
      void reply.status(body.statusCode).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // JSON only: Nest would add a form-urlencoded parser, Fastify a text/plain one. Any other body is a 415.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  // JSON bodies: Fastify's own parser (prototype-poisoning checks), then what no route may accept —
  // NUL and lone surrogates in text, and nesting deep enough to overflow the validators — is a 400.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      const found = findInputProblem(value, '(body)');
      return found ? done(rejectInput(found), undefined) : done(null, value);
    });
  });
  // CSV for the place register's import only: on any other route a text/csv body is a 415, as before.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if (!(request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[PLACES_IMPORT_ROUTE]) {
      return done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }), undefined);
    }
    const found = findInputProblem(body, '(body)');
    return found ? done(rejectInput(found), undefined) : done(null, body);
  });
  fastify.addHook('preValidation', async (request) => {
    const found = findInputProblem(request.query, '(query)') ?? findInputProblem(request.params, '(path)');
    if (found) throw rejectInput({ ...found, field: found.field.replace(/^\((query|path)\)\./, '') });
  });
  // Swagger UI's routes get their own, looser style policy; added before helmet so helmet reads the route option.
  fastify.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: docsDirectives } };
    // The attachment upload carries a file in base64: its own body limit, from the policy's largest file.
    if ((route.config as Record<string, unknown> | undefined)?.[UPLOAD_ROUTE]) route.bodyLimit = uploadBodyLimit(options.policy.attachments);
    if ((route.config as Record<string, unknown> | undefined)?.[PLACES_IMPORT_ROUTE]) route.bodyLimit = placesImportBodyLimit(options.policy.places);
    // The residents' online filing carries its photos in base64: its own limit, from resident.maxPhotos × maxPhotoBytes.
    if ((route.config as Record<string, unknown> | undefined)?.[RESIDENT_FILING_ROUTE]) route.bodyLimit = residentFilingBodyLimit(options.policy.resident);
  });
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: consoleDirectives } });
  // gzip or br (zstd is still experimental in Node 24) for responses of 1 KiB and up: the console's files, JSON,
  // CSV. Not the live stream: its route takes over the raw response, and text/event-stream is never compressed.
  // Compressed request bodies are not accepted (no decompression), as before: the body limit stays a byte limit.
  await app.register(compress, { encodings: ['br', 'gzip'], globalDecompression: false });
  // The web console (console/, plain HTML and ES modules) at `/`: one route per file, so unknown paths stay API 404s.
  const consoleRoot = findConsoleRoot();
  if (consoleRoot) await app.register(fastifyStatic, { root: consoleRoot, prefix: '/', wildcard: false, index: 'index.html' });
  // Graceful drain: requests in flight when shutdown begins finish, and their keep-alive connections
  // close right after their response instead of holding the server open until the keep-alive timeout.
  let draining = false;
  let reaper: NodeJS.Timeout | undefined;
  fastify.addHook('preClose', async () => {
    draining = true;
    reaper = setInterval(() => fastify.server.closeIdleConnections(), 50);
  });
  fastify.addHook('onClose', async () => {
    if (reaper) clearInterval(reaper);
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  const document = buildApiDocument(app, { version: '0.1.0', ruleCodes: RULE_CODES });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** console/ beside src/ (tests run the sources) or beside dist/ (the built app). */
function findConsoleRoot(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.resolve(here, '../console'), path.resolve(here, '../../console')].find((dir) => existsSync(path.join(dir, 'index.html')));
}
