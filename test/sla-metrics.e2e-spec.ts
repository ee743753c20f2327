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
 * the database keeps (the trigger-kept `sla_board_count`) and the partial indexes of warned and breached
 * clocks, never a count of every live clock. After each step they must equal a full recount.
 */
describe('SLA gauges on /metrics: the kept counts, equal to a full recount after intake, sweep and resolve', () => {
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

  async function scraped(): Promise<Figures> {
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
    };
  }

  async function expectGaugesEqualRecount(): Promise<Figures> {
    const [shown, reference] = await Promise.all([scraped(), recount()]);
    expect(shown).toEqual(reference);
    return shown;
  }

  beforeAll(async () => {
    t = await createTestApp('sla_metrics', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('follows intake, the warning point, the breach the sweep records, a late answer, resolution and closing', async () => {
    expect(await expectGaugesEqualRecount()).toEqual({ open: 0, atRisk: 0, breached: 0 });

    const first = await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
    const second = await fileTicket(t, org.cs.staff.token, { category: '报修' });
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 0, breached: 0 });

    // Past the warning point (18 h of 24), then past the deadline: at risk, then overdue until the sweep records it.
    t.clock.set('2026-11-02T21:00:00Z');
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 2, breached: 0 });
    t.clock.set('2026-11-03T02:30:00Z');
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 0, breached: 0 });
    await post('/admin/sweeps', t.adminToken).expect(200);
    expect(await expectGaugesEqualRecount()).toEqual({ open: 2, atRisk: 0, breached: 2 });

    // A late answer meets the breached clock; resolution starts the follow-up clock; closing cancels every clock.
    await post(`/tickets/${first.id}/replies`, org.cs.staff.token, { content: '抱歉，今天处理', via: 'phone' }).expect(200);
    await expectGaugesEqualRecount();
    await post(`/tickets/${first.id}/resolve`, org.cs.staff.token, { summary: '已向业主致歉' }).expect(200);
    await expectGaugesEqualRecount();
    await post(`/tickets/${second.id}/close`, t.adminToken, { overrideReason: '测试用：直接关闭' }).expect(200);
    const after = await expectGaugesEqualRecount();
    expect(after.open).toBeLessThanOrEqual(1);

    // The sweep folds the board's delta rows; the gauge keeps its value.
    await post('/admin/sweeps', t.adminToken).expect(200);
    const [{ rows }]: { rows: number }[] = await t.db.query(`SELECT count(*)::int AS rows FROM sla_board_count`);
    expect(rows).toBeLessThanOrEqual(4);
    expect(await expectGaugesEqualRecount()).toEqual(after);
  });
});
