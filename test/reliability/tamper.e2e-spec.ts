import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { APPEND_ONLY_TABLES, type AppendOnlyTable } from '../../src/database/append-only.js';
import { evidenceChannel, recordEvidence } from '../factories/evidence.factory.js';
import { TEST_ROLES } from '../utils/test-database.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/** A column of each evidence table, for the UPDATE that must be refused (a table added to the list needs one). */
const COLUMN: Record<AppendOnlyTable, string> = {
  ticket_history: 'note',
  domain_event: 'name',
  ticket_reply: 'content',
  ticket_contact: 'summary',
  checklist_tick: 'note',
  follow_up: 'note',
  sla_breach: 'due_at',
  sla_breach_met: 'met_at',
  sla_escalation: 'level',
  org_term: 'holder_id',
  scoring_entry: 'points',
  scoring_overreach: 'economic_loss_fen',
  scoring_disciplinary_case: 'employee_id',
  scoring_disciplinary_outcome: 'outcome',
  scoring_valid_complaint: 'verdict',
  scoring_month_close: 'closed_at',
  report_performance_snapshot: 'report',
  leader_report: 'content',
  attachment: 'file_name',
  attachment_content: 'content',
  channel_attempt: 'result',
  resident_consent: 'text_version',
  resident_rating: 'verdict',
};

/**
 * Proves: every evidence table refuses UPDATE and DELETE at the database. The role the app serves as
 * (here as in the default start: it owns nothing) can neither change those rows, nor switch the guard
 * off, nor disable or drop it; even the owner is stopped by the triggers. Every table holds rows here,
 * made over HTTP, so the row triggers have something to refuse.
 */
describe('tamper resistance with the app’s own database role', () => {
  let t: TestApp;
  let channel: Awaited<ReturnType<typeof evidenceChannel>>;
  let ticketId: string;

  beforeAll(async () => {
    channel = await evidenceChannel();
    t = await createTestApp('tamper', { policy: channel.policy });
    ticketId = (await recordEvidence(t)).ticketId;
  });
  afterAll(async () => {
    await t.close();
    await channel.receiver.stop();
  });

  /** A session of the app's own role (the URL the app under test connects with). */
  async function asApp<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  it('serves the app as a role that is no superuser and owns nothing', async () => {
    const [role] = await t.db.query(
      `SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: TEST_ROLES.app.name, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const [{ owned }] = await t.db.query(
      `SELECT count(*)::int AS owned FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
    );
    expect(owned).toBe(0);
  });

  it.each(APPEND_ONLY_TABLES)(
    'the app role cannot update, delete, truncate, disable or drop the guard of %s, not even after SET session_replication_role',
    async (table) => {
      await asApp(async (c) => {
        const column = COLUMN[table];
        await expect(c.query(`UPDATE "${table}" SET "${column}" = "${column}"`)).rejects.toThrow(/permission denied for table/);
        await expect(c.query(`DELETE FROM "${table}"`)).rejects.toThrow(/permission denied for table/);
        await expect(c.query(`TRUNCATE "${table}"`)).rejects.toThrow(/permission denied for table/);
        await expect(c.query(`ALTER TABLE "${table}" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
        await expect(c.query(`DROP TRIGGER ${table}_append_only ON "${table}"`)).rejects.toThrow(/must be owner/);
        await expect(c.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied to set parameter/);
        await expect(c.query(`UPDATE "${table}" SET "${column}" = "${column}"`)).rejects.toThrow(/permission denied for table/);
        await expect(c.query(`DELETE FROM "${table}"`)).rejects.toThrow(/permission denied for table/);
        const [{ n }] = (await c.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows;
        expect(n).toBeGreaterThan(0);
      });
    },
  );

  it.each(APPEND_ONLY_TABLES)('even the owner of %s cannot change or remove a row: its trigger refuses', async (table) => {
    const column = COLUMN[table];
    await expect(t.asOwner(`UPDATE "${table}" SET "${column}" = "${column}"`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.asOwner(`DELETE FROM "${table}"`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.asOwner(`TRUNCATE "${table}"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('the app role cannot move a ticket’s first responder', async () => {
    await asApp(async (c) => {
      await expect(
        c.query(`UPDATE ticket SET first_responder_id = (SELECT id FROM staff WHERE id <> ticket.first_responder_id LIMIT 1) WHERE id = $1`, [ticketId]),
      ).rejects.toThrow(/fixed/);
    });
  });
});
