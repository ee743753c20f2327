import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { axeViolations, serveInChromium, openContext, sidewaysOverflow, signIn, VIEWPORTS, widerThanScreen } from '../utils/browser.js';
import { ADMIN, createTestApp, type TestApp } from '../utils/create-app.js';

const SHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? '.data/screenshots');

// Managers read the board in WeChat's browser on a phone (390 × 844); the desk works at 1280 × 800. Every page is
// checked at both sizes: nothing pans sideways on the phone, and axe-core finds no WCAG 2.1 AA violation.
describe('the console on a phone and a laptop: responsive, accessible, light to load', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  let ticketId = '';
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('console_phone', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    ticketId = (await fileTicket(t, org.cs.staff.token)).id;
    // Notices for the ENG supervisor, one read, one with a long text that must wrap on the phone.
    await t.db.query(
      `INSERT INTO notification (event_id, recipient_id, ticket_id, kind, title, body, created_at, read_at) VALUES
         (gen_random_uuid(), $1, $2, 'sla.warning', '24小时答复即将超时', $3, now(), NULL),
         (gen_random_uuid(), $1, $2, 'sla.breached', '24小时答复已超时', '截止时间已过', now() - interval '1 hour', now())`,
      [org.eng.supervisor.id, ticketId, `请尽快答复业主。${'楼道灯坏了一周晚上看不见'.repeat(8)}`],
    );
    await t
      .http()
      .post('/places/import')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .set('Content-Type', 'text/csv')
      .send('阳光花园,3栋,2单元,501\n阳光花园,3栋,2单元,502\n长安小区,1号楼,,101\n')
      .expect(200);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  const pages: Array<{ name: string; user: () => { username: string; password: string }; path: () => string; ready: string }> = [
    { name: 'intake', user: () => org.cs.staff, path: () => '#/intake', ready: '#intake-form' },
    { name: 'my tickets', user: () => org.cs.staff, path: () => '#/mine', ready: 'button[data-mine=received]' },
    { name: 'ticket', user: () => org.eng.supervisor, path: () => `#/tickets/${ticketId}`, ready: '.clock[data-purpose=response]' },
    { name: 'board', user: () => org.manager, path: () => '#/board', ready: '#chart-days' },
    { name: 'HR report', user: () => org.hr, path: () => '#/hr?month=2026-11', ready: '#hr-table' },
    { name: 'notifications', user: () => org.eng.supervisor, path: () => '#/notifications', ready: '#notices li' },
    { name: 'place register', user: () => ADMIN, path: () => '#/places', ready: '#places-table' },
  ];

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const p of pages) {
      it(`${size} (${viewport.width}×${viewport.height}): the ${p.name} page fits the screen and axe-core finds no violation`, async () => {
        const context = await openContext(browser, viewport, errors);
        try {
          const page = await signIn(context, base, p.user());
          await page.goto(`${base}/${p.path()}`);
          await page.waitForSelector(p.ready);
          if ((await sidewaysOverflow(page)) > 0) expect(await widerThanScreen(page)).toEqual([]);
          expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
          expect(await axeViolations(page)).toEqual([]);
          // The pictures of the README: each page as a phone shows it (npm run screenshots puts them in docs/).
          if (size === 'phone') await page.screenshot({ path: path.join(SHOTS, `${p.name.toLowerCase().replace(/ /g, '-')}-phone.png`), fullPage: true });
        } finally {
          await context.close();
        }
      });
    }
  }

  it('the login page passes axe-core too, and loads none of the other pages’ modules', async () => {
    const context = await openContext(browser, VIEWPORTS.phone, errors);
    try {
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
      await page.goto(`${base}/#/login`);
      await page.waitForSelector('#login-form');
      expect(scripts.filter((s) => s.startsWith('/js/pages/'))).toEqual(['/js/pages/login.js']);
      // Nor the charts or the place picker: only the shell, its helpers and the login page.
      expect(scripts.filter((s) => !['/js/app.js', '/js/api.js', '/js/ui.js', '/js/messages.js', '/js/pages/login.js'].includes(s))).toEqual([]);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the board’s month picker reads 2026年11月 on a phone, and another month redraws the compliance chart for it', async () => {
    const context = await openContext(browser, VIEWPORTS.phone, errors);
    try {
      const page = await signIn(context, base, org.manager);
      await page.goto(`${base}/#/board`);
      await page.waitForSelector('#chart-days');
      expect(await page.evaluate('document.querySelector("#compliance-month").tagName')).toBe('SELECT');
      expect(await page.textContent('#compliance-month option:checked')).toBe('2026年11月');
      const asked = page.waitForRequest((r) => r.url().includes('/sla/compliance?month=2026-10'));
      await page.selectOption('#compliance-month', '2026-10');
      await asked;
      await page.locator('#compliance', { hasText: '按时 0' }).waitFor();
      expect(await page.textContent('#compliance')).toContain('达标率 —%');
    } finally {
      await context.close();
    }
  });

  it('serves a favicon and a meta description', async () => {
    const html = await t.http().get('/').expect(200);
    expect(html.text).toMatch(/<meta name="description" content="[^"]*投诉[^"]*"/);
    const icon = /<link rel="icon" href="([^"]+)"/.exec(html.text)?.[1];
    expect(icon).toBe('/favicon.svg');
    const served = await t.http().get(icon!).expect(200);
    expect(served.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('raised no script error on any page', () => {
    expect(errors).toEqual([]);
  });
});
