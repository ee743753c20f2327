import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket, intakeBody } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

const REGISTER = ['小区,楼栋,单元,房号', '阳光花园,3栋,2单元,501', '阳光花园,3栋,2单元,502', '阳光花园,5栋,,101', '长安小区,1号楼,1单元,301', ''].join('\n');

interface PlaceView {
  id: string;
  kind: string;
  name: string;
  path: string;
  initials: string;
  parentId: string | null;
  active: boolean;
}

describe('places: the register of 小区/楼栋/单元/房号, its import, type-ahead, and intake by place (第九条)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const importCsv = (text: string, token = t.adminToken) => t.http().post('/places/import').set(auth(token)).set('Content-Type', 'text/csv').send(text);
  const search = async (q: string, token = org.cs.staff.token) => (await t.http().get('/places').query({ q }).set(auth(token)).expect(200)).body as PlaceView[];
  const find = async (path: string) => (await search(path)).find((p) => p.path === path)!;

  beforeAll(async () => {
    t = await createTestApp('places', { start: '2026-11-28T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  describe('CSV import (小区,楼栋,单元,房号)', () => {
    it('adds every level of every line once, and re-importing the same file adds nothing', async () => {
      const first = await importCsv(REGISTER).expect(200);
      // 2 communities, 3 buildings, 2 units, 4 rooms (5栋 has no units: its room stands under the building).
      expect(first.body).toEqual({ rows: 4, created: 11, existing: 0 });
      const again = await importCsv(REGISTER).expect(200);
      expect(again.body).toEqual({ rows: 4, created: 0, existing: 11 });
      expect((await t.db.query('SELECT count(*)::int AS n FROM place'))[0].n).toBe(11);
      const room = await find('阳光花园 5栋 101');
      expect(room).toMatchObject({ kind: 'room', parentId: (await find('阳光花园 5栋')).id });
    });

    it('names every line at fault with its number and column, and imports nothing from such a file (400, never 500)', async () => {
      const bad = [
        '小区,楼栋,单元,房号',
        '新城家园,1栋,1单元,101',
        ',2栋,,',
        '新城家园,,1单元,',
        `新城家园,${'长'.repeat(31)},,`,
        '新城家园,1栋,1单元,101,x',
        '"新城家园,1栋',
      ].join('\n');
      const res = await importCsv(bad).expect(400);
      expect(res.body.details.lines).toEqual([
        expect.objectContaining({ line: 3, column: '小区', code: 'community_missing' }),
        expect.objectContaining({ line: 4, column: '楼栋', code: 'gap' }),
        expect.objectContaining({ line: 5, column: '楼栋', code: 'too_long' }),
        expect.objectContaining({ line: 6, column: null, code: 'columns' }),
        expect.objectContaining({ line: 7, column: null, code: 'quote' }),
      ]);
      expect(res.body.details.fields[0]).toEqual({ field: 'line 3 (小区)', problems: ['the community (小区) is required'] });
      expect(await search('新城家园')).toEqual([]);
    });

    it('refuses a line under a deactivated place, naming it, and the policy caps the lines of a file', async () => {
      const building = await find('长安小区 1号楼');
      await t.http().patch(`/places/${building.id}`).set(auth(t.adminToken)).send({ active: false }).expect(200);
      const res = await importCsv('长安小区,1号楼,2单元,201').expect(400);
      expect(res.body.details.lines).toEqual([expect.objectContaining({ line: 1, column: '楼栋', code: 'deactivated' })]);
      await t.http().patch(`/places/${building.id}`).set(auth(t.adminToken)).send({ active: true }).expect(200);
      const many = Array.from({ length: t.policy.places.importMaxRows + 1 }, (_, i) => `大社区,${i}栋`).join('\n');
      const capped = await importCsv(many).expect(400);
      expect(capped.body.message).toMatch(/places\.importMaxRows/);
    });

    it('reads text/csv on the import only (415 elsewhere) and refuses JSON there with a 400', async () => {
      await t.http().post('/departments').set(auth(t.adminToken)).set('Content-Type', 'text/csv').send('a,b').expect(415);
      const json = await t.http().post('/places/import').set(auth(t.adminToken)).send({ csv: REGISTER }).expect(400);
      expect(json.body.message).toMatch(/text\/csv/);
      // A JSON string body is a string too, but not CSV: refused, and nothing is registered from it.
      const before = (await t.db.query('SELECT count(*)::int AS n FROM place'))[0].n;
      const jsonText = await t.http().post('/places/import').set(auth(t.adminToken)).set('Content-Type', 'application/json').send('"新城家园"').expect(400);
      expect(jsonText.body.message).toMatch(/text\/csv/);
      expect((await t.db.query('SELECT count(*)::int AS n FROM place'))[0].n).toBe(before);
    });

    it('is for admins only', async () => {
      expect((await importCsv(REGISTER, org.cs.supervisor.token)).status).toBe(403);
      expect((await t.http().post('/places').set(auth(org.cs.staff.token)).send({ kind: 'community', name: '新城家园' })).status).toBe(403);
    });
  });

  describe('type-ahead (GET /places)', () => {
    it('finds places by pinyin initials (ygh → 阳光花园), the community first, each with its full path', async () => {
      const found = await search('ygh');
      expect(found[0]).toMatchObject({ kind: 'community', name: '阳光花园', path: '阳光花园', initials: 'yghy' });
      expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['阳光花园 3栋 2单元 501', '阳光花园 5栋 101']));
      expect(found.every((p) => p.path.startsWith('阳光花园'))).toBe(true);
    });

    it('matches a part of the path, spaces aside, and every word of the query', async () => {
      expect((await search('3栋2单元')).map((p) => p.path)).toEqual(['阳光花园 3栋 2单元', '阳光花园 3栋 2单元 501', '阳光花园 3栋 2单元 502']);
      expect((await search('ygh 502')).map((p) => p.path)).toEqual(['阳光花园 3栋 2单元 502']);
      expect((await search('cax 301')).map((p) => p.path)).toEqual(['长安小区 1号楼 1单元 301']);
    });

    it('lists at most the policy’s typeAheadLimit, or the limit asked for', async () => {
      expect((await t.http().get('/places').query({ q: '', limit: 3 }).set(auth(org.cs.staff.token)).expect(200)).body).toHaveLength(3);
      expect(((await t.http().get('/places').set(auth(org.cs.staff.token)).expect(200)).body as unknown[]).length).toBeLessThanOrEqual(
        t.policy.places.typeAheadLimit,
      );
    });
  });

  describe('admin: create, rename, deactivate', () => {
    it('creates a place under a parent of the right kind, once per name', async () => {
      const community = await find('阳光花园');
      const created = await t.http().post('/places').set(auth(t.adminToken)).send({ kind: 'building', name: ' ７ 栋', parentId: community.id }).expect(201);
      expect(created.body).toMatchObject({ kind: 'building', name: '7栋', path: '阳光花园 7栋', initials: '7d', active: true });
      const twice = await t.http().post('/places').set(auth(t.adminToken)).send({ kind: 'building', name: '7栋', parentId: community.id }).expect(422);
      expect(twice.body.details.rule).toBe('place.unique_name');
      const wrongParent = await t.http().post('/places').set(auth(t.adminToken)).send({ kind: 'unit', name: '1单元', parentId: community.id }).expect(422);
      expect(wrongParent.body.details.rule).toBe('place.parent_kind');
    });

    it('renames a place and the paths under it follow', async () => {
      const building = await find('阳光花园 7栋');
      await t.http().post('/places').set(auth(t.adminToken)).send({ kind: 'room', name: '701', parentId: building.id }).expect(201);
      const renamed = await t.http().patch(`/places/${building.id}`).set(auth(t.adminToken)).send({ name: '7号楼' }).expect(200);
      expect(renamed.body).toMatchObject({ name: '7号楼', path: '阳光花园 7号楼', initials: '7hl' });
      expect((await search('ygh 701')).map((p) => p.path)).toEqual(['阳光花园 7号楼 701']);
      expect((await search('yghy7hl701')).map((p) => p.path)).toEqual(['阳光花园 7号楼 701']);
    });

    it('deactivates a place with everything under it: the type-ahead no longer offers them', async () => {
      const building = await find('阳光花园 7号楼');
      await t.http().patch(`/places/${building.id}`).set(auth(t.adminToken)).send({ active: false }).expect(200);
      expect(await search('7号楼')).toEqual([]);
      const unknown = await t.http().patch('/places/00000000-0000-4000-8000-000000000000').set(auth(t.adminToken)).send({ name: 'x' });
      expect(unknown.status).toBe(404);
    });

    it('lists deactivated places with inactive=true only, after the active ones, for the register page to enable them again', async () => {
      const listed = await t.http().get('/places').query({ q: '7号楼', inactive: 'true' }).set(auth(t.adminToken)).expect(200);
      expect(listed.body.map((p: { path: string; active: boolean }) => [p.path, p.active])).toEqual([
        ['阳光花园 7号楼', false],
        ['阳光花园 7号楼 701', false],
      ]);
      const both = await t.http().get('/places').query({ q: 'ygh', inactive: 'true', limit: 200 }).set(auth(t.adminToken)).expect(200);
      const firstInactive = both.body.findIndex((p: { active: boolean }) => !p.active);
      expect(firstInactive).toBeGreaterThan(0);
      expect(both.body.slice(firstInactive).every((p: { active: boolean }) => !p.active)).toBe(true);
      const bad = await t.http().get('/places').query({ inactive: 'yes' }).set(auth(t.adminToken));
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('inactive');

      // A room under a deactivated building cannot be enabled alone (place.active); the building brings it back.
      const room = listed.body[1];
      const alone = await t.http().patch(`/places/${room.id}`).set(auth(t.adminToken)).send({ active: true });
      expect(alone.status).toBe(422);
      expect(alone.body.details.rule).toBe('place.active');
      await t.http().patch(`/places/${listed.body[0].id}`).set(auth(t.adminToken)).send({ active: true }).expect(200);
      expect((await search('ygh 701')).map((p) => [p.path, p.active])).toEqual([['阳光花园 7号楼 701', true]]);
      await t.http().patch(`/places/${listed.body[0].id}`).set(auth(t.adminToken)).send({ active: false }).expect(200);
    });
  });

  describe('intake with address.placeId', () => {
    it('keeps the finer levels a registered place does not have as text (a room not registered yet), never the coarser ones', async () => {
      const building = await find('阳光花园 3栋');
      const ticket = await fileTicket(t, org.cs.staff.token, {
        complainant: { ...complainant(), address: { placeId: building.id, community: '别的小区', building: '9栋', unit: '1单元', room: '1203' } },
      });
      const [row] = await t.db.query('SELECT community, building, unit, room, place_id FROM ticket WHERE id = $1', [ticket.id]);
      expect(row).toEqual({ community: '阳光花园', building: '3栋', unit: '1单元', room: '1203', place_id: building.id });
      const room = await find('阳光花园 3栋 2单元 501');
      const roomTicket = await fileTicket(t, org.cs.staff.token, {
        complainant: { ...complainant(), address: { placeId: room.id, unit: '9单元', room: '999' } },
      });
      const [roomRow] = await t.db.query('SELECT unit, room FROM ticket WHERE id = $1', [roomTicket.id]);
      expect(roomRow).toEqual({ unit: '2单元', room: '501' });
    });

    it('takes community, building, unit and room from the register', async () => {
      const room = await find('阳光花园 3栋 2单元 501');
      const ticket = await fileTicket(t, org.cs.staff.token, { complainant: { ...complainant(), address: { placeId: room.id } } });
      const [row] = await t.db.query('SELECT community, building, unit, room, place_id FROM ticket WHERE id = $1', [ticket.id]);
      expect(row).toEqual({ community: '阳光花园', building: '3栋', unit: '2单元', room: '501', place_id: room.id });
      expect(ticket.complainant).toMatchObject({ address: { community: '阳光花园', building: '3栋', unit: '2单元', room: '501', placeId: room.id } });
      // HR sees the address masked: not the home, and not the place that names it.
      const asHr = await t.http().get(`/tickets/${ticket.id}`).set(auth(org.hr.token)).expect(200);
      expect(asHr.body.complainant.address).toEqual({ community: '阳光花园', building: '3栋', unit: null, room: null, placeId: null });
    });

    it('keeps free text for a place not registered yet', async () => {
      const ticket = await fileTicket(t, org.cs.staff.token, {
        complainant: { ...complainant(), address: { community: '未登记小区', building: '9', room: '909' } },
      });
      const [row] = await t.db.query('SELECT community, building, place_id FROM ticket WHERE id = $1', [ticket.id]);
      expect(row).toEqual({ community: '未登记小区', building: '9', place_id: null });
    });

    it('answers an unknown or deactivated placeId with a 400 naming address.placeId, recording nothing', async () => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n;
      const unknown = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ complainant: { ...complainant(), address: { placeId: '00000000-0000-4000-8000-000000000000' } } }))
        .expect(400);
      expect(unknown.body.details.fields[0].field).toBe('complainant.address.placeId');
      const [deactivated] = await t.db.query(`SELECT id FROM place WHERE path = '阳光花园 7号楼 701'`);
      const inactive = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ complainant: { ...complainant(), address: { placeId: deactivated.id } } }))
        .expect(400);
      expect(inactive.body.details.fields[0]).toEqual({ field: 'complainant.address.placeId', problems: ['the place is deactivated in the register'] });
      const neither = await t
        .http()
        .post('/tickets')
        .set(auth(org.cs.staff.token))
        .send(intakeBody({ complainant: { ...complainant(), address: {} } }));
      expect(neither.status).toBe(400);
      expect((await t.db.query('SELECT count(*)::int AS n FROM ticket'))[0].n).toBe(before);
    });
  });

  describe('第九条: recurring problems group by registered place', () => {
    const problemsAt = async (building: string) =>
      (
        (await t.http().get('/problems').set(auth(org.manager.token)).expect(200)).body as Array<{ category: string; building: string; ticketCount: number }>
      ).filter((p) => p.category === '安全' && p.building === building);

    it('counts complaints about one registered building together, whichever of its rooms or units the clerk picked', async () => {
      // threshold 3 within 30 days at one building (policy problems.scope: building)
      const places = [await find('阳光花园 3栋 2单元 502'), await find('阳光花园 3栋'), await find('阳光花园 3栋 2单元')];
      for (const place of places)
        await fileTicket(t, org.cs.staff.token, { category: '安全', complainant: { ...complainant(), address: { placeId: place.id } } });
      expect(await problemsAt('3栋')).toEqual([expect.objectContaining({ ticketCount: 3 })]);
    });

    it('keeps free-text addresses on today’s key: 阳光花园3栋 and 阳光花园 3 栋 typed differently are two places', async () => {
      for (const building of ['3 栋', '3 栋', '三栋']) {
        await fileTicket(t, org.cs.staff.token, { category: '安全', complainant: { ...complainant(), address: { community: '阳光花园', building } } });
      }
      // Two of '3 栋' and one of '三栋': no third sighting at either free-text key, and the registered building's problem did not grow.
      expect(await problemsAt('3 栋')).toEqual([]);
      expect(await problemsAt('3栋')).toEqual([expect.objectContaining({ ticketCount: 3 })]);
    });
  });
});

function complainant() {
  return { name: '王女士', phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` };
}
