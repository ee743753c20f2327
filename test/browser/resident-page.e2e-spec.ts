import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { TINY_PNG } from '../factories/attachment.factory.js';
import { createCompany } from '../factories/org.factory.js';
import { createOnlineDesk, withOnlineDesk } from '../factories/resident.factory.js';
import { axeViolations, serveInChromium, openContext, sidewaysOverflow, VIEWPORTS, widerThanScreen } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Issue 19 "done when": on a phone (390 × 844, Chromium) a resident files a complaint with a photo on /r/, opens
 * the tracking link, sees the answer a staff member sent them (复清楚, 第七条) and rates it (回访, 第二条); the page
 * never pans sideways, axe finds no WCAG 2.1 AA violation, and the monthly summary then counts the rating.
 */
describe('the residents’ page (/r/) on a phone', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let desk: Awaited<ReturnType<typeof createOnlineDesk>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const errors: string[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function fitsAndPassesAxe(page: Page): Promise<void> {
    if ((await sidewaysOverflow(page)) > 0) expect(await widerThanScreen(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    t = await createTestApp('resident_page', { policy: withOnlineDesk() });
    org = await createCompany(t);
    desk = await createOnlineDesk(t, org.cs.department);
    const community = await t.http().post('/places').set(auth(t.adminToken)).send({ kind: 'community', name: '阳光花园' }).expect(201);
    await t.http().post('/places').set(auth(t.adminToken)).send({ kind: 'building', name: '3栋', parentId: community.body.id }).expect(201);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  it('files with a photo, tracks, shows the staff answer, rates it; the monthly summary counts the rating', async () => {
    const context = await openContext(browser, VIEWPORTS.phone, errors);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/r/`);
      await page.waitForSelector('#file-form');
      await fitsAndPassesAxe(page);
      await page.selectOption('#category', '报修');
      await page.fill('#community', '阳光花园');
      // The register's names are offered as the resident types (communities and buildings only).
      await page.waitForSelector('#community-options option[value="阳光花园"]', { state: 'attached' });
      await page.waitForSelector('#building-options option[value="3栋"]', { state: 'attached' });
      await page.fill('#building', '3栋');
      await page.fill('#room', '501');
      await page.fill('#description', '楼道灯坏了一周，晚上看不见');
      await page.setInputFiles('#photos', { name: '楼道.png', mimeType: 'image/png', buffer: Buffer.from(TINY_PNG, 'base64') });
      await page.fill('#name', '张先生');
      await page.fill('#phone', '13812345678');
      // Without consent nothing is sent (个人信息保护法).
      await page.click('#file-form button[type=submit]');
      await page.waitForSelector('#file-status:has-text("请阅读并勾选同意")');
      await page.check('#consent');
      await page.click('#file-form button[type=submit]');
      await page.waitForSelector('#tracking-link');
      await fitsAndPassesAxe(page);
      const reference = (await page.textContent('#reference'))!;
      const link = (await page.getAttribute('#tracking-link', 'href'))!;
      expect(link).toMatch(/\/r\/#t=[A-Za-z0-9_-]{43}$/);

      const [ticket] = await t.db.query('SELECT id, channel, first_responder_id FROM ticket WHERE reference = $1', [reference]);
      expect(ticket).toMatchObject({ channel: 'online', first_responder_id: desk.id });
      const photos = await t.http().get(`/tickets/${ticket.id}/attachments`).set(auth(desk.token)).expect(200);
      expect(photos.body.items.map((a: { fileName: string }) => a.fileName)).toEqual(['楼道.png']);

      // Staff answer the resident over the API, then resolve.
      const answer = '您好，电工已更换灯泡，请您查看。';
      await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(desk.token)).send({ content: answer, via: 'online' }).expect(200);
      await t.http().post(`/tickets/${ticket.id}/resolve`).set(auth(desk.token)).send({ summary: '已更换灯泡' }).expect(200);

      const tracking = await context.newPage();
      await tracking.goto(link);
      await tracking.waitForSelector('#track-status');
      expect(await tracking.textContent('#track-reference')).toBe(reference);
      expect(await tracking.textContent('#track-department')).toBe('工程部');
      expect(await tracking.textContent('#answers')).toContain(answer);
      expect(await tracking.textContent('body')).not.toContain(desk.name);
      await fitsAndPassesAxe(tracking);

      await tracking.fill('#rate-comment', '修得很快');
      await tracking.click('#rating button[data-verdict=satisfied]');
      await tracking.waitForSelector('#rated');
      expect(await tracking.textContent('#rated')).toContain('满意');
      await fitsAndPassesAxe(tracking);

      const summary = await t.http().get('/reports/summary?month=2026-11').set(auth(org.manager.token)).expect(200);
      expect(summary.body.followUps).toMatchObject({ satisfied: 1, dissatisfied: 0, satisfactionPercent: expect.stringMatching(/^100/) });
    } finally {
      await context.close();
    }
  });

  it('answers an invalid link with the same Chinese notice, fitting the phone', async () => {
    const context = await openContext(browser, VIEWPORTS.phone, errors);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/r/#t=${'A'.repeat(43)}`);
      await page.waitForSelector('text=链接无效或已过期');
      await fitsAndPassesAxe(page);
    } finally {
      await context.close();
    }
  });

  it('raised no script error and no Content-Security-Policy violation', () => {
    // The 404 of the invalid link is the one expected failed request.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
