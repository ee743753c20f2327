import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { axeViolations, serveInChromium, openContext, sidewaysOverflow, signIn, VIEWPORTS, widerThanScreen } from '../utils/browser.js';
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
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
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
      await page.click('#places-table tbody button.deactivate');
      await page.waitForSelector('#places-table tbody tr:only-child:has-text("已停用")');
      const [room] = await t.db.query(`SELECT active FROM place WHERE path = '阳光花园 3栋 2单元 502'`);
      expect(room.active).toBe(false);
      // Deactivated, it stays listed with 启用, and comes back with one click.
      await page.click('#places-table tbody button.reactivate');
      await page.waitForSelector('#places-table tbody tr:only-child:has-text("启用中")');
      expect((await t.db.query(`SELECT active FROM place WHERE path = '阳光花园 3栋 2单元 502'`))[0].active).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('renames a place inline by keyboard: the paths under it follow, a name taken under the same parent is refused in Chinese, Esc cancels', async () => {
    const context = await openContext(browser, VIEWPORTS.laptop, errors);
    try {
      const page = await signIn(context, base, ADMIN);
      await page.goto(`${base}/#/places`);
      await page.fill('#places-q', '3栋');
      await page.waitForSelector('#places-table tbody tr:first-child:has-text("阳光花园 3栋")');
      const building = page.locator('#places-table tbody tr').first();
      expect(await building.locator('td').first().textContent()).toBe('阳光花园 3栋');
      await building.locator('button.rename').click();
      // Focus is in the name field, its text selected: typing replaces it.
      expect(await page.evaluate('document.activeElement.className')).toBe('place-name');
      expect(await page.textContent('#places-table label')).toBe('新名称（阳光花园 下）');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#places-table button.rename');
      expect(await page.locator('.place-name').count()).toBe(0);

      // A second community-level sibling to collide with: 阳光花园 4栋.
      // The page lists the register again after an import (its search still 3栋): the rename starts on that list, not
      // on the one before it, which the new one replaces.
      const listed = await page.$('#places-table');
      await page.fill('#places-csv', '阳光花园,4栋\n');
      await page.click('#places-import');
      await page.waitForSelector('#import-summary:has-text("新增 1 个")');
      await listed!.waitForElementState('hidden');
      await page.waitForSelector('#places-table tbody tr:first-child:has-text("阳光花园 3栋")');
      await page.locator('#places-table tbody tr').first().locator('button.rename').click();
      await page.keyboard.type('4栋');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#places-table [role="alert"]:has-text("同一上级下已有同名地点")');
      expect(await page.getAttribute('.place-name', 'aria-invalid')).toBe('true');
      await page.fill('.place-name', '3号楼');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#toast:has-text("已改名为 3号楼")');
      await page.fill('#places-q', '3号楼');
      await page.waitForSelector('#places-table tbody tr:has-text("阳光花园 3号楼 2单元 501")');
      expect(await page.locator('#places-table tbody td:first-child').allTextContents()).toEqual([
        '阳光花园 3号楼',
        '阳光花园 3号楼 2单元',
        '阳光花园 3号楼 2单元 501',
        '阳光花园 3号楼 2单元 502',
      ]);
      const [renamed] = await t.db.query(`SELECT count(*)::int AS n FROM place WHERE path LIKE '阳光花园 3号楼%'`);
      expect(renamed.n).toBe(4);
    } finally {
      await context.close();
    }
  });

  it('is usable at 390 px with no axe violations, a deactivated place among the rows', async () => {
    const context = await openContext(browser, VIEWPORTS.phone, errors);
    try {
      const page = await signIn(context, base, ADMIN);
      await page.goto(`${base}/#/places`);
      await page.fill('#places-q', '501');
      await page.waitForSelector('#places-table tbody tr');
      await page.locator('#places-table tbody tr').first().locator('button.deactivate').click();
      await page.waitForSelector('#places-table tbody tr:has-text("已停用")');
      if ((await sidewaysOverflow(page)) > 0) expect(await widerThanScreen(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      // The inline rename at that width too.
      await page.locator('#places-table tbody tr').first().locator('button.rename').click();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('raised no script error (the faulty file and the taken name above answer 400 and 422 on purpose)', () => {
    expect(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|422) /.test(e))).toEqual([]);
  });
});
