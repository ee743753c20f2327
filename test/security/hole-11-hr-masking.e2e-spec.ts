import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany, createStaff } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { withoutIds } from '../utils/without-ids.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Hole 11: HR saw more than HR needs. HR holding an extra `staff` role saw phones in clear, a phone typed
 * into a summary was shown to HR in clear, and HR saw residents' full names. Masking follows the reason a
 * person may see the ticket: as HR (accountability) it is masked, whatever other roles they hold.
 */
describe('hole 11: HR sees tickets without the resident’s personal data', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let ticketId: string;
  let hrStaff: Awaited<ReturnType<typeof createStaff>>;
  const phone = '13966667777';
  const other = '13811112222';

  beforeAll(async () => {
    t = await createTestApp('sec_masking');
    org = await createCompany(t);
    hrStaff = await createStaff(t, { department: org.cs.department, roles: ['hr', 'staff'], name: '人事兼客服' });
    const ticket = await fileTicket(t, org.eng.staff.token, {
      complainant: { name: '欧阳娜娜', phone, address: { community: '阳光花园', building: '3', unit: '2', room: '501' } },
      summary: `业主说家人电话 ${other} 也可以联系，座机 0371-62345678`,
      requests: `回电 ${other.slice(0, 3)} ${other.slice(3, 7)} ${other.slice(7)}`,
    });
    ticketId = ticket.id;
    await t
      .http()
      .post(`/tickets/${ticketId}/replies`)
      .set(auth(org.eng.staff.token))
      .send({ content: `已电话 ${phone} 联系业主`, via: 'phone' })
      .expect(200);
    await t
      .http()
      .post(`/tickets/${ticketId}/checklist/listen`)
      .set(auth(org.eng.staff.token))
      .send({ note: `听清楚，业主留了 ${other}` });
  });
  afterAll(() => t.close());

  const expectMasked = (body: unknown) => {
    const text = withoutIds(JSON.stringify(body));
    for (const secret of [phone, other, '0371-62345678', '62345678', '1111 2222', '欧阳娜娜', '501']) expect(text).not.toContain(secret);
  };

  it('masks the phone, the full name, the home and phone numbers inside free text for HR, in the list and the detail', async () => {
    const list = await t.http().get('/tickets').set(auth(org.hr.token)).expect(200);
    const item = list.body.items.find((i: { id: string }) => i.id === ticketId);
    expect(item.complainant).toEqual({
      name: '欧**',
      phone: '139****7777',
      address: { community: '阳光花园', building: '3', unit: null, room: null, placeId: null },
    });
    expect(item.summary).toContain('138****2222');
    expectMasked(item);
    const detail = await t.http().get(`/tickets/${ticketId}`).set(auth(org.hr.token)).expect(200);
    expect(detail.body.replies[0].content).toContain('139****7777');
    expectMasked(detail.body);
  });

  it('masks for HR who also holds the staff role, on a ticket they see only as HR', async () => {
    const detail = await t.http().get(`/tickets/${ticketId}`).set(auth(hrStaff.token)).expect(200);
    expectMasked(detail.body);
    expect(detail.body.complainant.phone).toBe('139****7777');
  });

  it('shows the resident’s data in clear to the staff who handle it and to managers', async () => {
    for (const token of [org.eng.staff.token, org.manager.token]) {
      const detail = await t.http().get(`/tickets/${ticketId}`).set(auth(token)).expect(200);
      expect(detail.body.complainant).toMatchObject({ name: '欧阳娜娜', phone });
      expect(detail.body.summary).toContain(other);
    }
  });

  it('shows HR-and-staff their own department’s tickets in clear, as staff', async () => {
    const own = await fileTicket(t, hrStaff.token, {
      category: '收费',
      complainant: { name: '钱先生', phone: '13900008888', address: { community: '阳光花园' } },
    });
    const detail = await t.http().get(`/tickets/${own.id}`).set(auth(hrStaff.token)).expect(200);
    expect(detail.body.complainant).toMatchObject({ name: '钱先生', phone: '13900008888' });
  });
});
