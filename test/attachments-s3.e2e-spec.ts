import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { attachmentBody, TINY_PDF } from './factories/attachment.factory.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const bytes = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const body = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * A bucket on 127.0.0.1 that speaks as much S3 as the store uses: path-style PUT and GET of an object,
 * SigV4-signed (the signature's payload hash must be the body's SHA-256), 404 NoSuchKey for a missing key.
 */
function fakeBucket() {
  const objects = new Map<string, Buffer>();
  const seen: Array<{ method: string; path: string; authorization: string }> = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://bucket').pathname);
      const authorization = String(req.headers.authorization ?? '');
      seen.push({ method: req.method ?? '', path, authorization });
      if (
        !/^AWS4-HMAC-SHA256 Credential=test-access-key\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(authorization)
      ) {
        res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
        return;
      }
      if (req.method === 'PUT') {
        const content = await body(req);
        const declared = req.headers['x-amz-content-sha256'];
        if (declared !== 'UNSIGNED-PAYLOAD' && declared !== createHash('sha256').update(content).digest('hex')) {
          res.writeHead(400, { 'content-type': 'application/xml' }).end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
          return;
        }
        objects.set(path, content);
        res.writeHead(200, { etag: `"${createHash('md5').update(content).digest('hex')}"` }).end();
      } else if (req.method === 'GET') {
        const content = objects.get(path);
        if (!content) res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
        else res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(content.length) }).end(content);
      } else {
        res.writeHead(405).end();
      }
    })();
  });
  return { server, objects, seen };
}

/** 第一篇 二.3 with ATTACHMENT_STORE=s3: the bytes go to an S3-compatible bucket; the facts and the audit stay in PostgreSQL. */
describe('attachments in an S3-compatible bucket (ATTACHMENT_STORE=s3)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const bucket = fakeBucket();

  beforeAll(async () => {
    await new Promise<void>((resolve) => bucket.server.listen(0, '127.0.0.1', resolve));
    const port = (bucket.server.address() as AddressInfo).port;
    t = await createTestApp('attachments_s3', {
      env: {
        ATTACHMENT_STORE: 's3',
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_BUCKET: 'desk-files',
        S3_ACCESS_KEY_ID: 'test-access-key',
        S3_SECRET_ACCESS_KEY: 'test-secret-key',
      },
    });
    org = await createCompany(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => bucket.server.close(resolve));
  });

  it('第一篇 二.3: an upload puts the bytes in the bucket at attachments/<sha256>, signed; PostgreSQL keeps the facts and the history row, not the bytes', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const res = await t
      .http()
      .post(`/tickets/${ticket.id}/attachments`)
      .set(auth(org.eng.staff.token))
      .send(attachmentBody({ fileName: '业主来信.pdf', contentType: 'application/pdf', contentBase64: TINY_PDF }))
      .expect(201);
    const sha256 = createHash('sha256').update(Buffer.from(TINY_PDF, 'base64')).digest('hex');
    expect(res.body.sha256).toBe(sha256);
    expect(Buffer.compare(bucket.objects.get(`/desk-files/attachments/${sha256}`)!, Buffer.from(TINY_PDF, 'base64'))).toBe(0);
    const [row] = await t.db.query('SELECT store FROM attachment WHERE id = $1', [res.body.id]);
    expect(row.store).toBe('s3');
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM attachment_content');
    expect(n).toBe(0);
    const [{ h }] = await t.db.query(`SELECT count(*)::int AS h FROM ticket_history WHERE ticket_id = $1 AND action = 'attachment_added'`, [ticket.id]);
    expect(h).toBe(1);
  });

  it('第一篇 二.3: a download reads the object back from the bucket after recording who downloaded it', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const id = (await t.http().post(`/tickets/${ticket.id}/attachments`).set(auth(org.eng.staff.token)).send(attachmentBody()).expect(201)).body.id;
    const before = bucket.seen.filter((r) => r.method === 'GET').length;
    const res = await t.http().get(`/tickets/${ticket.id}/attachments/${id}`).set(auth(org.eng.supervisor.token)).buffer(true).parse(bytes).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.body as Buffer, Buffer.from(attachmentBody().contentBase64, 'base64'))).toBe(0);
    expect(bucket.seen.filter((r) => r.method === 'GET').length).toBe(before + 1);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'attachment_downloaded' AND actor_id = $2`,
      [ticket.id, org.eng.supervisor.id],
    );
    expect(n).toBe(1);
  });
});
