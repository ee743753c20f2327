import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const PROMTOOL = '/usr/bin/promtool';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire, before any decoding. */
  body: Buffer;
}

/** A plain HTTP GET that keeps the body exactly as sent (supertest would decompress gzip behind our back). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The CSP header as a map from directive to its sources. */
function directives(header: string | string[] | undefined): Record<string, string[]> {
  expect(typeof header).toBe('string');
  return Object.fromEntries(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('serving: compression, Content-Security-Policy and a /metrics Prometheus accepts', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let base: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp('serving', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => t.close());

  describe('compression', () => {
    it('sends the console’s scripts brotli-compressed to a browser that accepts br, and they decode to the file', async () => {
      const file = readFileSync(path.resolve('console/js/pages/ticket.js'));
      const res = await rawGet(`${base}/js/pages/ticket.js`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.length).toBeLessThan(file.length / 2);
      expect(brotliDecompressSync(res.body).equals(file)).toBe(true);
    });

    it('gzips the performance report JSON for a client that accepts only gzip, and it decodes to the same report', async () => {
      const url = `${base}/reports/performance?month=2026-11`;
      const plain = await rawGet(url, auth(org.hr.token));
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024); // above the compression threshold
      const zipped = await rawGet(url, { ...auth(org.hr.token), 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.body.length).toBeLessThan(plain.body.length);
      expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    });

    it('compresses the OpenAPI document and sends nothing compressed to a client that asks for identity', async () => {
      const zipped = await rawGet(`${base}/docs/openapi.json`, { 'accept-encoding': 'br;q=1, gzip;q=0.5' });
      expect(zipped.headers['content-encoding']).toBe('br');
      expect(JSON.parse(brotliDecompressSync(zipped.body).toString('utf8')).openapi).toMatch(/^3\./);
      const identity = await rawGet(`${base}/docs/openapi.json`, { 'accept-encoding': 'identity' });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(identity.body.toString('utf8')).openapi).toMatch(/^3\./);
    });

    it('leaves the live event stream uncompressed, so every event reaches the board as it happens', async () => {
      const token = (await t.http().post('/events/stream-token').set(auth(org.manager.token)).expect(200)).body.token as string;
      const first = await new Promise<{ headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
        const req = http.get(`${base}/events/stream?token=${encodeURIComponent(token)}`, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
          res.once('data', (chunk: Buffer) => {
            resolve({ headers: res.headers, text: chunk.toString('utf8') });
            req.destroy();
          });
        });
        req.on('error', reject);
      });
      expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(first.headers['content-encoding']).toBeUndefined();
      expect(first.text).toContain('event: ready'); // readable as it is: not a compressed block
    });

    it('does not inflate compressed request bodies (the body limit stays a limit on what is read): a gzipped intake is refused and files nothing', async () => {
      const summary = '压缩请求体不解压测试';
      const res = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send(gzipSync(JSON.stringify(intakeBody({ summary }))));
      expect(res.status).toBe(400);
      const found = await t.http().get('/tickets').query({ q: summary }).set(auth(t.adminToken)).expect(200);
      expect(found.body.items).toEqual([]);
    });
  });

  describe('Content-Security-Policy', () => {
    it('serves the console with a strict policy: scripts, styles and connections from this origin only, nothing inline', async () => {
      const res = await rawGet(`${base}/`);
      expect(res.status).toBe(200);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['script-src-attr']).toEqual(["'none'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['require-trusted-types-for']).toEqual(["'script'"]);
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-(inline|eval)/);
    });

    it('needs nothing the policy refuses: the console page has no inline script or style', () => {
      const html = readFileSync(path.resolve('console/index.html'), 'utf8');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    });

    it('gives the API the same policy, and Swagger UI at /docs its own: inline styles allowed, scripts still only from this origin', async () => {
      const api = await rawGet(`${base}/health`);
      expect(directives(api.headers['content-security-policy'])['script-src']).toEqual(["'self'"]);
      const docs = await rawGet(`${base}/docs`);
      expect(docs.status).toBe(200);
      expect(docs.body.toString('utf8')).toContain('swagger-ui-bundle.js');
      const csp = directives(docs.headers['content-security-policy']);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['img-src']).toEqual(["'self'", 'data:']);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(directives((await rawGet(`${base}/docs/swagger-ui-init.js`)).headers['content-security-policy'])['style-src']).toContain("'unsafe-inline'");
    });
  });

  describe('/metrics', () => {
    beforeAll(async () => {
      // Give the app's counters, histograms and gauges series to expose.
      await fileTicket(t, org.cs.staff.token);
      t.clock.set('2026-11-03T03:00:00Z');
      await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    });

    it('passes `promtool check metrics` with no complaint', async () => {
      if (!existsSync(PROMTOOL))
        throw new Error(`${PROMTOOL} is missing: run \`node scripts/ensure-test-tools.mjs\` as root (npm test does) or apt-get install prometheus`);
      const res = await t.http().get('/metrics').expect(200);
      expect(res.text).toContain('complaint_desk_sla_breaches_total');
      // promtool reads the exposition on stdin and prints one line per problem (exit 1 for a lint problem, 3 for bad input).
      const output = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn(PROMTOOL, ['check', 'metrics']);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d));
        child.stderr.on('data', (d: Buffer) => (out += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, out }));
        child.stdin.end(res.text);
      });
      expect(output.out).toBe('');
      expect(output.code).toBe(0);
    });

    it('names every metric of the app complaint_desk_…, beside the standard process_ and nodejs_ ones', async () => {
      const res = await t.http().get('/metrics').expect(200);
      const families = [...res.text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1]);
      expect(families.length).toBeGreaterThan(20);
      expect(families.filter((name) => !/^(complaint_desk|process|nodejs)_/.test(name))).toEqual([]);
      for (const name of [
        'complaint_desk_http_requests_total',
        'complaint_desk_http_request_duration_seconds',
        'complaint_desk_sla_open_tickets',
        'complaint_desk_sla_breached_tickets',
        'nodejs_active_handles',
      ]) {
        expect(families).toContain(name);
      }
    });
  });
});
