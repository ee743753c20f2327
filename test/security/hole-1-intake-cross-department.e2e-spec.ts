import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket, intakeBody } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Hole 1: intake reached other departments' tickets. A clerk of one department posting an intake that
 * names (relatedTicketId) or matches (phone + category) another department's ticket got that ticket
 * back whole, summary and unmasked phone, while GET /tickets/:id answered 404 to the same person.
 */
describe('hole 1: intake does not reach tickets the clerk may not see', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;

  beforeAll(async () => {
    t = await createTestApp('sec_intake');
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('answers 404 for a relatedTicketId of another department, as for one that does not exist, and writes nothing into it', async () => {
    const theirs = await fileTicket(t, org.eng.staff.token, { summary: '工程部内部：业主家中漏水，联系 13912345678' });
    expect((await t.http().get(`/tickets/${theirs.id}`).set(auth(org.env.staff.token))).status).toBe(404);

    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send(intakeBody({ relatedTicketId: theirs.id, category: '卫生' }));
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('漏水');
    const missing = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send(intakeBody({ relatedTicketId: '00000000-0000-4000-8000-000000000000', category: '卫生' }));
    expect(missing.status).toBe(404);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(missing.body).sort());

    const detail = await t.http().get(`/tickets/${theirs.id}`).set(auth(org.manager.token)).expect(200);
    expect(detail.body.repeatCount).toBe(0);
    expect(detail.body.repeatContacts).toHaveLength(0);
  });

  it('logs a phone + category match in another department’s ticket as a repeat contact, and answers only reference, status, department, handler and due time', async () => {
    const phone = '13955550001';
    const theirs = await fileTicket(t, org.eng.staff.token, {
      complainant: { name: '周女士', phone, address: { community: '阳光花园', building: '7', unit: '1', room: '1203' } },
      summary: '内部备注：业主另有 13800001111 可联系，家中老人独居',
      requests: '尽快上门',
    });
    const body = intakeBody({ complainant: { name: '周女士', phone, address: { community: '阳光花园' } }, summary: '又打电话来问漏水', category: '报修' });
    const secrets = ['内部备注', '13800001111', '1203', '尽快上门', theirs.id];
    const limited = {
      reference: theirs.reference,
      status: 'open',
      department: { id: org.eng.department.id, code: 'ENG', name: '工程部' },
      handlerName: expect.any(String),
      nextDueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    };

    // Without the clerk's choice nothing is recorded: the answer lists the match, told as the desk may tell it.
    const asked = await t.http().post('/tickets').set(auth(org.env.staff.token)).send(body);
    expect(asked.status).toBe(409);
    expect(asked.body.details.matches).toEqual([{ ...limited, receivedAt: theirs.receivedAt, ticketId: null, summary: null }]);
    for (const secret of secrets) expect(JSON.stringify(asked.body)).not.toContain(secret);
    const lookup = await t.http().get('/intake/matches').query({ phone, category: '报修' }).set(auth(org.env.staff.token)).expect(200);
    expect(lookup.body.matches).toEqual(asked.body.details.matches);
    for (const secret of secrets) expect(JSON.stringify(lookup.body)).not.toContain(secret);

    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send({ ...body, match: { choice: 'same', reference: theirs.reference } });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('repeat_contact');
    expect(res.body.ticket).toBeNull();
    expect(res.body.matter).toEqual(limited);
    const text = JSON.stringify(res.body);
    for (const secret of secrets) expect(text).not.toContain(secret);
    // 24 hours from receipt: the response clock's deadline.
    expect(new Date(res.body.matter.nextDueAt).getTime() - new Date(theirs.receivedAt as string).getTime()).toBe(24 * 3600_000);
    expect(res.headers.location).toBeUndefined();

    // The call is on record in the resident's one matter (首问负责制: the desk logs every call).
    const detail = await t.http().get(`/tickets/${theirs.id}`).set(auth(org.manager.token)).expect(200);
    expect(detail.body.repeatCount).toBe(1);
    expect(detail.body.repeatContacts[0]).toMatchObject({ recordedBy: { id: org.env.staff.id }, summary: '又打电话来问漏水' });
  });

  it('answers 404 for "same matter" with the reference of another department’s ticket that is not the caller’s, and writes nothing into it', async () => {
    const theirs = await fileTicket(t, org.eng.staff.token, { summary: '工程部内部：另一位业主的事' });
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send(intakeBody({ category: '卫生', match: { choice: 'same', reference: theirs.reference } }));
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('工程部内部');
    const missing = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send(intakeBody({ category: '卫生', match: { choice: 'same', reference: 'TS-20000101-0001' } }));
    expect(missing.status).toBe(404);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(missing.body).sort());
    const detail = await t.http().get(`/tickets/${theirs.id}`).set(auth(org.manager.token)).expect(200);
    expect(detail.body.repeatCount).toBe(0);
  });

  it('still gives the whole ticket to a clerk who may see it', async () => {
    const phone = '13955550002';
    const mine = await fileTicket(t, org.eng.staff.token, { complainant: { name: '吴先生', phone, address: { community: '阳光花园' } } });
    const asked = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ complainant: { name: '吴先生', phone, address: { community: '阳光花园' } } }));
    expect(asked.status).toBe(409);
    expect(asked.body.details.matches).toEqual([expect.objectContaining({ reference: mine.reference, ticketId: mine.id, summary: mine.summary })]);
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.eng.staff.token))
      .send(intakeBody({ complainant: { name: '吴先生', phone, address: { community: '阳光花园' } }, match: { choice: 'same', reference: mine.reference } }));
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: mine.id, repeatCount: 1 });
    expect(res.body.matter.reference).toBe(mine.reference);
  });
});
