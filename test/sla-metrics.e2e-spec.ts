import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

interface Figures {
  open: number;
  atRisk: number;
  breached: number;
}

/**
 * 第六条 watched from Prometheus: `GET /metrics` gives the board's company-wide figures from the counts
 * the database keeps (the trigger-kept `sla_board_count`) and the at-risk and breached counts the last sweep
 * kept in `sla_sweep_figures`, never a count of every live clock. After each sweep they must equal a full recount.
 */
describe('SLA gauges on /metrics: the kept counts, equal to a full recount after intake and each sweep', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);

  /** The reference: every live non-activity clock counted, as the board's original aggregate did. */
  async function recount(): Promise<Figures> {
    const [row]: { open: number; at_risk: number; breached: number }[] = await t.db.query(
      `SELECT count(DISTINCT ticket_id)::int AS open,
              count(DISTINCT ticket_id) FILTER (WHERE breached_at IS NULL AND due_at > $1 AND warn_at <= $1)::int AS at_risk,
              count(DISTINCT ticket_id) FILTER (WHERE breached_at IS NOT NULL)::int AS breached
         FROM sla_clock
        WHERE status IN ('running', 'paused') AND purpose <> 'activity'`,
      [t.clock.now()],
    );
    return { open: row.open, atRisk: row.at_risk, breached: row.breached };
  }

  async function scrape(): Promise<Figures & { ageSeconds: number }> {
    const res = await t.http().get('/metrics').expect(200);
    const value = (name: string) => {
      const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(res.text);
      if (!match) throw new Error(`${name} is not on /metrics`);
      return Number(match[1]);
    };
    return {
      open: value('complaint_desk_sla_open_tickets'),
      atRisk: value('complaint_desk_sla_at_risk_tickets'),
      breached: value('complaint_desk_sla_breached_tickets'),
      ageSeconds: value('complaint_desk_sla_figures_age_seconds'),
    };
  }
  const scraped = async (): Promise<Figures> => {
    const { open, atRisk, breached } = await scrape();
    return { open, atRisk, breached };
  };

  async function expectGaugesEqualRecount(): Promise<Figures> {
    const [shown, reference] = await Promise.all([scraped(), recount()]);
    expect(shown).toEqual(reference);
    return shown;
  }
  const sweep = () => post('/admin/sweeps', t.adminToken).expect(200);
  const advance = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000).toISOString());

  beforeAll(async () => {
    t = await createTestApp('sla_metrics', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('follows intake, the warning point, the breach the sweep records, a late answer, resolution and closing, as of each sweep', async () => {
    // No sweep has run yet: a scrape counts the warned and breached clocks itself (age 0).
    expect(await expectGaugesEqualRecount()).toEqual({ open: 0, atRisk: 0, breached: 0 });
    expect((await scrape()).ageSeconds).toBe(0);

    const first = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
    const second = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 0, breached: 0 });

    // Past the warning point (18 h of 24), then past the deadline: at risk, then overdue until the sweep records it.
    t.clock.set('2026-11-02T21:00:00Z');
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 2, breached: 0 });
    t.clock.set('2026-11-03T02:30:00Z');
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 0, breached: 0 });
    await sweep();
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 0, breached: 2 });
    const [kept] = await t.db.query(`SELECT at_risk, breached, measured_at FROM sla_sweep_figures`);
    expect(kept).toEqual({ at_risk: 0, breached: 2, measured_at: t.clock.now() });

    // A late answer meets the breached clock: "open" follows at once (trigger-kept), "breached" at the next sweep.
    advance(10);
    await post(`/tickets/${first.id}/replies`, org.cs.staff.token, { content: '抱歉，今天处理', via: 'phone' }).expect(200);
    const beforeSweep = await scrape();
    expect(beforeSweep).toEqual({ ...(await recount()), breached: 2, ageSeconds: 10 });
    expect((await recount()).breached).toBe(1);
    await sweep();
    expect(await expectGaugesEqualRecount()).toEqual({ open: beforeSweep.open, atRisk: 0, breached: 1 });
    expect((await scrape()).ageSeconds).toBe(0);

    // Resolution starts the follow-up clock; closing cancels every clock.
    await post(`/tickets/${first.id}/resolve`, org.cs.staff.token, { summary: '已向业主致歉' }).expect(200);
    await sweep();
    await expectGaugesEqualRecount();
    await post(`/tickets/${second.id}/close`, t.adminToken, { overrideReason: '测试用：直接关闭' }).expect(200);
    expect((await scraped()).open).toBe((await recount()).open);
    await sweep();
    const after = await expectGaugesEqualRecount();
    expect(after.open).toBeLessThanOrEqual(1);

    // The sweep folds the board's delta rows; the gauge keeps its value.
    const [{ rows }]: { rows: number }[] = await t.db.query(`SELECT count(*)::int AS rows FROM sla_board_count`);
    expect(rows).toBeLessThanOrEqual(4);
    expect(await expectGaugesEqualRecount()).toEqual(after);
  });

  it('counts at scrape time when no sweep has run for three sweep intervals (the scheduler off), so the gauges are never staler than that', async () => {
    const third = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    await sweep();
    const interval = t.policy.sweep.intervalSeconds;
    // Within three intervals the sweep's counts stand; the ticket past its warning point shows at the next sweep or after that.
    const warnAt = (await t.db.query(`SELECT min(warn_at) AS w FROM sla_clock WHERE ticket_id = $1 AND purpose = 'response'`, [third.id]))[0].w as Date;
    t.clock.set(new Date(warnAt.getTime() + 1000).toISOString());
    await sweep();
    advance(3 * interval - 1);
    const fresh = await scrape();
    expect(fresh.ageSeconds).toBe(3 * interval - 1);
    expect(fresh).toMatchObject(await recount());
    // A ticket filed now is not "at risk" yet either way; move on past one more warning point without sweeping.
    const fourth = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    const fourthWarn = (await t.db.query(`SELECT min(warn_at) AS w FROM sla_clock WHERE ticket_id = $1 AND purpose = 'response'`, [fourth.id]))[0].w as Date;
    t.clock.set(new Date(fourthWarn.getTime() + 1000).toISOString());
    const stale = await scrape();
    expect(stale.ageSeconds).toBe(0);
    expect({ open: stale.open, atRisk: stale.atRisk, breached: stale.breached }).toEqual(await recount());
    expect(stale.atRisk).toBeGreaterThanOrEqual(1);
  });
});
