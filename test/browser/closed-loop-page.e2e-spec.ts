import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { serveInChromium, openTicketPage } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Proves the closed loop is visible on one ticket's console page (issue 17, "Done when"; 第一篇 一.8 及时转交, 第二条 回访):
 * the handler asks for 延期 and the supervisor approves it inline, and after 办结, 回访 and 关闭 the page shows every
 * step of the history in Chinese, with the dispatch and the extension (its original deadline kept) in their sections.
 */
describe('the closed loop on the ticket page (派单 → 签收 → 延期 → 办结 → 回访)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);

  const open = (user: { username: string; password: string }, ticketId: string): Promise<Page> =>
    openTicketPage(browser, base, { viewport: { width: 1280, height: 800 }, contexts, errors }, user, ticketId);

  beforeAll(async () => {
    t = await createTestApp('closed_loop_page', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await closeBrowser?.();
    await t?.close();
  });

  it('shows 派单, 签收, 延期, 办结, 回访 and 关闭 in the history in Chinese, and the dispatch and extension sections', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '其他' });
    const d = (
      await post(`/tickets/${ticket.id}/dispatches`, org.cs.staff.token, { departmentId: org.eng.department.id, note: '楼道灯不亮，请派人维修' }).expect(201)
    ).body;
    t.clock.set('2026-11-02T02:20:00Z');
    await post(`/tickets/${ticket.id}/dispatches/${d.id}/sign`, org.eng.supervisor.token, { staffId: org.eng.staff.id }).expect(200);

    // 延期 asked on the page by the handler, for the 24-hour clock.
    t.clock.set('2026-11-02T06:00:00Z');
    const handler = await open(org.eng.staff, ticket.id);
    expect(await handler.textContent('#extensions-none')).toBe('没有延期申请');
    await handler.click('#extension-form-panel summary');
    const response = (
      (await t.http().get(`/tickets/${ticket.id}`).set(auth(org.eng.staff.token)).expect(200)).body.sections.clocks as Array<{
        id: string;
        purpose: string;
      }>
    ).find((c) => c.purpose === 'response')!;
    await handler.selectOption('#extension-form select[name=clockId]', response.id);
    // A time before the deadline it would extend: refused in Chinese once, the field it names marked.
    await handler.fill('#extension-form input[name=newDueAt]', '2026-11-02T18:00');
    await handler.fill('#extension-form input[name=reason]', '需厂家提供配件');
    await handler.click('#extension-form button[type=submit]');
    await handler.waitForSelector('#extension-form input[name=newDueAt][aria-invalid=true]');
    const refusal = (await handler.textContent('#extension-form [role=alert]'))!;
    expect(refusal).not.toMatch(/[A-Za-z]{2,}/);
    expect(refusal.length).toBeGreaterThan(4);
    expect(await handler.locator('#extension-form [aria-invalid=true]').count()).toBe(1);
    await handler.fill('#extension-form input[name=newDueAt]', '2026-11-04T10:00');
    await handler.fill('#extension-form input[name=reason]', '需厂家提供配件，预计明天到货');
    await handler.click('#extension-form button[type=submit]');
    await handler.waitForSelector('#extensions :text("待审批")');
    await handler.close();

    // The supervisor approves it on the page.
    t.clock.set('2026-11-02T07:00:00Z');
    const [asked] = (await t.http().get(`/tickets/${ticket.id}/extensions`).set(auth(org.eng.supervisor.token)).expect(200)).body;
    expect(asked).toMatchObject({ status: 'requested', requestedDueAt: '2026-11-04T02:00:00.000Z' });
    const supervisor = await open(org.eng.supervisor, ticket.id);
    await supervisor.click(`#extension-decide-${asked.id}-panel summary`);
    await supervisor.selectOption(`#extension-decide-${asked.id} select[name=verdict]`, 'approve');
    await supervisor.fill(`#extension-decide-${asked.id} input[name=note]`, '同意，明天上午完成');
    await supervisor.click(`#extension-decide-${asked.id} button[type=submit]`);
    await supervisor.waitForSelector('#extensions :text("已同意")');
    await supervisor.close();

    // 办结, 回访 满意, 关闭 over the API.
    t.clock.set('2026-11-02T12:00:00Z');
    for (const item of ['listen', 'ask', 'record'])
      await post(`/tickets/${ticket.id}/checklist/${item}`, org.eng.staff.token, { note: `${item} 的记录` }).expect(200);
    await post(`/tickets/${ticket.id}/replies`, org.eng.staff.token, { content: '配件已到，已更换楼道灯', via: 'phone', final: true }).expect(200);
    await post(`/tickets/${ticket.id}/resolve`, org.eng.staff.token, { summary: '更换三楼楼道灯' }).expect(200);
    t.clock.set('2026-11-03T02:00:00Z');
    await post(`/tickets/${ticket.id}/follow-ups`, org.eng.supervisor.token, { contact: 'phone', verdict: 'satisfied', note: '业主满意' }).expect(201);
    await post(`/tickets/${ticket.id}/close`, org.eng.staff.token).expect(200);

    const page = await open(org.cs.staff, ticket.id);
    const history = (await page.locator('#history li b').allTextContents()).filter((label) => label !== '勾选五清楚');
    expect(history).toEqual(['受理登记', '系统自动分派', '转交', '派单', '转交', '签收', '申请延期', '同意延期', '答复业主', '处理完毕', '回访', '关闭']);
    // No action key leaks through untranslated.
    expect(await page.textContent('#history')).not.toMatch(/[a-z]+_[a-z_]+/);
    const dispatches = await page.textContent('#dispatches');
    expect(dispatches).toContain('客服部 → 工程部');
    expect(dispatches).toContain('已签收');
    expect(dispatches).toContain(`由 ${org.eng.staff.name} 办理`);
    const extensions = await page.textContent('#extensions');
    expect(extensions).toContain('24小时答复延期');
    expect(extensions).toContain('已同意');
    // Shanghai time: the original deadline 11-03 10:00, asked for 11-04 10:00.
    expect(extensions).toContain('原截止 2026/11/03 10:00');
    expect(extensions).toContain('申请延至 2026/11/04 10:00');
    expect(extensions).toContain('同意，明天上午完成');
    expect(await page.textContent('.clock[data-purpose=response]')).toContain('已延期，原截止 2026/11/03 10:00');
    // The refused extension above answered 422 on purpose.
    expect(errors.filter((e) => !/^Failed to load resource: the server responded with a status of 422 /.test(e))).toEqual([]);
  });
});
