import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium, openContext, signIn, VIEWPORTS } from '../utils/browser.js';
import { ADMIN, createTestApp, type TestApp } from '../utils/create-app.js';

// 地点管理: the admin imports the register (小区,楼栋,单元,房号) from CSV and reads it back, in Chinese.
describe('the place register page (地点管理)', () => {
  let t: TestApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('console_places', { start: '2026-11-02T02:00:00Z' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    ({ browser, close: closeBrowser } = await launchChromium());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  it('imports a pasted file, says what it added, adds nothing the second time, and names each faulty line in Chinese', async () => {
    const context = await openContext(browser, VIEWPORTS.laptop, errors);
    try {
      const page = await signIn(context, base, ADMIN);
      await page.goto(`${base}/#/places`);
      await page.waitForSelector('#places-empty');
      expect(await page.textContent('#nav')).toContain('地点管理');
      await page.fill('#places-csv', '小区,楼栋,单元,房号\n阳光花园,3栋,2单元,501\n阳光花园,3栋,2单元,502\n');
      await page.click('#places-import');
      await page.waitForSelector('#import-summary');
      expect(await page.textContent('#import-summary')).toBe('共读取 2 行：新增 5 个地点，0 个已登记。');
      await page.waitForSelector('#places-table');
      expect(await page.locator('#places-table tbody tr').count()).toBe(5);
      await page.click('#places-import');
      await page.waitForSelector('#import-summary:has-text("新增 0 个")');
      expect(await page.textContent('#import-summary')).toBe('共读取 2 行：新增 0 个地点，5 个已登记。');

      await page.fill('#places-csv', '阳光花园,3栋,2单元,503\n,4栋\n阳光花园,,1单元,101\n');
      await page.click('#places-import');
      await page.waitForSelector('#import-errors');
      expect(await page.locator('#import-errors li').allTextContents()).toEqual([
        '第 2 行（小区）：未填写小区',
        '第 3 行（楼栋）：填写了单元或房号，但缺少楼栋',
      ]);
      expect(await page.textContent('#import-result')).toContain('有 2 行有误，未导入任何地点');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM place`))[0].n).toBe(5);

      // The list searches like the intake's type-ahead: by pinyin initials.
      await page.fill('#places-q', 'ygh 502');
      await page.waitForSelector('#places-table tbody tr:only-child');
      expect(await page.textContent('#places-table tbody')).toContain('阳光花园 3栋 2单元 502');
      await page.click('#places-table tbody button');
      await page.waitForSelector('#places-empty');
      const [room] = await t.db.query(`SELECT active FROM place WHERE path = '阳光花园 3栋 2单元 502'`);
      expect(room.active).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('raised no script error (the faulty file above answers 400 on purpose)', () => {
    expect(errors.filter((e) => !/^Failed to load resource: the server responded with a status of 400 /.test(e))).toEqual([]);
  });
});
