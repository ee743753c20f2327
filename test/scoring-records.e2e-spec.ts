import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type OverreachRecord = {
  id: string;
  ticket: { id: string; reference: string };
  level: string;
  month: string;
  responsible: { id: string };
  supervisor: { id: string } | null;
  department: { id: string } | null;
  disciplinaryCaseId: string | null;
};
type ValidRecord = { id: string; employee: { id: string }; department: { id: string } | null; verdict: string; month: string };
type CaseRecord = { id: string; employee: { id: string }; department: { id: string } | null; month: string; outcome: string | null };

/**
 * Proves: HR's registers of overreaches, valid complaints and disciplinary cases filter by statistical
 * month, department and person, page with a cursor, and carry no resident data.
 */
describe('scoring registers: overreaches, valid complaints, disciplinary cases (第十条, 第十一条)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = async <T>(path: string, query: Record<string, string> = {}, token = org.hr.token): Promise<Page<T>> =>
    (await t.http().get(path).query(query).set(auth(token)).expect(200)).body as Page<T>;
  const ids = (page: Page<{ id: string }>) => page.items.map((i) => i.id);
  const phones: string[] = [];
  const overreaches: Record<string, string> = {};
  let validId = '';

  /** An overreach on a fresh ticket of `team`'s staff, in the month of `day` (Beijing time). */
  async function overreachIn(team: 'eng' | 'sec', day: string, level: 'company' | 'city') {
    t.clock.set(`${day}T01:00:00Z`);
    const ticket = await fileTicket(t, org[team].staff.token, team === 'sec' ? { category: '安全' } : {});
    phones.push(String((ticket.complainant as { phone: string }).phone));
    t.clock.set(`${day}T06:00:00Z`);
    const body =
      level === 'company'
        ? { level, venueKind: 'company_leader', venueName: '总经理', occurredAt: `${day}T03:00:00Z`, attribution: 'slow', note: `业主电话 ${phones.at(-1)}` }
        : { level, venueKind: 'media', venueName: '许昌日报', occurredAt: `${day}T03:00:00Z`, attribution: 'badly_handled' };
    const res = await t.http().post(`/tickets/${ticket.id}/overreach`).set(auth(org.manager.token)).send(body).expect(201);
    return { ticketId: ticket.id, id: res.body.id as string };
  }

  beforeAll(async () => {
    t = await createTestApp('scoring_records', { start: '2026-10-09T02:00:00Z' });
    org = await createCompany(t);
    overreaches.octEng = (await overreachIn('eng', '2026-10-10', 'company')).id;
    overreaches.novEng = (await overreachIn('eng', '2026-11-03', 'city')).id;
    overreaches.novSec = (await overreachIn('sec', '2026-11-05', 'company')).id;
    // A valid complaint against ENG's staff member, decided by ENG's supervisor in November.
    t.clock.set('2026-11-06T02:00:00Z');
    const ticket = await fileTicket(t, org.eng.staff.token);
    phones.push(String((ticket.complainant as { phone: string }).phone));
    const decided = await t
      .http()
      .post(`/tickets/${ticket.id}/valid-complaint`)
      .set(auth(org.eng.supervisor.token))
      .send({
        employeeId: org.eng.staff.id,
        withinDuties: true,
        assignedBySupervisor: true,
        couldBeDoneAtOnce: true,
        verdict: 'valid',
        reason: `业主张先生 ${phones.at(-1)} 反映未处理`,
      })
      .expect(201);
    validId = decided.body.id;
  });
  afterAll(() => t.close());

  it('lists overreaches newest first and filters them by statistical month, department and person', async () => {
    expect(ids(await get<OverreachRecord>('/scoring/overreaches'))).toEqual([overreaches.novSec, overreaches.novEng, overreaches.octEng]);
    const november = await get<OverreachRecord>('/scoring/overreaches', { month: '2026-11' });
    expect(ids(november)).toEqual([overreaches.novSec, overreaches.novEng]);
    expect(november.items.every((o) => o.month === '2026-11')).toBe(true);
    expect(ids(await get('/scoring/overreaches', { departmentId: org.sec.department.id }))).toEqual([overreaches.novSec]);
    // A person is found as the responsible person and as the supervisor charged.
    expect(ids(await get('/scoring/overreaches', { employeeId: org.eng.staff.id }))).toEqual([overreaches.novEng, overreaches.octEng]);
    expect(ids(await get('/scoring/overreaches', { employeeId: org.eng.supervisor.id, month: '2026-10' }))).toEqual([overreaches.octEng]);
    const [city] = (await get<OverreachRecord>('/scoring/overreaches', { month: '2026-11', departmentId: org.eng.department.id })).items;
    expect(city).toMatchObject({
      level: 'city',
      responsible: { id: org.eng.staff.id },
      supervisor: { id: org.eng.supervisor.id },
      department: { id: org.eng.department.id },
    });
    expect(city.disciplinaryCaseId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages overreaches with limit and nextCursor, each row once', async () => {
    const first = await get<OverreachRecord>('/scoring/overreaches', { limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get<OverreachRecord>('/scoring/overreaches', { limit: '2', cursor: first.nextCursor! });
    expect(ids(second)).toEqual([overreaches.octEng]);
    expect(second.nextCursor).toBeNull();
    const bad = await t.http().get('/scoring/overreaches').query({ cursor: 'not-a-cursor' }).set(auth(org.hr.token)).expect(400);
    expect(bad.body.message).toContain('cursor');
  });

  it('lists valid complaints by month, department and employee', async () => {
    const november = await get<ValidRecord>('/scoring/valid-complaints', {
      month: '2026-11',
      departmentId: org.eng.department.id,
      employeeId: org.eng.staff.id,
    });
    expect(november.items).toEqual([
      expect.objectContaining({ id: validId, verdict: 'valid', employee: expect.objectContaining({ id: org.eng.staff.id }), month: '2026-11' }),
    ]);
    expect((await get('/scoring/valid-complaints', { month: '2026-10' })).items).toEqual([]);
    expect((await get('/scoring/valid-complaints', { departmentId: org.sec.department.id })).items).toEqual([]);
    expect((await get('/scoring/valid-complaints', { employeeId: org.sec.staff.id })).items).toEqual([]);
  });

  it('lists disciplinary cases by month, department and supervisor, with HR’s outcome once decided', async () => {
    const cases = await get<CaseRecord>('/scoring/disciplinary-cases', { month: '2026-11' });
    expect(cases.items).toHaveLength(1);
    const [open] = cases.items;
    expect(open).toMatchObject({ employee: { id: org.eng.supervisor.id }, department: { id: org.eng.department.id }, month: '2026-11', outcome: null });
    await t.http().post(`/scoring/disciplinary-cases/${open.id}/outcome`).set(auth(org.hr.token)).send({ outcome: 'demerit' }).expect(200);
    expect((await get<CaseRecord>('/scoring/disciplinary-cases', { employeeId: org.eng.supervisor.id })).items).toEqual([
      expect.objectContaining({ id: open.id, outcome: 'demerit' }),
    ]);
    expect((await get('/scoring/disciplinary-cases', { month: '2026-10' })).items).toEqual([]);
    expect((await get('/scoring/disciplinary-cases', { departmentId: org.sec.department.id })).items).toEqual([]);
  });

  it('carries no resident data: no phone, name or note of the resident in any register HR reads (DESIGN decision 8)', async () => {
    const all = JSON.stringify([await get('/scoring/overreaches'), await get('/scoring/valid-complaints'), await get('/scoring/disciplinary-cases')]);
    for (const phone of phones) expect(all).not.toContain(phone);
    expect(all).not.toContain('张先生');
    expect(all).not.toContain('业主');
  });

  it('lets managers and admins read the registers, and refuses staff and supervisors (403)', async () => {
    for (const path of ['/scoring/overreaches', '/scoring/valid-complaints', '/scoring/disciplinary-cases']) {
      await t.http().get(path).set(auth(org.manager.token)).expect(200);
      await t.http().get(path).set(auth(t.adminToken)).expect(200);
      await t.http().get(path).set(auth(org.eng.staff.token)).expect(403);
      await t.http().get(path).set(auth(org.eng.supervisor.token)).expect(403);
    }
  });
});
