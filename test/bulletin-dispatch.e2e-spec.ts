import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCompany } from './factories/org.factory.js';
import { fileTicket } from './factories/ticket.factory.js';
import { createTestApp, type TestApp } from './utils/create-app.js';

type Figures = Record<string, number | string | null>;
type Row = { department: { id: string }; failedTargets: string[]; sections: Record<string, Figures> };
type Bulletin = { targets: Record<string, number>; columns: Array<{ key: string; header: string; kind: string }>; rows: Row[] };

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
const LABELS: Record<string, string> = { not_our_duty: '非本部门职责', incomplete: '信息不全', wrong_locality: '属地不符', ownership: '权属不清' };

/**
 * 通报 (第五篇 考核、通报) of 派单/签收/退单 (第一篇 一.8 及时转交): per department, the sign-for on-time rate of what it
 * received, and the returns it gave and received with their reasons, for a month seeded with a known mix. The
 * figures are compared with a recount of what the test did, dispatch by dispatch.
 */
describe('the monthly bulletin: sign-for and returns (派单签收, 退单)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
  const sweep = () => post('/admin/sweeps', t.adminToken).expect(200);
  const dispatches: Array<{ to: string; due: Date; signedAt: Date | null; breached: boolean; returned: boolean }> = [];
  const returns: Array<{ from: string; to: string; reason: string; verdict: 'accepted' | 'rejected' }> = [];
  let bulletin: Bulletin;

  /** A complaint held at customer service (其他 routes there), dispatched to `to`. */
  const dispatch = async (to: { id: string }, ticketId?: string) => {
    const id = ticketId ?? (await fileTicket(t, org.cs.staff.token, { category: '其他' })).id;
    const d = (await post(`/tickets/${id}/dispatches`, org.cs.staff.token, { departmentId: to.id, note: '请派人处理' }).expect(201)).body;
    const seeded = { to: to.id, due: new Date(d.signDueAt), signedAt: null as Date | null, breached: false, returned: false };
    dispatches.push(seeded);
    return { ticketId: id, d, seeded };
  };
  type Sent = Awaited<ReturnType<typeof dispatch>>;
  const sign = async ({ ticketId, d, seeded }: Sent, team: { supervisor: { token: string } }) => {
    await post(`/tickets/${ticketId}/dispatches/${d.id}/sign`, team.supervisor.token).expect(200);
    seeded.signedAt = t.clock.now();
  };
  const giveBack = async (
    { ticketId, d, seeded }: Sent,
    team: { staff: { token: string }; department: { id: string } },
    reason: string,
    verdict: 'accept' | 'reject',
  ) => {
    const r = (await post(`/tickets/${ticketId}/dispatches/${d.id}/return`, team.staff.token, { reasonCode: reason, note: '请核实' }).expect(200)).body;
    const rid = r.returns.at(-1).id;
    await post(`/tickets/${ticketId}/dispatches/${d.id}/returns/${rid}/${verdict}`, org.cs.staff.token, { note: '已核实' }).expect(200);
    returns.push({ from: team.department.id, to: org.cs.department.id, reason, verdict: verdict === 'accept' ? 'accepted' : 'rejected' });
    if (verdict === 'accept') seeded.returned = true;
  };
  const minutes = (n: number) => t.clock.set(new Date(t.clock.now().getTime() + n * 60_000).toISOString());

  beforeAll(async () => {
    t = await createTestApp('bulletin_dispatch', { start: '2026-11-10T02:00:00Z' });
    org = await createCompany(t);
    // 工程部: one signed on time, one never signed (breached by the sweep), one signed after its deadline.
    const onTime = await dispatch(org.eng.department);
    const unsigned = await dispatch(org.eng.department);
    minutes(10);
    await sign(onTime, org.eng);
    // 秩序部: one returned (非本部门职责) and accepted, then sent to 工程部; one returned (信息不全), rejected, then signed.
    const wrong = await dispatch(org.sec.department);
    const thin = await dispatch(org.sec.department);
    minutes(5);
    await giveBack(wrong, org.sec, 'not_our_duty', 'accept');
    await giveBack(thin, org.sec, 'incomplete', 'reject');
    await sign(thin, org.sec);
    const resent = await dispatch(org.eng.department, wrong.ticketId);
    minutes(90);
    await sweep();
    unsigned.seeded.breached = true;
    resent.seeded.breached = true;
    await sign(resent, org.eng);
    bulletin = (await t.http().get('/bulletins/2026-11').set(auth(org.manager.token)).expect(200)).body;
  });
  afterAll(() => t.close());

  const row = (departmentId: string) => bulletin.rows.find((r) => r.department.id === departmentId);

  it('counts each department’s sign-for on time, late and not judged (a return within the span), with its rate, as recounted', () => {
    const now = t.clock.now();
    for (const dept of [org.eng.department.id, org.sec.department.id]) {
      const mine = dispatches.filter((d) => d.to === dept);
      const onTime = mine.filter((d) => d.signedAt && d.signedAt <= d.due).length;
      const late = mine.filter((d) => d.breached || (d.signedAt && d.signedAt > d.due) || (!d.signedAt && !d.returned && d.due <= now)).length;
      expect(row(dept)?.sections.signFor).toEqual({ dispatched: mine.length, onTime, late, rate: pct(onTime, onTime + late) });
    }
    // What the recount says in words: 工程部 one of three on time, 秩序部 its one judged dispatch on time.
    expect(row(org.eng.department.id)?.sections.signFor).toMatchObject({ dispatched: 3, onTime: 1, late: 2 });
    expect(row(org.sec.department.id)?.sections.signFor).toMatchObject({ dispatched: 2, onTime: 1, late: 0, rate: 100 });
  });

  it('counts returns given (accepted, rejected) and received, with the reasons in the policy’s words, as recounted', () => {
    for (const dept of [org.eng.department.id, org.sec.department.id, org.cs.department.id]) {
      const given = returns.filter((r) => r.from === dept);
      const reasons = [...new Set(given.map((r) => r.reason))]
        .map((code) => [code, given.filter((r) => r.reason === code).length] as const)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([code, n]) => `${LABELS[code]} ${n}`)
        .join('；');
      const expected = {
        given: given.length,
        givenAccepted: given.filter((r) => r.verdict === 'accepted').length,
        givenRejected: given.filter((r) => r.verdict === 'rejected').length,
        received: returns.filter((r) => r.to === dept).length,
        reasons,
      };
      expect(row(dept)?.sections.returns).toEqual(expected);
    }
    expect(row(org.sec.department.id)?.sections.returns).toMatchObject({ given: 2, reasons: '信息不全 1；非本部门职责 1' });
    expect(row(org.cs.department.id)?.sections.returns).toMatchObject({ given: 0, received: 2, reasons: '' });
  });

  it('lists a department below the sign-for target (bulletin.targets.signForOnTime) first, naming the target', () => {
    expect(bulletin.targets.signForOnTime).toBe(0.9);
    expect(row(org.eng.department.id)?.failedTargets).toContain('signForOnTime');
    expect(row(org.sec.department.id)?.failedTargets).not.toContain('signForOnTime');
    expect(bulletin.rows[0].failedTargets.length).toBeGreaterThan(0);
    expect(bulletin.columns.find((c) => c.key === 'returns.reasons')).toEqual({ key: 'returns.reasons', header: '退单原因', kind: 'text' });
    expect(bulletin.columns.find((c) => c.key === 'signFor.rate')).toMatchObject({ header: '按时签收率（%）', kind: 'percent' });
  });
});
