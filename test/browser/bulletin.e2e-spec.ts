import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { axeViolations, serveInChromium, openContext, sidewaysOverflow, signIn, VIEWPORTS, widerThanScreen } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

const SHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? '.data/screenshots');

// Words a manager may read in Latin letters: the file kinds of the download buttons.
const ALLOWED = new Set(['CSV', 'XLSX']);
const englishWords = async (page: Page): Promise<string[]> => {
  const text = (await page.evaluate('document.body.innerText')) as string;
  return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !ALLOWED.has(w));
};

/** 月度通报 (issue 17, item 6) as a manager reads it, on a phone in WeChat's browser and at the desk. */
describe('the console’s monthly bulletin page (月度通报)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const errors: string[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp('console_bulletin', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    // 工程部 answers one ticket on time and lets the other breach; 秩序部 answers on time.
    const onTime = await fileTicket(t, org.eng.staff.token);
    await fileTicket(t, org.eng.staff.token);
    const sec = await fileTicket(t, org.sec.staff.token, { category: '安全' });
    t.clock.set('2026-11-02T03:00:00Z');
    for (const [ticket, token] of [
      [onTime, org.eng.staff.token],
      [sec, org.sec.staff.token],
    ] as const)
      await t.http().post(`/tickets/${ticket.id}/replies`).set(auth(token)).send({ content: '已安排师傅上门处理', via: 'phone' }).expect(200);
    t.clock.set('2026-11-03T03:00:00Z');
    await t.http().post('/admin/sweeps').set(auth(t.adminToken)).expect(200);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`${size} (${viewport.width}×${viewport.height}): the table lists the department below target first, the chart draws its rates, all in Chinese, axe finds nothing`, async () => {
      const context = await openContext(browser, viewport, errors);
      try {
        const page = await signIn(context, base, org.manager);
        await page.goto(`${base}/#/bulletin?month=2026-11`);
        await page.waitForSelector('#bulletin tbody tr');
        await page.waitForSelector('#bulletin-chart');
        // The page reads what GET /bulletins/2026-11 answers, in its order and with its headings.
        const json = (await t.http().get('/bulletins/2026-11').set(auth(org.manager.token)).expect(200)).body as {
          columns: Array<{ key: string; header: string }>;
          sections: Array<{ key: string; title: string }>;
          rows: Array<{ department: { code: string; name: string }; failedTargets: string[] }>;
        };
        expect(json.rows.map((r) => r.department.code)).toEqual(['ENG', 'SEC']);
        expect(json.rows[0].failedTargets).toContain('responseOnTime');
        // Section titles over their figures; 部门 and 未达标项 span both heading rows.
        const figures = json.columns.filter((c) => c.key.includes('.'));
        expect(await page.locator('#bulletin thead tr.figures th').allTextContents()).toEqual(figures.map((c) => c.header));
        expect(await page.locator('#bulletin thead tr.sections th').allTextContents()).toEqual(['部门', ...json.sections.map((s) => s.title), '未达标项']);
        expect(await page.locator('#bulletin tbody tr:first-child > *').count()).toBe(json.columns.length);
        expect(await page.locator('#bulletin tbody tr th').allTextContents()).toEqual(['工程部', '秩序部']);
        expect(await page.getAttribute('#bulletin tbody tr:first-child', 'class')).toBe('below-target');
        expect(await page.textContent('#bulletin tbody tr:first-child td[data-key="response.rate"]')).toBe('50');
        expect(await page.textContent('#bulletin tbody tr:first-child td[data-key=failedTargets]')).toContain('按时响应率');
        // Two departments × five rates: a bar for each rate judged (response, and resolution once due), a target tick each.
        expect(await page.locator('#bulletin-chart line').count()).toBe(10);
        expect(await page.locator('#bulletin-chart rect title').allTextContents()).toContain('工程部 响应 50%，目标 95%');
        expect(await page.isVisible('#bulletin-download-csv')).toBe(true);
        expect(await page.isVisible('#bulletin-download-xlsx')).toBe(true);

        expect(await englishWords(page)).toEqual([]);
        if ((await sidewaysOverflow(page)) > 0) expect(await widerThanScreen(page)).toEqual([]);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: path.join(SHOTS, `bulletin-${size}.png`), fullPage: true });

        // The download is the file the API sends, under its Chinese name; while it is made the button says so
        // (held at the network so the busy state can be read), as HR's do.
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        const handler = async (route: Route) => {
          await released;
          await route.continue();
        };
        await page.route('**/bulletins/**format=csv**', handler);
        const downloaded = page.waitForEvent('download');
        await page.click('#bulletin-download-csv');
        await page.locator('#bulletin-download-csv[aria-busy=true]').waitFor();
        expect(await page.textContent('#bulletin-download-csv')).toBe('正在生成 CSV…');
        expect(await page.isDisabled('#bulletin-download-csv')).toBe(true);
        release();
        expect((await downloaded).suggestedFilename()).toBe('月度通报-2026-11.csv');
        await page.locator('#bulletin-download-csv:not([aria-busy])', { hasText: '下载 CSV' }).waitFor();
        await page.unroute('**/bulletins/**format=csv**', handler);
      } finally {
        await context.close();
      }
      expect(errors).toEqual([]);
    });
  }
});
