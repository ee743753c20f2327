import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { createOnlineDesk, fileOnline, withClaimingDesk } from '../factories/resident.factory.js';
import { axeViolations, serveInChromium, openTicketPage, sidewaysOverflow, VIEWPORTS } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

/**
 * Issue 19, 首问负责制 under `resident.firstResponder.mode: first_claim`, on the ticket page: staff of the department in
 * charge see an online complaint waiting to be claimed, claim it in one tap and read themselves as its first responder;
 * the desk that recorded it sees the wait without a button; once the window has passed nobody is offered it.
 */
describe('claiming an online complaint on the ticket page (首问负责制, first_claim)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let desk: Awaited<ReturnType<typeof createOnlineDesk>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  let address = 0;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  const filed = async (phone: string): Promise<string> => {
    const { reference } = await fileOnline(t, { phone }, `198.51.100.${++address}`);
    return (await t.db.query('SELECT id FROM ticket WHERE reference = $1', [reference]))[0].id;
  };
  const open = (viewport: { width: number; height: number }, user: { username: string; password: string }, ticketId: string): Promise<Page> =>
    openTicketPage(browser, base, { viewport, contexts, errors }, user, ticketId);

  beforeAll(async () => {
    t = await createTestApp('claim_page', { policy: withClaimingDesk(30), env: { TRUST_PROXY: 'loopback' } });
    org = await createCompany(t);
    desk = await createOnlineDesk(t, org.cs.department);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await closeBrowser?.();
    await t?.close();
  });

  it.each(Object.entries(VIEWPORTS))(
    'at %s size, staff of the department in charge claim it in one tap and become its first responder',
    async (_, viewport) => {
      const id = await filed(viewport.width < 500 ? '13866670001' : '13866670002');
      const page = await open(viewport, org.eng.staff, id);
      expect(await page.textContent('#first-responder')).toContain('网上值班员');
      expect(await page.textContent('#claim')).toContain('待认领');
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.click('#claim-button');
      await page.waitForSelector('#claim:has-text("网上受理")');
      expect(await page.textContent('#first-responder')).toContain(org.eng.staff.name);
      expect(await page.locator('#claim-button').count()).toBe(0);
      expect(await page.textContent('#history')).toContain('认领为首问负责人');
      expect((await t.db.query('SELECT first_responder_id FROM ticket WHERE id = $1', [id]))[0].first_responder_id).toBe(org.eng.staff.id);
    },
  );

  it('shows the desk that recorded it the wait without a button, and offers nobody a claim once the window has passed', async () => {
    const id = await filed('13866670003');
    const clerk = await open(VIEWPORTS.laptop, desk, id);
    expect(await clerk.textContent('#claim')).toContain('待认领');
    expect(await clerk.locator('#claim-button').count()).toBe(0);
    t.clock.advanceMinutes(31);
    const late = await open(VIEWPORTS.phone, org.eng.staff, id);
    expect(await late.textContent('#claim')).toContain('认领时限已过');
    expect(await late.locator('#claim-button').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
