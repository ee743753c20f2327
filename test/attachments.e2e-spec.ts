import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { attachmentBody, base64, pngOfSize, TINY_JPEG, TINY_PDF, TINY_PNG } from './factories/attachment.factory.js';
import { createCompany, createStaff } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
/** Reads any answer's body as bytes (supertest parses only JSON and text by itself). */
const bytes = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** 第一篇 二.3 (阅看来访人提交的相关材料): photos and documents on a ticket, its replies and follow-up visits. */
describe('attachments: the materials a resident hands in (第一篇 二.3)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const MAX_BYTES = 4096;
  const MAX_FILES = 3;

  beforeAll(async () => {
    t = await createTestApp('attachments', {
      policy: (p) => ({ ...p, attachments: { ...p.attachments, maxBytes: MAX_BYTES, maxFilesPerTicket: MAX_FILES } }),
    });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  const upload = (ticketId: string, token: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/tickets/${ticketId}/attachments`).set(auth(token)).send(attachmentBody(body));
  const download = (ticketId: string, attachmentId: string, token: string) =>
    t.http().get(`/tickets/${ticketId}/attachments/${attachmentId}`).set(auth(token)).buffer(true).parse(bytes);
  const detail = async (ticketId: string, token: string) => (await t.http().get(`/tickets/${ticketId}`).set(auth(token)).expect(200)).body;

  it('第一篇 二.3: a clerk attaches a photo to the ticket; the upload, its history row and its event commit together', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    t.clock.set('2026-11-28T03:00:00Z');
    const res = await upload(ticket.id, org.eng.staff.token).expect(201);
    expect(res.body).toMatchObject({
      ticketId: ticket.id,
      replyId: null,
      followUpId: null,
      fileName: '漏水照片.png',
      contentType: 'image/png',
      size: Buffer.from(TINY_PNG, 'base64').length,
      sha256: createHash('sha256').update(Buffer.from(TINY_PNG, 'base64')).digest('hex'),
      uploadedBy: { id: org.eng.staff.id },
      uploadedAt: '2026-11-28T03:00:00.000Z',
      contentVisible: true,
    });
    const list = await t.http().get(`/tickets/${ticket.id}/attachments`).set(auth(org.eng.supervisor.token)).expect(200);
    expect(list.body).toMatchObject({
      items: [{ id: res.body.id }],
      maxFiles: MAX_FILES,
      maxBytes: MAX_BYTES,
      allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
    });
    const row = (await detail(ticket.id, org.eng.staff.token)).history.find((h: { action: string }) => h.action === 'attachment_added');
    expect(row).toMatchObject({
      actor: { id: org.eng.staff.id },
      at: '2026-11-28T03:00:00.000Z',
      after: { attachmentId: res.body.id, fileName: '漏水照片.png' },
    });
    const [event] = await t.db.query(`SELECT payload FROM domain_event WHERE name = 'attachment.added' AND ticket_id = $1`, [ticket.id]);
    expect(event.payload).toMatchObject({ attachmentId: res.body.id, contentType: 'image/png' });
  });

  it('第一篇 二.3: a photo attaches to a reply and a document to a follow-up visit of the same ticket, not of another', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const other = await fileTicket(t, org.eng.staff.token);
    await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(org.eng.staff.token)).send({ content: '师傅今天下午上门维修', via: 'phone' }).expect(200);
    const replyId = (await detail(ticket.id, org.eng.staff.token)).replies[0].id as string;
    const onReply = await upload(ticket.id, org.eng.staff.token, {
      replyId,
      fileName: '维修前.jpg',
      contentType: 'image/jpeg',
      contentBase64: TINY_JPEG,
    }).expect(201);
    expect(onReply.body).toMatchObject({ replyId, contentType: 'image/jpeg' });
    await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(org.eng.staff.token)).send({ summary: '已修复' }).expect(200);
    const visit = await t
      .http()
      .post(`/tickets/${ticket.id}/follow-ups`)
      .set(auth(org.eng.supervisor.token))
      .send({ contact: 'visit', verdict: 'satisfied', note: '业主签字确认' });
    expect(visit.status).toBe(201);
    const onVisit = await upload(ticket.id, org.eng.supervisor.token, {
      followUpId: visit.body.id,
      fileName: '回访签字.pdf',
      contentType: 'application/pdf',
      contentBase64: TINY_PDF,
    }).expect(201);
    expect(onVisit.body).toMatchObject({ followUpId: visit.body.id, contentType: 'application/pdf' });
    // The reply and the visit belong to `ticket`: attaching them through another ticket names nothing.
    expect((await upload(other.id, org.eng.staff.token, { replyId })).status).toBe(404);
    expect((await upload(other.id, org.eng.staff.token, { followUpId: visit.body.id })).status).toBe(404);
  });

  it('第一篇 二.3: a download is saved, never shown: Content-Disposition attachment with the RFC 5987 name, the recognised type, nosniff', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const pdf = (
      await upload(ticket.id, org.eng.staff.token, { fileName: '业主来信 (复印件).pdf', contentType: 'application/pdf', contentBase64: TINY_PDF }).expect(201)
    ).body;
    const res = await download(ticket.id, pdf.id, org.eng.staff.token).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attachment-${pdf.id.slice(0, 8)}.pdf"; filename*=UTF-8''%E4%B8%9A%E4%B8%BB%E6%9D%A5%E4%BF%A1%20%28%E5%A4%8D%E5%8D%B0%E4%BB%B6%29.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.compare(res.body as Buffer, Buffer.from(TINY_PDF, 'base64'))).toBe(0);
  });

  it('第一篇 二.3: a file named like a web page is saved under its real type’s extension (photo.html holding a PNG is photo.html.png)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const png = (await upload(ticket.id, org.eng.staff.token, { fileName: 'photo.html' }).expect(201)).body;
    const res = await download(ticket.id, png.id, org.eng.staff.token).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''photo\.html\.png$/);
  });

  it('第一篇 二.3: every download is recorded in the ticket’s history (who, when, which file) before the bytes are sent', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const png = (await upload(ticket.id, org.eng.staff.token).expect(201)).body;
    t.clock.set('2026-11-28T05:00:00Z');
    await download(ticket.id, png.id, org.eng.supervisor.token).expect(200);
    t.clock.set('2026-11-28T05:10:00Z');
    await download(ticket.id, png.id, org.manager.token).expect(200);
    const rows = (await detail(ticket.id, org.eng.staff.token)).history.filter((h: { action: string }) => h.action === 'attachment_downloaded');
    expect(rows).toMatchObject([
      { actor: { id: org.eng.supervisor.id }, at: '2026-11-28T05:00:00.000Z', after: { attachmentId: png.id, fileName: '漏水照片.png' } },
      { actor: { id: org.manager.id }, at: '2026-11-28T05:10:00.000Z', after: { attachmentId: png.id } },
    ]);
  });

  it('第一篇 二.3: the same content is stored once, named by its SHA-256, and a ticket’s list reads no content', async () => {
    const a = await fileTicket(t, org.eng.staff.token);
    const b = await fileTicket(t, org.eng.staff.token);
    const content = pngOfSize(1000);
    const first = (await upload(a.id, org.eng.staff.token, { contentBase64: content }).expect(201)).body;
    const second = (await upload(b.id, org.eng.staff.token, { contentBase64: content, fileName: '同一张照片.png' }).expect(201)).body;
    expect(second.sha256).toBe(first.sha256);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM attachment_content WHERE sha256 = $1', [first.sha256]);
    expect(n).toBe(1);
    expect(Buffer.compare((await download(b.id, second.id, org.eng.staff.token).expect(200)).body as Buffer, Buffer.from(content, 'base64'))).toBe(0);
    // The list's facts come from `attachment` alone: it holds no bytes.
    const columns = (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'attachment'`)).map(
      (c: { column_name: string }) => c.column_name,
    );
    expect(columns).not.toContain('content');
  });

  it('第一篇 二.3: a file over attachments.maxBytes is refused naming the limit (422 attachment.max_bytes); a body far beyond it is 413', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    expect((await upload(ticket.id, org.eng.staff.token, { contentBase64: pngOfSize(MAX_BYTES) })).status).toBe(201);
    const over = await upload(ticket.id, org.eng.staff.token, { contentBase64: pngOfSize(MAX_BYTES + 1) });
    expect(over.status).toBe(422);
    expect(over.body.details).toMatchObject({ rule: 'attachment.max_bytes', limit: MAX_BYTES, size: MAX_BYTES + 1 });
    expect(over.body.message).toContain(String(MAX_BYTES));
    const huge = await upload(ticket.id, org.eng.staff.token, { contentBase64: pngOfSize(MAX_BYTES * 40) });
    expect(huge.status).toBe(413);
    expect((await t.http().get(`/tickets/${ticket.id}/attachments`).set(auth(org.eng.staff.token)).expect(200)).body.items).toHaveLength(1);
  });

  it('第一篇 二.3: a ticket holds at most attachments.maxFilesPerTicket files (422 attachment.max_files naming the limit)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    for (let i = 0; i < MAX_FILES; i++) await upload(ticket.id, org.eng.staff.token, { fileName: `照片${i}.png` }).expect(201);
    const res = await upload(ticket.id, org.eng.staff.token, { fileName: '多一张.png' });
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ rule: 'attachment.max_files', limit: MAX_FILES, held: MAX_FILES });
  });

  it('第一篇 二.3: the type is what the content is: a JPEG declared PNG is refused (attachment.type_mismatch), a GIF is not among the allowed types', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const mismatch = await upload(ticket.id, org.eng.staff.token, { contentType: 'image/png', contentBase64: TINY_JPEG });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.details).toMatchObject({ rule: 'attachment.type_mismatch', declared: 'image/png', detected: 'image/jpeg' });
    const gif = await upload(ticket.id, org.eng.staff.token, {
      fileName: 'a.gif',
      contentType: 'image/gif',
      contentBase64: base64('GIF89a\u0001\u0000\u0001\u0000'),
    });
    expect(gif.status).toBe(422);
    expect(gif.body.details).toMatchObject({ rule: 'attachment.type_not_allowed', detected: 'image/gif' });
  });

  it('第一篇 二.3: bad fields are a 400 naming the field (not base64, a name with folders, an unknown type)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    for (const [field, body] of [
      ['contentBase64', { contentBase64: 'not base64!' }],
      ['fileName', { fileName: '../../etc/passwd' }],
      ['contentType', { contentType: 'text/html' }],
      ['replyId', { replyId: 'x' }],
    ] as const) {
      const res = await upload(ticket.id, org.eng.staff.token, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
    }
  });

  it('第一篇 二.3: an upload retried with its Idempotency-Key is recorded once', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const send = () => upload(ticket.id, org.eng.staff.token).set('Idempotency-Key', 'photo-upload-1');
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body.id).toBe(first.body.id);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM attachment WHERE ticket_id = $1', [ticket.id]);
    expect(n).toBe(1);
  });

  it('第一篇 二.3 and DESIGN (who may see what): HR sees the files’ facts, phone numbers masked, not their content (403 attachment.content_masked)', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const png = (await upload(ticket.id, org.eng.staff.token, { fileName: '业主13912345678门口.png' }).expect(201)).body;
    const list = await t.http().get(`/tickets/${ticket.id}/attachments`).set(auth(org.hr.token)).expect(200);
    expect(list.body.items).toMatchObject([{ id: png.id, fileName: '业主139****5678门口.png', contentVisible: false, size: png.size }]);
    const res = await t.http().get(`/tickets/${ticket.id}/attachments/${png.id}`).set(auth(org.hr.token));
    expect(res.status).toBe(403);
    expect(res.body.details).toMatchObject({ rule: 'attachment.content_masked' });
    // The ticket's history names the file for HR masked too.
    const added = (await detail(ticket.id, org.hr.token)).history.find((h: { action: string }) => h.action === 'attachment_added');
    expect(added.after.fileName).toBe('业主139****5678门口.png');
    expect(JSON.stringify(added)).not.toContain('13912345678');
    // HR may not add materials either: handling a ticket is not HR's job.
    expect((await upload(ticket.id, org.hr.token)).status).toBe(403);
    // A refused download is not a download: no history row.
    const rows = (await detail(ticket.id, org.eng.staff.token)).history.filter((h: { action: string }) => h.action === 'attachment_downloaded');
    expect(rows).toEqual([]);
  });

  it('第一篇 二.3: HR who is also a clerk sees the content of their own department’s tickets in clear, as a clerk', async () => {
    const clerk = await createStaff(t, { department: org.eng.department, roles: ['hr', 'staff'], name: '人事兼工程文员' });
    const ticket = await fileTicket(t, org.eng.staff.token);
    const png = (await upload(ticket.id, org.eng.staff.token).expect(201)).body;
    expect((await download(ticket.id, png.id, clerk.token)).status).toBe(200);
  });

  it('第一篇 二.3: attachments are evidence: the app’s database role may neither change nor remove them', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    await upload(ticket.id, org.eng.staff.token).expect(201);
    await expect(t.db.query(`UPDATE attachment SET file_name = 'x' WHERE ticket_id = $1`, [ticket.id])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM attachment_content`)).rejects.toThrow(/permission denied/);
  });
});

describe('attachments: policy lets HR see content (attachments.hrSeesContent)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;

  beforeAll(async () => {
    t = await createTestApp('attachments_hr', { policy: (p) => ({ ...p, attachments: { ...p.attachments, hrSeesContent: true } }) });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('第一篇 二.3: with attachments.hrSeesContent HR downloads the content, and the download is recorded', async () => {
    const ticket = await fileTicket(t, org.eng.staff.token);
    const png = (await t.http().post(`/tickets/${ticket.id}/attachments`).set(auth(org.eng.staff.token)).send(attachmentBody()).expect(201)).body;
    const list = await t.http().get(`/tickets/${ticket.id}/attachments`).set(auth(org.hr.token)).expect(200);
    expect(list.body.items[0].contentVisible).toBe(true);
    const res = await t.http().get(`/tickets/${ticket.id}/attachments/${png.id}`).set(auth(org.hr.token)).buffer(true).parse(bytes);
    expect(res.status).toBe(200);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'attachment_downloaded' AND actor_id = $2`,
      [ticket.id, org.hr.id],
    );
    expect(n).toBe(1);
  });
});
