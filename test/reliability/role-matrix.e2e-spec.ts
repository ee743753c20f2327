import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '../../src/org/roles.js';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket, intakeBody } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';
import { recordFigures } from '../utils/figures.js';

type Who = Role | 'anonymous';
const ALL: Role[] = ['staff', 'supervisor', 'manager', 'hr', 'admin'];
const ACTORS: Role[] = ['staff', 'supervisor', 'manager', 'admin'];
const LEADS: Role[] = ['supervisor', 'manager', 'admin'];

/**
 * Every route × role: who is let in. `public` routes admit anonymous callers; for the others an anonymous
 * caller gets 401, a role not listed 403, and a listed role gets past the guard (its answer then depends on
 * the request: 2xx, 400, 404, 409, 422 — never 401 or 403 for a lack of role).
 */
const ROLE_MATRIX: Record<string, Role[] | 'public'> = {
  'POST /auth/login': 'public',
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /departments': ALL,
  'POST /departments': ['admin'],
  'GET /departments/{id}': ALL,
  'PATCH /departments/{id}': ['admin'],
  'GET /staff': ALL,
  'POST /staff': ['admin'],
  'GET /staff/{id}': ALL,
  'PATCH /staff/{id}': ['admin'],
  'POST /tickets': ACTORS,
  'GET /intake/matches': ACTORS,
  'GET /tickets': ALL,
  'GET /tickets/{id}': ALL,
  'POST /tickets/{id}/handoff': ACTORS,
  'POST /tickets/{id}/replies': ACTORS,
  'POST /tickets/{id}/promise': ACTORS,
  'POST /tickets/{id}/escalate': ACTORS,
  'POST /tickets/{id}/appointment': ACTORS,
  'POST /tickets/{id}/resolve': ACTORS,
  'POST /tickets/{id}/close': ACTORS,
  'POST /tickets/{id}/reopen': ACTORS,
  'GET /notifications': ALL,
  'POST /notifications/{id}/read': ALL,
  'GET /sla/board': LEADS,
  'GET /sla/breaches': LEADS,
  'GET /sla/risk': LEADS,
  'GET /sla/compliance': LEADS,
  'POST /tickets/{id}/clocks/{purpose}/pause': LEADS,
  'POST /tickets/{id}/clocks/{purpose}/resume': ACTORS,
  'POST /tickets/{id}/checklist/{item}': ACTORS,
  'POST /tickets/{id}/follow-ups': ACTORS,
  'POST /tickets/{id}/leader-reports': ACTORS,
  'GET /leader-reports': ALL,
  'POST /tickets/{id}/extensions': ACTORS,
  'GET /tickets/{id}/extensions': ALL,
  'POST /tickets/{id}/extensions/{eid}/{verdict}': ['supervisor', 'manager'],
  'GET /extensions/summary': ['manager', 'hr', 'admin'],
  'POST /supervision-orders': ['manager'],
  'GET /supervision-orders': ACTORS,
  'GET /supervision-orders/{id}': ACTORS,
  'POST /supervision-orders/{id}/feedback': ['staff', 'supervisor'],
  'POST /supervision-orders/{id}/accept': ['manager'],
  'POST /supervision-orders/{id}/reject': ['manager'],
  'POST /tickets/{id}/attachments': ACTORS,
  'GET /tickets/{id}/attachments': ALL,
  'GET /tickets/{id}/attachments/{attachmentId}': ALL,
  'GET /tickets/{id}/joint-tasks': ALL,
  'POST /tickets/{id}/joint-tasks': ['staff', 'supervisor', 'manager'],
  'POST /tickets/{id}/joint-tasks/{taskId}/assign': ['supervisor'],
  'POST /tickets/{id}/joint-tasks/{taskId}/sign-off': ['staff', 'supervisor'],
  'POST /tickets/{id}/dispatches': ['staff', 'supervisor', 'manager'],
  'GET /tickets/{id}/dispatches': ALL,
  'POST /tickets/{id}/dispatches/{did}/sign': ['staff', 'supervisor'],
  'POST /tickets/{id}/dispatches/{did}/return': ['staff', 'supervisor'],
  'POST /tickets/{id}/dispatches/{did}/returns/{rid}/{verdict}': ['staff', 'supervisor', 'manager'],
  'GET /dispatches/summary': ['manager', 'hr', 'admin'],
  'GET /places': ACTORS,
  'POST /places': ['admin'],
  'PATCH /places/{id}': ['admin'],
  'POST /places/import': ['admin'],
  'GET /problems': LEADS,
  'POST /problems/{id}/analysis': LEADS,
  'GET /scripts': ALL,
  'POST /events/stream-token': ALL,
  // The stream authenticates with its own short-lived token in the query, not the bearer header.
  'GET /events/stream': 'public',
  'POST /admin/sweeps': ['admin'],
  'GET /admin/channel-dead-letters': ['admin'],
  'POST /tickets/{id}/overreach': ['supervisor', 'manager'],
  'POST /tickets/{id}/valid-complaint': ['supervisor'],
  'GET /scoring/entries': ['manager', 'hr', 'admin'],
  'GET /scoring/overreaches': ['manager', 'hr', 'admin'],
  'GET /scoring/valid-complaints': ['manager', 'hr', 'admin'],
  'GET /scoring/disciplinary-cases': ['manager', 'hr', 'admin'],
  'POST /scoring/entries/{id}/reverse': ['manager', 'hr'],
  'POST /scoring/disciplinary-cases/{id}/outcome': ['hr'],
  'GET /reports/performance': ['hr', 'manager'],
  'GET /reports/performance/{month}/employees/{employeeId}/tickets-handled': ['hr', 'manager'],
  'GET /reports/performance/{month}/employees/{employeeId}/tickets': ['hr', 'manager'],
  'POST /reports/performance/{month}/close': ['hr'],
  'GET /reports/summary': ['manager', 'hr', 'admin'],
  'GET /bulletins/{month}': ['manager', 'hr', 'admin'],
  'GET /public/resident-form': 'public',
  'GET /public/places': 'public',
  'POST /public/complaints': 'public',
  'POST /public/tracking': 'public',
  'POST /public/tracking/rating': 'public',
  'POST /tickets/{id}/tracking-links/revoke': ACTORS,
  'POST /tickets/{id}/claim': ACTORS,
};

