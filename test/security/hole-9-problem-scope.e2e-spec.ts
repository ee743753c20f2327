import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Hole 9: recurring problems ignored departments. A supervisor of one department listed another
 * department's recurring problem, with its ticket ids, and could close it. Problems are scoped like
 * tickets: supervisors see and manage their own department's (第九条); managers see all.
 */
describe('hole 9: recurring problems are scoped to their department', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let problemId: string;
  let ticketIds: string[];

  beforeAll(async () => {
    t = await createTestApp('sec_problems');
    org = await createCompany(t);
    ticketIds = [];
    for (let i = 0; i < t.policy.problems.threshold; i++) {
      ticketIds.push(
        (
          await fileTicket(t, org.eng.staff.token, {
            complainant: { name: `业主${i}`, phone: `1390000100${i}`, address: { community: '翠苑', building: '9' } },
          })
        ).id,
      );
    }
    const all = await t.http().get('/problems').set(auth(org.manager.token)).expect(200);
    const problem = all.body.find((p: { community: string }) => p.community === '翠苑');
    expect(problem).toBeDefined();
    problemId = problem.id;
  });
  afterAll(() => t.close());

  it('does not list another department’s problem or its tickets to a supervisor', async () => {
    const theirs = await t.http().get('/problems').set(auth(org.env.supervisor.token)).expect(200);
    expect(theirs.body.map((p: { id: string }) => p.id)).not.toContain(problemId);
    const text = JSON.stringify(theirs.body);
    for (const id of ticketIds) expect(text).not.toContain(id);
  });

  it('refuses (404) another department’s supervisor who tries to analyse or close it, and leaves it open', async () => {
    const res = await t.http().post(`/problems/${problemId}/analysis`).set(auth(org.env.supervisor.token)).send({ analysis: 'x', measure: 'y', close: true });
    expect(res.status).toBe(404);
    const unknown = await t
      .http()
      .post('/problems/00000000-0000-4000-8000-000000000000/analysis')
      .set(auth(org.env.supervisor.token))
      .send({ analysis: 'x', measure: 'y', close: true });
    expect(unknown.status).toBe(404);
    const all = await t.http().get('/problems').set(auth(org.manager.token)).expect(200);
    expect(all.body.find((p: { id: string }) => p.id === problemId).status).toBe('open');
  });

  it('lets the department’s own supervisor see it with its tickets and close it', async () => {
    const own = await t.http().get('/problems').set(auth(org.eng.supervisor.token)).expect(200);
    const problem = own.body.find((p: { id: string }) => p.id === problemId);
    expect(problem.tickets.map((x: { id: string }) => x.id).sort()).toEqual([...ticketIds].sort());
    const closed = await t
      .http()
      .post(`/problems/${problemId}/analysis`)
      .set(auth(org.eng.supervisor.token))
      .send({ analysis: '灯具老化', measure: '整栋更换', close: true })
      .expect(200);
    expect(closed.body.status).toBe('closed');
  });
});
