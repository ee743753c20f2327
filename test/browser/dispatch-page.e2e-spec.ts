import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { serveInChromium, openTicketPage } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Proves the console's side of 派单/签收/退单 (issue 17 items 1, 2; 第一篇 一.8 及时转交): on the ticket page the desk
 * dispatches, the receiving department returns with a reason, the dispatcher rejects it, and the department signs —
 * each inline, in Chinese, with no native dialog.
 */
describe('dispatches on the ticket page (派单与签收)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  const open = (user: { username: string; password: string }, ticketId: string): Promise<Page> =>
    openTicketPage(browser, base, { viewport: { width: 1280, height: 800 }, contexts, errors }, user, ticketId);

  beforeAll(async () => {
    t = await createTestApp('dispatch-page', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await closeBrowser?.();
    await t?.close();
  });

  it('dispatches, returns, rejects the return and signs for it inline', async () => {
    const ticket = await fileTicket(t, org.cs.staff.token, { category: '其他' });
    const desk = await open(org.cs.staff, ticket.id);
    expect(await desk.textContent('#dispatches-none')).toBe('没有派单');
    await desk.click('#dispatch-form-panel summary');
    await desk.selectOption('#dispatch-form select[name=departmentId]', org.eng.department.id);
    await desk.fill('#dispatch-form input[name=note]', '楼道灯不亮，请派人维修');
    await desk.click('#dispatch-form button[type=submit]');
    await desk.waitForSelector('#dispatches li[data-dispatch]');
    const row = await desk.textContent('#dispatches');
    expect(row).toContain('客服部 → 工程部');
    expect(row).toContain('待签收');

    const [d] = (await t.http().get(`/tickets/${ticket.id}/dispatches`).set('Authorization', `Bearer ${org.eng.staff.token}`).expect(200)).body;
    const eng = await open(org.eng.staff, ticket.id);
    await eng.click(`#dispatch-return-${d.id}-panel summary`);
    expect(await eng.locator(`#dispatch-return-${d.id} select[name=reasonCode] option`).allTextContents()).toEqual([
      '非本部门职责',
      '信息不全',
      '属地不符',
      '权属不清',
    ]);
    await eng.selectOption(`#dispatch-return-${d.id} select[name=reasonCode]`, 'ownership');
    await eng.fill(`#dispatch-return-${d.id} input[name=note]`, '该路灯产权属开发商');
    await eng.click(`#dispatch-return-${d.id} button[type=submit]`);
    await eng.waitForSelector('#dispatches :text("待派单人处理")');
    expect(await eng.textContent('#dispatches')).toContain('退单（权属不清）');

    await desk.close();
    const dispatcher = await open(org.cs.staff, ticket.id);
    await dispatcher.click(`#dispatch-decide-${d.id}-panel summary`);
    await dispatcher.selectOption(`#dispatch-decide-${d.id} select[name=verdict]`, 'reject');
    await dispatcher.fill(`#dispatch-decide-${d.id} input[name=note]`, '楼道照明属物业维修范围');
    await dispatcher.click(`#dispatch-decide-${d.id} button[type=submit]`);
    await dispatcher.waitForSelector('#dispatches :text("不同意退单")');

    await eng.close();
    const receiving = await open(org.eng.staff, ticket.id);
    // Returns are closed after a rejection: the department signs.
    expect(await receiving.locator(`#dispatch-return-${d.id}-panel`).count()).toBe(0);
    await receiving.click(`#dispatch-sign-${d.id}-panel summary`);
    await receiving.click(`#dispatch-sign-${d.id} button[type=submit]`);
    await receiving.waitForSelector('#dispatches :text("已签收")');
    expect(await receiving.textContent('#dispatches')).toContain(`由 ${org.eng.staff.name} 办理`);
    const history = await receiving.textContent('#history');
    for (const step of ['派单', '退单', '不同意退单', '签收']) expect(history).toContain(step);
    expect(errors).toEqual([]);
  });
});
