import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { attachmentBody, base64, pngOfSize, TINY_PNG } from '../factories/attachment.factory.js';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const bytes = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The attacks on attachments (第一篇 二.3), performed: reading another department's files, by the ticket or by
 * the attachment's id; disguising a page or a script as a photo; files and bodies beyond the limits; names that
 * try to break the download's headers. Each leaves nothing written.
 */
describe('attacks on attachments', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let engTicket: string;
  let engPhoto: string;
  let envTicket: string;

  beforeAll(async () => {
    t = await createTestApp('sec_attachments', { policy: (p) => ({ ...p, attachments: { ...p.attachments, maxBytes: 8192 } }) });
    org = await createCompany(t);
    engTicket = (await fileTicket(t, org.eng.staff.token)).id;
    envTicket = (await fileTicket(t, org.env.staff.token, { category: '卫生' })).id;
    engPhoto = (await t.http().post(`/tickets/${engTicket}/attachments`).set(auth(org.eng.staff.token)).send(attachmentBody()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const counts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM attachment)::int AS files, (SELECT count(*) FROM attachment_content)::int AS contents, (SELECT count(*) FROM ticket_history)::int AS history`,
      )
    )[0];

  it('第一篇 二.3: another department’s staff and supervisor get 404 for the ticket’s files: list, download, upload', async () => {
    const before = await counts();
    for (const token of [org.env.staff.token, org.env.supervisor.token]) {
      expect((await t.http().get(`/tickets/${engTicket}/attachments`).set(auth(token))).status).toBe(404);
      expect((await t.http().get(`/tickets/${engTicket}/attachments/${engPhoto}`).set(auth(token))).status).toBe(404);
      expect((await t.http().post(`/tickets/${engTicket}/attachments`).set(auth(token)).send(attachmentBody())).status).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });

  it('第一篇 二.3: an attachment id of another department’s ticket, asked for under one’s own ticket, is 404 and records no download', async () => {
    const before = await counts();
    const res = await t.http().get(`/tickets/${envTicket}/attachments/${engPhoto}`).set(auth(org.env.staff.token));
    expect(res.status).toBe(404);
    expect(res.body.message).not.toContain('漏水');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an HTML page', '<!doctype html><script>fetch("/tickets")</script>'],
    ['an SVG with a script', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'],
    ['a script', 'alert(document.cookie)'],
  ])('第一篇 二.3: %s declared image/png is refused: the content decides the type', async (_what, text) => {
    const before = await counts();
    const res = await t
      .http()
      .post(`/tickets/${engTicket}/attachments`)
      .set(auth(org.eng.staff.token))
      .send(attachmentBody({ fileName: 'photo.png', contentBase64: base64(text) }));
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ rule: 'attachment.type_not_allowed', detected: null });
    expect(await counts()).toEqual(before);
  });

  it('第一篇 二.3: a PNG carrying HTML after its signature, named .html, is only ever a PNG download: attachment, image/png, nosniff, sandboxed', async () => {
    const polyglot = Buffer.concat([Buffer.from(TINY_PNG, 'base64'), Buffer.from('<html><script>alert(1)</script></html>')]).toString('base64');
    const id = (
      await t
        .http()
        .post(`/tickets/${engTicket}/attachments`)
        .set(auth(org.eng.staff.token))
        .send(attachmentBody({ fileName: 'x.html', contentBase64: polyglot }))
        .expect(201)
    ).body.id;
    const res = await t.http().get(`/tickets/${engTicket}/attachments/${id}`).set(auth(org.eng.staff.token)).buffer(true).parse(bytes).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="attachment-[0-9a-f]{8}\.png"; filename\*=UTF-8''x\.html\.png$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('第一篇 二.3: a name made to break the download’s headers (quotes, semicolons, CR LF) cannot: CR LF is refused, the rest is percent-encoded', async () => {
    const crlf = await t
      .http()
      .post(`/tickets/${engTicket}/attachments`)
      .set(auth(org.eng.staff.token))
      .send(attachmentBody({ fileName: 'a.png\r\nSet-Cookie: x=1' }));
    expect(crlf.status).toBe(400);
    expect(crlf.body.message).toContain('fileName');
    const name = 'a"; filename=evil.html; x=".png';
    const id = (
      await t
        .http()
        .post(`/tickets/${engTicket}/attachments`)
        .set(auth(org.eng.staff.token))
        .send(attachmentBody({ fileName: name }))
        .expect(201)
    ).body.id;
    const res = await t.http().get(`/tickets/${engTicket}/attachments/${id}`).set(auth(org.eng.staff.token)).buffer(true).parse(bytes).expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attachment-${id.slice(0, 8)}.png"; filename*=UTF-8''a%22%3B%20filename%3Devil.html%3B%20x%3D%22.png`,
    );
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('第一篇 二.3: an oversized file is refused naming the limit, a body beyond the upload limit is 413, and neither writes anything', async () => {
    const before = await counts();
    const over = await t
      .http()
      .post(`/tickets/${engTicket}/attachments`)
      .set(auth(org.eng.staff.token))
      .send(attachmentBody({ contentBase64: pngOfSize(8193) }));
    expect(over.status).toBe(422);
    expect(over.body.details).toMatchObject({ rule: 'attachment.max_bytes', limit: 8192 });
    const flood = await t
      .http()
      .post(`/tickets/${engTicket}/attachments`)
      .set(auth(org.eng.staff.token))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(attachmentBody({ contentBase64: 'A'.repeat(4 * 1024 * 1024) })));
    expect(flood.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('第一篇 二.3: HR cannot reach content by guessing: the download is 403 for HR, the list gives no bytes', async () => {
    const list = await t.http().get(`/tickets/${engTicket}/attachments`).set(auth(org.hr.token)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(TINY_PNG);
    expect((await t.http().get(`/tickets/${engTicket}/attachments/${engPhoto}`).set(auth(org.hr.token))).status).toBe(403);
  });
});
