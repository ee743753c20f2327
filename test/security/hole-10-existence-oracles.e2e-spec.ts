import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket, intakeBody } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Hole 10: existence oracles. `If-Match: "999"` on another department's ticket answered 412 with its
 * current version while a made-up id answered 404, and `notReaccepted.earlierTicketId` answered 422
 * "still open" for a ticket the caller cannot see. An invisible ticket is 404 before any other check.
 */
describe('hole 10: a ticket the caller may not see answers exactly like one that does not exist', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let theirs: Awaited<ReturnType<typeof fileTicket>>;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp('sec_oracles');
    org = await createCompany(t);
    theirs = await fileTicket(t, org.eng.staff.token);
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/tickets/{id}'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })));
  });
  afterAll(() => t.close());

  it('answers If-Match on another department’s ticket with 404, not 412 and its version', async () => {
    const res = await t.http().post(`/tickets/${theirs.id}/resolve`).set(auth(org.env.supervisor.token)).set('If-Match', '"999"').send({ summary: '已处理' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('currentVersion');
  });

  it('answers notReaccepted.earlierTicketId of an invisible open ticket with 404, not 422 “still open”', async () => {
    const res = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send(intakeBody({ category: '卫生', disposition: 'not_reaccepted', notReaccepted: { earlierTicketId: theirs.id, reason: '已答复' } }));
    expect(res.status).toBe(404);
    const unknown = await t
      .http()
      .post('/tickets')
      .set(auth(org.env.staff.token))
      .send(intakeBody({ category: '卫生', disposition: 'not_reaccepted', notReaccepted: { earlierTicketId: UNKNOWN, reason: '已答复' } }));
    expect(unknown.status).toBe(404);
  });

  it('answers every route under /tickets/{id} with 404 for another department’s ticket, whatever the body, exactly as for an unknown id', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const problems: string[] = [];
    for (const { method, path } of routes) {
      const fill = (id: string) => path.replace('{id}', id).replace('{purpose}', 'response').replace('{item}', 'listen');
      for (const body of [{}, { nonsense: true }, { summary: 'x', reason: 'x', content: 'x', via: 'phone' }]) {
        const send = (id: string) => {
          const req = t.http()[method as 'post'](fill(id)).set(auth(org.env.supervisor.token)).set('If-Match', '"999"');
          return method === 'get' ? req : req.send(body);
        };
        const [hidden, unknown] = await Promise.all([send(theirs.id), send(UNKNOWN)]);
        if (hidden.status !== 404 || unknown.status !== 404)
          problems.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body)}: ${hidden.status} / ${unknown.status}`);
        const shape = (b: Record<string, unknown>) => ({ ...b, message: String(b.message).replace(/[0-9a-f-]{36}/g, '<id>') });
        if (JSON.stringify(shape(hidden.body)) !== JSON.stringify(shape(unknown.body))) problems.push(`${method.toUpperCase()} ${path}: answers differ`);
      }
    }
    expect(problems).toEqual([]);
    // Nothing was written to the hidden ticket.
    const detail = await t.http().get(`/tickets/${theirs.id}`).set(auth(org.manager.token)).expect(200);
    expect(detail.body.version).toBe(theirs.version);
  });

  it('still answers 401 to an anonymous caller before looking at the ticket', async () => {
    expect((await t.http().get(`/tickets/${theirs.id}`)).status).toBe(401);
  });
});