describe('role matrix: every route × role', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let tokens: Record<Who, string | null>;
  let ticketId: string;
  let routes: string[];

  beforeAll(async () => {
    t = await createTestApp('roles');
    org = await createCompany(t);
    const admin = t.adminToken;
    tokens = { anonymous: null, staff: org.eng.staff.token, supervisor: org.eng.supervisor.token, manager: org.manager.token, hr: org.hr.token, admin };
    ticketId = (await fileTicket(t, org.eng.staff.token)).id;
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  });
  afterAll(() => t.close());

  it('lists every route of the API in the matrix', () => {
    expect(routes.filter((r) => !(r in ROLE_MATRIX))).toEqual([]);
  });

  it('lets in exactly the roles each route declares (401 anonymous, 403 other roles)', async () => {
    const seen: string[] = [];
    let checks = 0;
    for (const route of routes) {
      const allowed = ROLE_MATRIX[route];
      const [method, template] = route.split(' ');
      const path = template
        .replace(
          '{id}',
          route.startsWith('POST /notifications') || route.includes('/departments') || route.includes('/staff') || route.includes('/problems')
            ? '00000000-0000-4000-8000-000000000000'
            : ticketId,
        )
        .replace('{attachmentId}', '00000000-0000-4000-8000-000000000000')
        .replace('{eid}', '00000000-0000-4000-8000-000000000000')
        .replace('{verdict}', 'approve')
        .replace('{taskId}', '00000000-0000-4000-8000-000000000000')
        .replace('{did}', '00000000-0000-4000-8000-000000000000')
        .replace('{rid}', '00000000-0000-4000-8000-000000000000')
        .replace('{purpose}', 'response')
        .replace('{item}', 'listen');
      for (const who of ['anonymous', ...ALL] as Who[]) {
        const token = tokens[who];
        let req = t.http()[method.toLowerCase() as 'get'](path);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        if (method !== 'GET') req = req.send({});
        if (route === 'GET /events/stream') req = req.query({ token: 'not-a-stream-token' }).timeout(2000);
        const res = await req.catch((e: { response?: { status: number } }) => e.response ?? { status: 0 });
        checks++;
        let ok: boolean;
        if (allowed === 'public') ok = res.status !== 403 && (route !== 'GET /events/stream' || res.status === 401);
        else if (who === 'anonymous') ok = res.status === 401;
        else if (allowed.includes(who as Role)) ok = res.status !== 401 && res.status !== 403 && res.status < 500;
        else ok = res.status === 403;
        if (!ok) seen.push(`${route} as ${who}: ${res.status}`);
      }
    }
    expect(seen).toEqual([]);
    recordFigures('roleMatrix', { routes: routes.length, roles: ALL.length + 1, checks });
  });

  it('gives staff and supervisors of another department a 404 for a ticket’s id', async () => {
    expect((await t.http().get(`/tickets/${ticketId}`).set('Authorization', `Bearer ${org.env.staff.token}`)).status).toBe(404);
    expect((await t.http().get(`/tickets/${ticketId}`).set('Authorization', `Bearer ${org.env.supervisor.token}`)).status).toBe(404);
    expect(
      (await t.http().post(`/tickets/${ticketId}/replies`).set('Authorization', `Bearer ${org.env.supervisor.token}`).send({ content: 'x', via: 'phone' }))
        .status,
    ).toBe(404);
  });

  it('refuses fields a caller may not set: status, first responder, version, points', async () => {
    for (const field of [{ status: 'closed' }, { firstResponderId: org.cs.staff.id }, { version: 9 }, { points: 100 }, { reference: 'TS-1' }]) {
      const res = await t
        .http()
        .post('/tickets')
        .set('Authorization', `Bearer ${org.eng.staff.token}`)
        .send({ ...intakeBody(), ...field });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(Object.keys(field)[0]);
    }
  });

  it('masks residents’ phone numbers for HR (138****5678)', async () => {
    const list = await t.http().get('/tickets').set('Authorization', `Bearer ${org.hr.token}`).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) expect(item.complainant.phone).toMatch(/^\d{3}\*{4}\d{4}$|^0\d+-\*{4}\d{4}$/);
  });

  it('sets security headers (helmet) on every answer', async () => {
    for (const path of ['/health', '/tickets']) {
      const res = await t.http().get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    }
  });
});
