import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { evidenceChannel, recordEvidence, type Company } from '../factories/evidence.factory.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Hole 2 (issue 13): "append-only" was not append-only. Connected as the role the app serves as, an
 * attacker (an injected query, a stolen connection string) switched the guard off with
 * `SET LOCAL session_replication_role = replica` and set a penalty's points to 0, which HR's report then
 * showed; even without that, DELETE FROM scoring_overreach, sla_breach and org_term went through.
 * The suite serves the app as a restricted role like the default start, so this is that role.
 */
describe('hole 2: the app’s own database role cannot rewrite or remove evidence', () => {
  let t: TestApp;
  let channel: Awaited<ReturnType<typeof evidenceChannel>>;
  let org: Company;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** What HR, managers and the board read: the evidence as the API shows it. */
  const views = async () => ({
    report: (await t.http().get('/reports/performance?month=2026-11').set(auth(org.hr.token)).expect(200)).body,
    entries: (await t.http().get('/scoring/entries').set(auth(org.hr.token)).expect(200)).body,
    breaches: (await t.http().get('/sla/breaches').set(auth(org.manager.token)).expect(200)).body,
    // The disciplinary cases behind the supervisor's figure, as HR pages them.
    supervisorCases: (
      await t
        .http()
        .get(`/reports/performance/2026-11/employees/${org.eng.supervisor.id}/tickets`)
        .query({ figure: 'disciplinaryCases' })
        .set(auth(org.hr.token))
        .expect(200)
    ).body,
  });
  let before: Awaited<ReturnType<typeof views>>;

  beforeAll(async () => {
    channel = await evidenceChannel();
    t = await createTestApp('evidence_tampering', { policy: channel.policy });
    org = (await recordEvidence(t)).org;
    before = await views();
  });
  afterAll(async () => {
    await t.close();
    await channel.receiver.stop();
  });

  async function attack(sql: string, transaction = false): Promise<Error> {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      if (transaction) await client.query('BEGIN');
      await client.query(sql);
      throw new Error(`the attack went through: ${sql}`);
    } catch (error) {
      return error as Error;
    } finally {
      await client.end();
    }
  }

  it('hole 2: zeroing a penalty’s points is refused, with or without switching the guard off, and HR’s report still shows them', async () => {
    const supervisorCharge = before.entries.find(
      (e: { employee: { id: string }; points: number }) => e.employee.id === org.eng.supervisor.id && e.points === 50,
    );
    expect(supervisorCharge).toBeDefined();
    expect((await attack(`SET LOCAL session_replication_role = replica`, true)).message).toMatch(
      /permission denied to set parameter "session_replication_role"/,
    );
    expect((await attack(`SET session_replication_role = replica`)).message).toMatch(/permission denied/);
    expect((await attack(`UPDATE scoring_entry SET points = 0 WHERE id = '${supervisorCharge.id}'`)).message).toMatch(
      /permission denied for table scoring_entry/,
    );
    expect((await attack(`UPDATE scoring_entry SET points = 0`)).message).toMatch(/permission denied for table scoring_entry/);
    expect((await attack(`TRUNCATE scoring_entry`)).message).toMatch(/permission denied for table scoring_entry/);
    expect((await attack(`ALTER TABLE scoring_entry DISABLE TRIGGER scoring_entry_append_only`)).message).toMatch(/must be owner/);
    const after = await views();
    expect(after.report).toEqual(before.report);
    expect(after.entries).toEqual(before.entries);
  });

  it.each(['scoring_overreach', 'sla_breach', 'org_term'])('hole 2: DELETE FROM %s is refused and nothing goes missing', async (table) => {
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n as number;
    const rows = await count();
    expect(rows).toBeGreaterThan(0);
    expect((await attack(`DELETE FROM "${table}"`)).message).toMatch(new RegExp(`permission denied for table ${table}`));
    expect((await attack(`TRUNCATE "${table}"`)).message).toMatch(new RegExp(`permission denied for table ${table}`));
    expect(await count()).toBe(rows);
    const after = await views();
    expect(after.breaches).toEqual(before.breaches);
    expect(after.report).toEqual(before.report);
  });

  it('hole 2: the late answer to a breach and a disciplinary outcome, once recorded, cannot be rewritten either', async () => {
    expect((await attack(`UPDATE sla_breach_met SET met_at = met_at - interval '1 day'`)).message).toMatch(/permission denied for table sla_breach_met/);
    expect((await attack(`UPDATE scoring_disciplinary_outcome SET outcome = 'none'`)).message).toMatch(
      /permission denied for table scoring_disciplinary_outcome/,
    );
    expect((await attack(`DELETE FROM scoring_disciplinary_outcome`)).message).toMatch(/permission denied for table scoring_disciplinary_outcome/);
    const row = before.report.rows.find((r: { employee: { id: string } }) => r.employee.id === org.eng.supervisor.id);
    expect(row.disciplinaryCases).toBe(1);
    expect(before.supervisorCases.items).toEqual([expect.objectContaining({ outcome: 'demerit' })]);
    expect((await views()).supervisorCases).toEqual(before.supervisorCases);
  });
});
