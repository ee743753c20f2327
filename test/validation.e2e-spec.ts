import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import type { AppConfig } from '../src/config/app-config.js';
import { APP_CONFIG } from '../src/config/config.module.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

/** Every error body has the same shape: statusCode, error, message, and optionally code and details. */
function expectErrorShape(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual(expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.any(String) }));
  expect(Object.keys(res.body).every((key) => ['statusCode', 'error', 'message', 'code', 'details'].includes(key))).toBe(true);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack traces
}

/** The fields a 400 names in details.fields. */
const fieldsOf = (res: Response): string[] => (res.body.details?.fields ?? []).map((f: { field: string }) => f.field);

describe('validation: the global pipe and the HTTP error contract', () => {
  let t: TestApp;
  const admin = () => ({ Authorization: `Bearer ${t.adminToken}` });

  beforeAll(async () => {
    t = await createTestApp('validation');
  });
  afterAll(() => t.close());

  describe('request bodies (DTO validation)', () => {
    it('refuses an unknown field with 400 naming the field', async () => {
      const res = await t.http().post('/departments').set(admin()).send({ code: 'VAL1', name: '测试部', colour: 'red' });
      expectErrorShape(res, 400);
      expect(fieldsOf(res)).toEqual(['colour']);
      expect(res.body.message).toContain('colour');
    });

    it('refuses a value of the wrong type with 400 naming the field', async () => {
      const res = await t.http().post('/departments').set(admin()).send({ code: 'VAL2', name: 42 });
      expectErrorShape(res, 400);
      expect(fieldsOf(res)).toEqual(['name']);
      expect(res.body.message).toContain('name');
    });

    it('does not coerce types: a string where a boolean is expected is a 400 naming the field', async () => {
      const staff = await t
        .http()
        .post('/staff')
        .set(admin())
        .send({ name: '类型', username: 'typecheck1', password: 'long-enough-1', roles: ['staff'] });
      const res = await t.http().patch(`/staff/${staff.body.id}`).set(admin()).send({ active: 'false' });
      expectErrorShape(res, 400);
      expect(fieldsOf(res)).toEqual(['active']);
    });

    it('refuses a missing required field with 400 naming it', async () => {
      const res = await t.http().post('/departments').set(admin()).send({ name: '缺代码' });
      expectErrorShape(res, 400);
      expect(fieldsOf(res)).toEqual(['code']);
      expect(res.body.message).toContain('code');
    });

    it('names every bad field at once, including each element of an array', async () => {
      const res = await t
        .http()
        .post('/staff')
        .set(admin())
        .send({ username: 'x', password: 'long-enough-1', roles: ['staff', 'emperor'] });
      expectErrorShape(res, 400);
      expect(fieldsOf(res).sort()).toEqual(['name', 'roles', 'username']);
      expect(res.body.details.fields.find((f: { field: string }) => f.field === 'roles').problems.join(' ')).toMatch(/staff, supervisor, manager, hr, admin/);
    });

    it('refuses a JSON array or a bare JSON value where an object is expected with 400 saying so, not 500', async () => {
      for (const body of ['[]', '[{"code": "ARR", "name": "x"}]', '"text"', '42', 'null', 'true']) {
        const res = await t.http().post('/departments').set(admin()).set('Content-Type', 'application/json').send(body);
        expectErrorShape(res, 400);
        expect(res.body.details.fields).toEqual([{ field: '(body)', problems: ['must be a JSON object'] }]);
      }
    });

    it('treats a request with no body at all as an empty object: 400 naming each required field', async () => {
      const res = await t.http().post('/departments').set(admin());
      expectErrorShape(res, 400);
      expect(fieldsOf(res).sort()).toEqual(['code', 'name']);
    });

    it('accepts JSON with a charset parameter', async () => {
      const res = await t
        .http()
        .post('/departments')
        .set(admin())
        .set('Content-Type', 'application/json; charset=utf-8')
        .send('{"code": "UTF8", "name": "字符集"}');
      expect(res.status).toBe(201);
    });

    it('refuses a non-UUID route id with 400 naming the parameter', async () => {
      const res = await t.http().get('/departments/not-a-uuid').set(admin());
      expectErrorShape(res, 400);
      expect(fieldsOf(res)).toEqual(['id']);
    });

    it('validates public routes too (sign-in with an unknown field is a 400 naming it)', async () => {
      const res = await t.http().post('/auth/login').send({ username: 'admin', password: 'x', remember: true });
      expectErrorShape(res, 400);
      expect(fieldsOf(res)).toEqual(['remember']);
    });
  });

  describe('transport (before any DTO sees the body)', () => {
    it('answers malformed JSON with 400, not 500', async () => {
      const res = await t.http().post('/departments').set(admin()).set('Content-Type', 'application/json').send('{"code": "BAD", "name": ');
      expectErrorShape(res, 400);
      expect(res.body.message).toMatch(/json/i);
    });

    it('answers an empty body declared as JSON with 400, not 500', async () => {
      const res = await t.http().post('/departments').set(admin()).set('Content-Type', 'application/json').send('');
      expectErrorShape(res, 400);
    });

    it('answers malformed JSON on a public route with 400 as well', async () => {
      const res = await t.http().post('/auth/login').set('Content-Type', 'application/json').send('{username');
      expectErrorShape(res, 400);
    });

    it('answers a content type the API does not speak with 415, not 500', async () => {
      const xml = await t.http().post('/departments').set(admin()).set('Content-Type', 'application/xml').send('<department/>');
      expectErrorShape(xml, 415);
      expect(xml.body.message).toBe('the request body must be JSON (Content-Type: application/json), not application/xml');
      const form = await t.http().post('/auth/login').type('form').send({ username: 'admin', password: 'x' });
      expectErrorShape(form, 415);
    });

    it('answers a plain-text body with 415 (JSON only), not 500', async () => {
      const res = await t.http().post('/departments').set(admin()).set('Content-Type', 'text/plain').send('code=ENG');
      expectErrorShape(res, 415);
    });

    it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
      const limit = t.app.get<AppConfig>(APP_CONFIG).bodyLimitBytes;
      const res = await t
        .http()
        .post('/departments')
        .set(admin())
        .send({ code: 'BIG', name: 'x'.repeat(limit + 1) });
      expectErrorShape(res, 413);
    });

    it('answers an unknown route with 404 in the same shape', async () => {
      const res = await t.http().get('/no-such-route').set(admin());
      expectErrorShape(res, 404);
    });
  });
});
