import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SlaBoardCounts } from '../src/sla/sla-board-counts.service.js';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';
import { backendPid, waitingForLock } from './utils/lock-wait.js';

interface Figures {
  open: number;
  atRisk: number;
  breached: number;
  oldestOverdueDueAt: string | null;
}

/**
 * The board keeps "open" (distinct tickets with a live non-activity clock, per clock department) as
 * trigger-written deltas and reads at risk / breached / oldest overdue live from partial indexes. After
 * every step it must equal a full recount with the original aggregate over all open clocks.
 */
describe('SLA board: exact, live figures without reading every open clock', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);

  /** The board's reference definition: the aggregate over every live clock the board used to run. */
  async function recount(): Promise<Record<string, Figures>> {
    const rows: { department_id: string; open: number; at_risk: number; breached: number; oldest_overdue: Date | null }[] = await t.db.query(
      `SELECT department_id,
              count(DISTINCT ticket_id)::int AS open,
              count(DISTINCT ticket_id) FILTER (WHERE breached_at IS NULL AND due_at > $1 AND warn_at <= $1)::int AS at_risk,
              count(DISTINCT ticket_id) FILTER (WHERE breached_at IS NOT NULL OR due_at <= $1)::int AS breached,
              min(due_at) FILTER (WHERE due_at <= $1) AS oldest_overdue
         FROM sla_clock
        WHERE status IN ('running', 'paused') AND purpose <> 'activity'
        GROUP BY department_id`,
      [t.clock.now()],
    );
    return Object.fromEntries(
      rows.map((r) => [
        r.department_id,
        { open: r.open, atRisk: r.at_risk, breached: r.breached, oldestOverdueDueAt: r.oldest_overdue ? new Date(r.oldest_overdue).toISOString() : null },
      ]),
    );
  }

  async function board(): Promise<Record<string, Figures>> {
    const res = await t.http().get('/sla/board').set(auth(org.manager.token)).expect(200);
    return Object.fromEntries(
      res.body.departments.map((d: Figures & { department: { id: string } }) => [
        d.department.id,
        { open: d.open, atRisk: d.atRisk, breached: d.breached, oldestOverdueDueAt: d.oldestOverdueDueAt },
      ]),
    );
  }

  async function expectBoardEqualsRecount(): Promise<Record<string, Figures>> {
    const [shown, reference] = await Promise.all([board(), recount()]);
    expect(shown).toEqual(reference);
    return shown;
  }

  const deltaRows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM sla_board_count`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp('sla_board', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
  });
  afterAll(() => t.close());

  it('equals a full recount after intake, transfer, answer, warning, breach, resolution, follow-up and close', async () => {
    expect(await expectBoardEqualsRecount()).toEqual({});

    const plain = await fileTicket(t, org.eng.staff.token);
    const major = await fileTicket(t, org.eng.staff.token, { severity: 'major', summary: '地下车库大面积漏水' });
    const service = await fileTicket(t, org.cs.staff.token, { category: '服务态度', summary: '前台态度差' });
    let shown = await expectBoardEqualsRecount();
    expect(shown[org.eng.department.id].open).toBe(2);
    expect(shown[org.cs.department.id].open).toBe(1);

    // A transfer moves the ticket's live clocks, and so its count, to the other department.
    await post(`/tickets/${plain.id}/handoff`, org.eng.staff.token, {
      staffId: org.cs.staff.id,
      departmentId: org.cs.department.id,
      reason: '转客服跟进',
    }).expect(200);
    shown = await expectBoardEqualsRecount();
    expect(shown[org.eng.department.id].open).toBe(1);
    expect(shown[org.cs.department.id].open).toBe(2);

    // The answer meets the ticket's only non-activity clock: no longer open anywhere.
    await post(`/tickets/${plain.id}/replies`, org.cs.staff.token, { content: '已安排师傅今天上午维修', via: 'phone' }).expect(200);
    shown = await expectBoardEqualsRecount();
    expect(shown[org.cs.department.id].open).toBe(1);

    // Past the warning point (18 h of 24): at risk, not yet breached.
    t.clock.set('2026-11-02T21:00:00Z');
    shown = await expectBoardEqualsRecount();
    expect(shown[org.cs.department.id]).toMatchObject({ open: 1, atRisk: 1, breached: 0 });

    // Past the deadline: overdue before the sweep records it, breached after.
    t.clock.set('2026-11-03T02:30:00Z');
    shown = await expectBoardEqualsRecount();
    expect(shown[org.cs.department.id]).toMatchObject({ open: 1, atRisk: 0, breached: 1, oldestOverdueDueAt: '2026-11-03T02:00:00.000Z' });
    await post('/admin/sweeps', t.adminToken).expect(200);
    shown = await expectBoardEqualsRecount();
    expect(shown[org.eng.department.id]).toMatchObject({ open: 1, breached: 1 });

    // A late answer meets the breached clock; the major ticket's report clock was met at intake by its report to leaders (第七条(六)).
    await post(`/tickets/${major.id}/replies`, org.eng.staff.token, { content: '抱歉，今天处理', via: 'phone' }).expect(200);
    await expectBoardEqualsRecount();

    // Resolution meets the answer clock and starts the follow-up clock; a satisfied follow-up meets it.
    await post(`/tickets/${service.id}/resolve`, org.cs.staff.token, { summary: '已向业主致歉' }).expect(200);
    shown = await expectBoardEqualsRecount();
    expect(shown[org.cs.department.id].open).toBe(1);
    await post(`/tickets/${service.id}/follow-ups`, org.cs.supervisor.token, { contact: 'phone', verdict: 'satisfied', note: '业主满意' }).expect(201);
    await expectBoardEqualsRecount();

    // Closing cancels every live clock.
    await post(`/tickets/${major.id}/close`, t.adminToken, { overrideReason: '测试用：直接关闭' }).expect(200);
    await post(`/tickets/${plain.id}/close`, t.adminToken, { overrideReason: '测试用：直接关闭' }).expect(200);
    expect(await expectBoardEqualsRecount()).toEqual({});
  });

  it('counts concurrent intakes and bulk statements exactly (several clocks of one ticket, inserts and deletes)', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fileTicket(t, [org.eng.staff, org.cs.staff, org.sec.staff][i % 3].token, { severity: i % 4 === 0 ? 'major' : 'general' }),
      ),
    );
    await expectBoardEqualsRecount();

    // One INSERT … SELECT of 50 clocks of the same ticket: the ticket counts once.
    const ticket = await fileTicket(t, org.env.staff.token, { category: '卫生' });
    await t.db.query(
      `INSERT INTO sla_clock (ticket_id, category, purpose, status, handler_id, department_id, calendar, span_minutes, started_at, warn_at, due_at, explanation)
       SELECT $1, '卫生', 'report', 'running', $2, $3, 'continuous', 60, $4::timestamptz, $4::timestamptz, $4::timestamptz + interval '1 hour', '{"text":"bulk"}'
         FROM generate_series(1, 50)`,
      [ticket.id, org.env.staff.id, org.env.department.id, t.clock.now()],
    );
    await expectBoardEqualsRecount();
    // A set-based move of some of them to another department counts the ticket in both.
    await t.db.query(
      `UPDATE sla_clock SET department_id = $2 WHERE ctid IN (SELECT ctid FROM sla_clock WHERE ticket_id = $1 AND purpose = 'report' LIMIT 20)`,
      [ticket.id, org.sec.department.id],
    );
    await expectBoardEqualsRecount();
    await t.db.query(`DELETE FROM sla_clock WHERE ticket_id = $1 AND purpose = 'report'`, [ticket.id]);
    await expectBoardEqualsRecount();
  });

  it('stays exact when two transactions end clocks of the same ticket at once (the later one counts after the first commits)', async () => {
    const ticket = await fileTicket(t, org.sec.staff.token, { category: '安全', severity: 'major' });
    // Two live counted clocks on one ticket: the response clock runs; the report clock, met at intake, runs again.
    await t.db.query(`UPDATE sla_clock SET status = 'running' WHERE ticket_id = $1 AND purpose = 'report'`, [ticket.id]);
    const live = await t.db.query(`SELECT purpose FROM sla_clock WHERE ticket_id = $1 AND status = 'running' AND purpose <> 'activity' ORDER BY 1`, [
      ticket.id,
    ]);
    expect(live.map((c: { purpose: string }) => c.purpose)).toEqual(['report', 'response']);
    const before = (await expectBoardEqualsRecount())[org.sec.department.id].open;
    const first = t.db.createQueryRunner();
    const second = t.db.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      await first.query(`UPDATE sla_clock SET status = 'met' WHERE ticket_id = $1 AND purpose = 'response'`, [ticket.id]);
      // Each sees the other's clock still live. Counted at once, neither would take the ticket off the board;
      // the second one's count waits for the first to commit and then sees the ticket's last live clock go.
      const pid = await backendPid(second);
      const pending = second.query(`UPDATE sla_clock SET status = 'met' WHERE ticket_id = $1 AND purpose = 'report'`, [ticket.id]);
      await waitingForLock(t.db, pid);
      await first.commitTransaction();
      await pending;
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    const shown = await expectBoardEqualsRecount();
    expect(shown[org.sec.department.id]?.open ?? 0).toBe(before - 1);
  });

  it('keeps the totals when the delta rows are compacted, by the sweep or on demand', async () => {
    const counts = t.app.get(SlaBoardCounts);
    for (let i = 0; i < 3; i++) await fileTicket(t, org.cs.staff.token, { category: '服务态度' });
    const before = await expectBoardEqualsRecount();
    expect(await deltaRows()).toBeGreaterThan(Object.keys(before).length);

    const folded = await counts.compact();
    expect(folded.removed).toBeGreaterThan(folded.written);
    expect(await deltaRows()).toBe(Object.keys(before).length);
    expect(await expectBoardEqualsRecount()).toEqual(before);
    expect(await counts.compact()).toEqual({ removed: 0, written: 0 });

    await fileTicket(t, org.eng.staff.token);
    await post('/admin/sweeps', t.adminToken).expect(200);
    const after = await expectBoardEqualsRecount();
    expect(await deltaRows()).toBe(Object.keys(after).length);

    // With no sweep running, a board read that finds more than 5,000 delta rows folds them itself.
    await t.db.query(`INSERT INTO sla_board_count (department_id, open) SELECT $1, CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END FROM generate_series(1, 5002) AS i`, [
      org.cs.department.id,
    ]);
    expect(await expectBoardEqualsRecount()).toEqual(after);
    expect(await deltaRows()).toBe(Object.keys(after).length);
  });
});
