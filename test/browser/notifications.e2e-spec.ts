import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { serveInChromium, openContext, signIn, VIEWPORTS } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

// 通知 (第六条: warnings, breaches and escalations reach the person they concern): the list, read marks, the ticket link.
describe('the notification list page (通知)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  let ticket: { id: string; reference: string };
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('console_notices', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    ticket = await fileTicket(t, org.cs.staff.token);
    // The sweep that writes notices is tested in sla.e2e-spec.ts; here the page that reads them.
    await t.db.query(
      `INSERT INTO notification (event_id, recipient_id, ticket_id, kind, title, body, created_at) VALUES
         (gen_random_uuid(), $1, $2, 'sla.warning', '24小时答复即将超时', '请尽快答复', '2026-11-02T03:00:00Z'),
         (gen_random_uuid(), $1, $2, 'sla.breached', '24小时答复已超时', '截止时间已过', '2026-11-02T04:00:00Z'),
         (gen_random_uuid(), $3, $2, 'sla.warning', '不是你的通知', '', '2026-11-02T04:00:00Z')`,
      [org.eng.supervisor.id, ticket.id, org.cs.supervisor.id],
    );
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  const readAt = async (title: string) => (await t.db.query('SELECT read_at FROM notification WHERE title = $1', [title]))[0].read_at as Date | null;

  it('lists the signed-in person’s notices newest first, marks one read, filters unread, and opening the ticket marks it read', async () => {
    const context = await openContext(browser, VIEWPORTS.phone, errors);
    try {
      const page = await signIn(context, base, org.eng.supervisor);
      expect(await page.textContent('#nav')).toContain('通知');
      await page.goto(`${base}/#/notifications`);
      await page.waitForSelector('#notices li');
      expect(await page.locator('#notices .notice-title b').allTextContents()).toEqual(['24小时答复已超时', '24小时答复即将超时']);
      expect(await page.locator('#notices .unread-tag').count()).toBe(2);

      await page.click('#notices li:first-child .mark-read');
      await page.waitForSelector('#notices-status:has-text("已标为已读")');
      expect(await readAt('24小时答复已超时')).not.toBeNull();
      expect(await page.locator('#notices .unread-tag').count()).toBe(1);

      await page.click('button[data-notices=unread]');
      await page.waitForSelector('#notices li:only-child');
      expect(await page.textContent('#notices')).toContain('24小时答复即将超时');

      await page.click('#notices li .notice-ticket');
      await page.waitForSelector('.clock[data-purpose=response]');
      expect(page.url()).toContain(`#/tickets/${ticket.id}`);
      expect(await readAt('24小时答复即将超时')).not.toBeNull();
      await page.goto(`${base}/#/notifications`);
      await page.click('button[data-notices=unread]');
      await page.waitForSelector('#notices-status:has-text("没有未读通知")');
    } finally {
      await context.close();
    }
  });

  it('raised no script error', () => {
    expect(errors).toEqual([]);
  });
});
