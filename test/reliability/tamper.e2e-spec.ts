import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APPEND_ONLY_TABLES, appRoleGrants } from '../../src/database/app-role.js';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/** A text column of each evidence table, for the UPDATE the role must be refused. */
const TEXT_COLUMN: Record<string, string> = { ticket_history: 'note', domain_event: 'name', scoring_entry: 'reason', report_performance_snapshot: 'month' };

/**
 * Proves: the evidence tables refuse UPDATE and DELETE at the database, and the role the app connects
 * with on a shared server can neither change those rows nor disable or drop the guards — yet the app
 * works normally with it.
 */
describe('tamper resistance with the app’s own database role', () => {
  let t: TestApp;
  let restricted: TestApp | undefined;
  let role: string;
  let roleUrl: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await createTestApp('tamper');
    const org = await createCompany(t);
    ticketId = (await fileTicket(t, org.eng.staff.token)).id;
    role = `desk_app_${randomBytes(4).toString('hex')}`;
    await t.db.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-role-password'`);
    for (const sql of appRoleGrants(role)) await t.db.query(sql);
    const url = new URL(t.databaseUrl);
    url.username = role;
    url.password = 'app-role-password';
    roleUrl = url.toString();
  });
  afterAll(async () => {
    await restricted?.close();
    await t.close();
  });

  async function asRole<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: roleUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  it.each(APPEND_ONLY_TABLES)('the app role cannot update, delete, truncate, disable or drop the guard of %s', async (table) => {
    await asRole(async (c) => {
      await expect(c.query(`UPDATE "${table}" SET ${TEXT_COLUMN[table] ?? 'name'} = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`DELETE FROM "${table}"`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`TRUNCATE "${table}"`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`ALTER TABLE "${table}" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await expect(c.query(`DROP TRIGGER ${table}_append_only ON "${table}"`)).rejects.toThrow(/must be owner/);
    });
  });

  it('the app role cannot move a ticket’s first responder', async () => {
    await asRole(async (c) => {
      await expect(
        c.query(`UPDATE ticket SET first_responder_id = (SELECT id FROM staff WHERE id <> ticket.first_responder_id LIMIT 1) WHERE id = $1`, [ticketId]),
      ).rejects.toThrow(/fixed/);
    });
  });

  it('even the owner cannot rewrite history: the trigger refuses it', async () => {
    await expect(t.db.query(`UPDATE ticket_history SET note = 'rewritten' WHERE ticket_id = $1`, [ticketId])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM domain_event WHERE ticket_id = $1`, [ticketId])).rejects.toThrow(/append-only/);
  });

  it('the app runs normally as the restricted role: intake, reply, resolve and a sweep', async () => {
    restricted = await createTestApp('tamper_app', { databaseUrl: roleUrl });
    const eng = (await restricted.http().get('/departments').set('Authorization', `Bearer ${restricted.adminToken}`).expect(200)).body.find((d: { code: string }) => d.code === 'ENG');
    expect(eng).toBeDefined();
    const created = await restricted.http().post('/tickets').set('Authorization', `Bearer ${restricted.adminToken}`).send({
      channel: 'phone', complainant: { name: '钱先生', phone: '13700009999', address: { community: '阳光花园' } },
      summary: '电梯故障', requests: '尽快修', category: '报修', severity: 'general', disposition: 'accepted',
    });
    expect(created.status).toBe(201);
    const id = created.body.ticket.id;
    await restricted.http().post(`/tickets/${id}/replies`).set('Authorization', `Bearer ${restricted.adminToken}`).send({ content: '已报修', via: 'phone' }).expect(200);
    await restricted.http().post(`/tickets/${id}/resolve`).set('Authorization', `Bearer ${restricted.adminToken}`).send({ summary: '已修复' }).expect(200);
    await restricted.http().post('/admin/sweeps').set('Authorization', `Bearer ${restricted.adminToken}`).expect(200);
  });
});
