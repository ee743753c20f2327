import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { axeViolations, serveInChromium, openContext, signIn, VIEWPORTS } from '../utils/browser.js';
import { ADMIN, createTestApp, type TestApp } from '../utils/create-app.js';

// Screenshots go to a git-ignored folder; `npm run screenshots` writes them into docs/screenshots for the README.
const SHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? '.data/screenshots');

// The desk clerk on a live call (issue 18): the caller's earlier matters while the phone is typed, a one-key choice of
// same matter or new matter, a keyboard-only flow, and Chinese wherever a user reads.
describe('intake by keyboard, caller lookup and Chinese messages in the console', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  /** Per viewport, a caller with an open 报修 ticket (repeat calls about it). */
  const earliers = {} as Record<keyof typeof VIEWPORTS, { id: string; reference: string }>;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('console_keyboard', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    for (const [i, size] of (['phone', 'laptop'] as const).entries()) {
      earliers[size] = await fileTicket(t, org.cs.staff.token, {
        complainant: { name: '王芳', phone: `1375555${i}001`, address: { community: '阳光花园', building: '2', room: '101' } },
      });
    }
    // The place register the clerk picks from: 2栋 has rooms with and without a unit.
    await t
      .http()
      .post('/places/import')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .set('Content-Type', 'text/csv')
      .send('小区,楼栋,单元,房号\n阳光花园,2栋,,101\n阳光花园,2栋,1单元,101\n')
      .expect(200);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  const openIntake = async (viewport: { width: number; height: number } = VIEWPORTS.laptop): Promise<Page> => {
    const context = await openContext(browser, viewport, errors);
    const page = await signIn(context, base, org.cs.staff);
    await page.goto(`${base}/#/intake`);
    await page.waitForSelector('#intake-form');
    return page;
  };
  const focused = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id');
  /**
   * Waits, once `q` is typed into the place picker, until its list shows the register's answer to the whole text:
   * before that it may still show the answer to a prefix (the picker drops an answer that comes after a newer
   * request's, not one that comes before it).
   */
  const placeAnswer = (page: Page, q: string): (() => Promise<void>) => {
    const answered = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname.endsWith('/places') && url.searchParams.get('q') === q;
    });
    return async () => {
      const paths = ((await (await answered).json()) as { path: string }[]).map((p) => p.path);
      const listed = `JSON.stringify([...document.querySelectorAll('#place-options [role=option]')].map((li) => li.firstChild.textContent))`;
      await page.waitForFunction(`${listed} === ${JSON.stringify(JSON.stringify(paths))}`);
    };
  };

  // The desk works at 1280 × 800, but a clerk may take a call on a phone: each flow at both sizes, each with callers of its own.
  for (const [size, viewport] of Object.entries(VIEWPORTS) as Array<[keyof typeof VIEWPORTS, (typeof VIEWPORTS)[keyof typeof VIEWPORTS]]>) {
    const phoneFor = (last: string) => `1375555${size === 'phone' ? 0 : 1}${last}`;
    const repeatPhone = phoneFor('001');
    describe(`${size} (${viewport.width}×${viewport.height})`, () => {
      it('第六条, 第九条: shows the caller’s open matter with status and due time while the phone is typed, and files a typical phone complaint by keyboard alone, the address picked from the register, in at most 20 entries or key chords (17)', async () => {
        const page = await openIntake(viewport);
        let count = 0;
        const type = async (text: string) => {
          count += 1; // one field entry
          await page.keyboard.type(text);
        };
        const press = async (chord: string) => {
          count += 1; // one key chord
          await page.keyboard.press(chord);
        };
        // Focus starts in the first field, the phone.
        expect(await focused(page)).toBe('phone');
        await type(repeatPhone);
        await page.waitForSelector('#repeat-warning');
        const lookup = (await page.textContent('#caller-lookup'))!;
        expect(lookup).toContain('重复来电');
        expect(lookup).toContain(earliers[size].reference);
        expect(lookup).toContain('处理中');
        expect(lookup).toMatch(/答复时限 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
        await press('Enter');
        expect(await focused(page)).toBe('name');
        await type('王芳');
        await press('Enter');
        // The register's type-ahead: pinyin initials and the room; the second of the two 101s, one key down; Enter picks.
        expect(await focused(page)).toBe('place');
        const shown = placeAnswer(page, 'ygh 101');
        await type('ygh 101');
        await shown();
        expect(await page.locator('#place-options [role=option]').count()).toBe(2);
        expect(await page.textContent('#place-options')).toContain('阳光花园 2栋 1单元 101');
        await press('ArrowDown');
        expect(await page.getAttribute('#place-option-1', 'aria-selected')).toBe('true');
        await press('Enter');
        expect(await focused(page)).toBe('summary');
        expect([
          await page.inputValue('#community'),
          await page.inputValue('#building'),
          await page.inputValue('#unit'),
          await page.inputValue('#room'),
        ]).toEqual(['阳光花园', '2栋', '1单元', '101']);
        await type('楼上漏水到我家厨房');
        await press('Enter');
        expect(await focused(page)).toBe('requests');
        await type('尽快上门查看');
        await press('Enter');
        expect(await focused(page)).toBe('category');
        // No preset: the clerk chooses (the first category, 报修, one key down).
        expect(await page.inputValue('#category')).toBe('');
        await press('ArrowDown');
        expect(await page.inputValue('#category')).toBe('报修');
        await press('Control+Enter'); // 核对信息
        await page.waitForSelector('#match-choice');
        expect(await focused(page)).toBe('confirm-save');
        expect(await page.textContent('#readback-address')).toBe('阳光花园 2栋 1单元 101（登记地点）');
        await press('0'); // 新事项
        expect(await page.isChecked('#match-new')).toBe(true);
        expect(await focused(page)).toBe('confirm-save');
        // 第七条 听清楚/问清楚 confirmed while reading back: T and W, focus stays on 保存.
        await press('t');
        await press('w');
        expect([await page.isChecked('#clear-listen'), await page.isChecked('#clear-ask')]).toEqual([true, true]);
        expect(await focused(page)).toBe('confirm-save');
        // The README's picture of the intake: a repeat caller, the register's place and the read-back before saving.
        if (size === 'laptop') await page.screenshot({ path: path.join(SHOTS, 'intake-repeat-caller.png'), fullPage: true });
        await press('Enter'); // 保存
        const reference = (await page.textContent('#created-reference', { timeout: 10_000 }))!.trim();
        expect(reference).toMatch(/^TS-\d{8}-\d{4}$/);
        expect(reference).not.toBe(earliers[size].reference);
        // phone, name, place (type, one down, pick), summary, requests: 11 with their Enters; category, read-back, 0, T, W, save.
        expect(count).toBe(17);
        expect(count).toBeLessThanOrEqual(20);

        const [ticket] = (await t.http().get(`/tickets?q=${reference}`).set('Authorization', `Bearer ${t.adminToken}`).expect(200)).body.items;
        expect(ticket).toMatchObject({ kind: 'complaint', channel: 'phone', category: '报修', summary: '楼上漏水到我家厨房' });
        const [row] = await t.db.query(
          `SELECT t.community, t.building, t.unit, t.room, p.path FROM ticket t JOIN place p ON p.id = t.place_id WHERE t.reference = $1`,
          [reference],
        );
        expect(row).toEqual({ community: '阳光花园', building: '2栋', unit: '1单元', room: '101', path: '阳光花园 2栋 1单元 101' });
        const ticks = await t.db.query(`SELECT item, source, ticked_by_id FROM checklist_tick WHERE ticket_id = $1 ORDER BY item`, [ticket.id]);
        expect(ticks).toEqual([
          { item: 'ask', source: 'intake', ticked_by_id: org.cs.staff.id },
          { item: 'listen', source: 'intake', ticked_by_id: org.cs.staff.id },
        ]);
        // The ticket page says the address is a registered place (第九条 groups recurring problems by it), without 2栋栋.
        await page.goto(`${base}/#/tickets/${ticket.id}`);
        expect(await page.textContent('#ticket-address')).toBe('阳光花园 2栋 1单元 101室（登记地点）');
        await page.context().close();
      });

      it('the place picker: Escape closes it and Enter moves on; an address typed by hand after a pick is free text again, and axe finds no violation with the list open', async () => {
        const page = await openIntake(viewport);
        await page.fill('#phone', phoneFor('009'));
        await page.fill('#name', '李女士');
        await page.focus('#place');
        const shown = placeAnswer(page, '2栋');
        await page.keyboard.type('2栋');
        await shown();
        expect(await page.getAttribute('#place', 'aria-expanded')).toBe('true');
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Enter'); // the first, 阳光花园 2栋
        expect(await page.textContent('#place-chosen')).toBe('已选登记地点：阳光花园 2栋');
        expect(await page.inputValue('#building')).toBe('2栋');
        // The clerk corrects the building by hand: the address is free text now.
        await page.fill('#building', '2');
        expect(await page.textContent('#place-chosen')).toBe('');
        await page.fill('#summary', '楼下路灯不亮');
        await page.fill('#requests', '修好');
        await page.selectOption('#category', '报修');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector('#readback-address');
        expect(await page.textContent('#readback-address')).toBe('阳光花园 2栋');
        await page.click('#confirm-save');
        const reference = (await page.textContent('#created-reference', { timeout: 10_000 }))!.trim();
        const [row] = await t.db.query('SELECT building, place_id FROM ticket WHERE reference = $1', [reference]);
        expect(row).toEqual({ building: '2', place_id: null });
        const [{ id }] = await t.db.query('SELECT id FROM ticket WHERE reference = $1', [reference]);
        await page.goto(`${base}/#/tickets/${id}`);
        expect(await page.textContent('#ticket-address')).toBe('阳光花园 2栋'); // free text: not marked as registered
        await page.goto(`${base}/#/intake`);
        await page.waitForSelector('#intake-form');
        // Escape closes the list, and Enter then moves on to the free-text community.
        await page.focus('#place');
        const shownAgain = placeAnswer(page, 'ygh');
        await page.keyboard.type('ygh');
        await shownAgain();
        await page.keyboard.press('Escape');
        expect(await page.isHidden('#place-options')).toBe(true);
        await page.keyboard.press('Enter');
        expect(await focused(page)).toBe('community');
        await page.context().close();
      });

      it('the place picker: an answer still on its way when the list is closed (Escape, leaving the field) does not open it again, and Enter then moves on', async () => {
        const page = await openIntake(viewport);
        await page.fill('#phone', phoneFor('011'));
        await page.fill('#name', '李女士');
        // The register's answers to these texts wait until the test lets them go; `asked` once the page has asked.
        const holdAnswer = () => {
          let markAsked!: () => void;
          let release!: () => void;
          const asked = new Promise<void>((resolve) => (markAsked = resolve));
          const gate = new Promise<void>((resolve) => (release = resolve));
          return { asked, markAsked, gate, release };
        };
        const held = new Map(['ygh', '2栋', '阳'].map((q) => [q, holdAnswer()]));
        await page.route(
          (url) => url.pathname.endsWith('/places') && held.has(url.searchParams.get('q') ?? ''),
          async (route) => {
            const answer = held.get(new URL(route.request().url()).searchParams.get('q')!)!;
            answer.markAsked();
            await answer.gate;
            await route.continue();
          },
        );
        const settled = () => page.waitForSelector('#place-options[aria-busy="false"]', { state: 'attached' });
        /** Types `q` into the emptied picker, presses `key` while the register's answer is held, then lets it come. */
        const closeWhileAsked = async (q: string, key: string) => {
          await page.fill('#place', '');
          await page.focus('#place');
          await page.keyboard.type(q);
          await held.get(q)!.asked;
          await page.keyboard.press(key);
          held.get(q)!.release();
          await settled();
          expect(await page.isHidden('#place-options')).toBe(true);
        };
        // Escape while the list shows an answer to a prefix and the answer to the whole text is on its way.
        await page.focus('#place');
        const shown = placeAnswer(page, 'yg');
        await page.keyboard.type('yg');
        await shown();
        await page.keyboard.type('h');
        await held.get('ygh')!.asked;
        expect(await page.getAttribute('#place-options', 'aria-busy')).toBe('true');
        await page.keyboard.press('Escape');
        expect(await page.isHidden('#place-options')).toBe(true);
        held.get('ygh')!.release();
        await settled();
        expect(await page.isHidden('#place-options')).toBe(true);
        expect(await page.getAttribute('#place', 'aria-expanded')).toBe('false');
        await page.keyboard.press('Enter');
        expect(await focused(page)).toBe('community');
        expect(await page.textContent('#place-chosen')).toBe('');
        // Leaving the field while the register is asked: no list opens under the next field.
        await closeWhileAsked('2栋', 'Tab');
        expect(await page.textContent('#place-chosen')).toBe('');
        // Escape before any answer has shown: none shows after it either.
        await closeWhileAsked('阳', 'Escape');
        await page.keyboard.press('Enter');
        expect(await focused(page)).toBe('community');
        await page.context().close();
      });

      it('第九条: shows the caller’s closed tickets apart as earlier matters, and the read-back offers only open ones as the same matter', async () => {
        const phone = phoneFor('010');
        const closed = await fileTicket(t, org.cs.staff.token, {
          category: '收费',
          summary: '物业费多收已退',
          complainant: { name: '赵先生', phone, address: { community: '阳光花园' } },
        });
        await t
          .http()
          .post(`/tickets/${closed.id}/close`)
          .set('Authorization', `Bearer ${t.adminToken}`)
          .send({ overrideReason: '测试用：直接关闭' })
          .expect(200);
        const page = await openIntake(viewport);
        await page.fill('#phone', phone);
        await page.waitForSelector('#caller-earlier');
        expect(await page.textContent('#no-earlier')).toBe('该号码没有未办结的工单');
        const earlierText = (await page.textContent('#caller-earlier'))!;
        expect(earlierText).toContain(closed.reference);
        expect(earlierText).toContain('已关闭');
        expect(earlierText).toMatch(/办结 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
        await page.fill('#name', '赵先生');
        await page.fill('#community', '阳光花园');
        await page.fill('#summary', '物业费又多收了');
        await page.fill('#requests', '退还');
        await page.selectOption('#category', '收费');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector('#readback-panel:not([hidden])');
        expect(await page.locator('#match-choice').count()).toBe(0);
        await page.context().close();
      });

      it('第九条: one key (1) picks the same matter, and the call joins the open ticket as a repeat contact', async () => {
        const page = await openIntake(viewport);
        await page.fill('#phone', repeatPhone);
        await page.waitForSelector('#repeat-warning');
        await page.fill('#name', '王芳');
        await page.fill('#community', '阳光花园');
        await page.fill('#summary', '再次来电催问漏水');
        await page.fill('#requests', '今天来人');
        await page.selectOption('#category', '报修');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector('#match-choice');
        await page.keyboard.press('1');
        expect(await page.isChecked(`#match-choice input[value="same:${earliers[size].reference}"]`)).toBe(true);
        await page.keyboard.press('Enter');
        await page.waitForSelector('#created-reference', { timeout: 10_000 });
        expect(await page.textContent('#result-panel')).toContain('已并入原工单（重复来电）');
        expect((await page.textContent('#created-reference'))!.trim()).toBe(earliers[size].reference);
        await page.context().close();
      });

      it('the category has no preset: 核对信息 without one names 类别 in Chinese and marks the field', async () => {
        const page = await openIntake(viewport);
        await page.fill('#phone', phoneFor('002'));
        await page.fill('#name', '张先生');
        await page.fill('#community', '阳光花园');
        await page.fill('#summary', '门口垃圾没人清');
        await page.fill('#requests', '尽快清理');
        await page.click('#review');
        expect(await page.textContent('#intake-error')).toBe('请填写或选择：类别');
        expect(await page.getAttribute('#category', 'aria-invalid')).toBe('true');
        expect(await focused(page)).toBe('category');
        expect(await page.isHidden('#readback-panel')).toBe(true);
        await page.context().close();
      });

      it('an API refusal shows once in Chinese, marks the field it names, and clears after a successful save', async () => {
        const page = await openIntake(viewport);
        // 7 digits: not a mobile and no area code, which only the API decides.
        await page.fill('#phone', '5551234');
        await page.fill('#name', '张先生');
        await page.fill('#community', '阳光花园');
        await page.fill('#summary', '门口垃圾没人清');
        await page.fill('#requests', '尽快清理');
        await page.selectOption('#category', '卫生');
        await page.click('#review');
        await page.click('#confirm-save');
        await page.waitForSelector('#phone[aria-invalid=true]');
        const message = (await page.textContent('#intake-error'))!;
        expect(message).toBe('请检查：联系电话。');
        expect(await page.evaluate('getComputedStyle(document.querySelector("#phone")).borderTopColor')).toBe('rgb(220, 38, 38)');
        // Shown once: nowhere else on the page.
        expect((await page.textContent('body'))!.split('联系电话。').length - 1).toBe(1);

        await page.fill('#phone', phoneFor('003'));
        expect(await page.getAttribute('#phone', 'aria-invalid')).toBeNull();
        await page.click('#review');
        await page.click('#confirm-save');
        await page.waitForSelector('#created-reference', { timeout: 10_000 });
        expect(await page.textContent('#intake-error')).toBe('');
        expect(await page.locator('[aria-invalid=true]').count()).toBe(0);
        await page.context().close();
      });
    });
  }

  // Words a user may read in Latin letters: department codes shown beside their names, file kinds, the shortcut key,
  // and the pinyin initials the place picker's placeholder gives as an example (ygh for 阳光花园).
  const ALLOWED = new Set(['ENG', 'SEC', 'ENV', 'CS', 'PDF', 'PNG', 'JPG', 'JPEG', 'CSV', 'XLSX', 'Ctrl', 'ygh']);
  /**
   * What a user reads on the page: its text, and what its visible form controls show that innerText leaves out
   * (a field's placeholder, a select's chosen option, an input button's label). What was typed into a field is the
   * user's own (a username), not the console's.
   */
  const VISIBLE_TEXT = `[document.body.innerText,
    ...[...document.querySelectorAll('input, textarea, select')]
      .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
      .flatMap((el) => el.tagName === 'SELECT'
        ? [...el.selectedOptions].map((o) => o.textContent)
        : ['button', 'submit', 'reset'].includes(el.type) ? [el.value] : [el.placeholder])]
    .join('\\n')`;
  const englishWords = async (page: Page): Promise<string[]> => {
    const text = (await page.evaluate(VISIBLE_TEXT)) as string;
    const words = text
      .replace(/TS-\d{8}-\d{4}/g, '') // ticket references
      .match(/[A-Za-z]{2,}/g);
    return [...new Set(words ?? [])].filter((w) => !ALLOWED.has(w));
  };

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`${size} (${viewport.width}×${viewport.height}): no page of the console shows an English word, not even after a refused save`, async () => {
      const ticket = await fileTicket(t, org.cs.staff.token);
      await t.db.query(
        `INSERT INTO notification (event_id, recipient_id, ticket_id, kind, title, body, created_at) VALUES (gen_random_uuid(), $1, $2, 'sla.warning', '24小时答复即将超时', '请尽快答复业主', now())`,
        [org.eng.supervisor.id, ticket.id],
      );
      const pages: Array<{ user: { username: string; password: string }; path: string; ready: string }> = [
        { user: org.cs.staff, path: '#/intake', ready: '#intake-form' },
        { user: org.cs.staff, path: '#/mine', ready: 'button[data-mine=received]' },
        { user: org.eng.supervisor, path: `#/tickets/${ticket.id}`, ready: '.clock[data-purpose=response]' },
        { user: org.manager, path: '#/board', ready: '#chart-days' },
        { user: org.hr, path: '#/hr?month=2026-11', ready: '#hr-table' },
        { user: ADMIN, path: '#/places', ready: '#places-table' },
        { user: org.eng.supervisor, path: '#/notifications', ready: '#notices li' },
      ];
      const context = await openContext(browser, viewport, errors);
      try {
        const login = await context.newPage();
        await login.goto(`${base}/#/login`);
        await login.waitForSelector('#login-form');
        expect(['login', await englishWords(login)]).toEqual(['login', []]);
        // A wrong password: the refusal is Chinese too.
        await login.fill('#username', org.cs.staff.username);
        await login.fill('#password', 'not-the-password');
        await login.click('#login-form button[type=submit]');
        await login.waitForSelector('#login-error:not(:empty)');
        expect(['login refused', await englishWords(login)]).toEqual(['login refused', []]);
        await login.close();
        for (const p of pages) {
          const page = await signIn(context, base, p.user);
          await page.goto(`${base}/${p.path}`);
          await page.waitForSelector(p.ready);
          expect([p.path, await englishWords(page)]).toEqual([p.path, []]);
          await page.close();
        }
        // HR's empty month with the month-close confirmation open.
        const hr = await signIn(context, base, org.hr);
        await hr.goto(`${base}/#/hr?month=2026-10`);
        await hr.waitForSelector('#hr-empty');
        await hr.click('#close-month');
        await hr.waitForSelector('#close-confirm-box:not([hidden])');
        expect(['hr empty month, closing', await englishWords(hr)]).toEqual(['hr empty month, closing', []]);
        await hr.close();
        // The ticket page with every action form open (their fields, placeholders and choices).
        const handler = await signIn(context, base, org.eng.supervisor);
        await handler.goto(`${base}/#/tickets/${ticket.id}`);
        await handler.waitForSelector('.clock[data-purpose=response]');
        for (const summary of await handler.locator('details > summary').all()) if (await summary.isVisible()) await summary.click();
        expect(['ticket page, actions open', await englishWords(handler)]).toEqual(['ticket page, actions open', []]);
        await handler.close();
        // After provoking the API's validation: the phone only the API refuses.
        const page = await signIn(context, base, org.cs.staff);
        await page.goto(`${base}/#/intake`);
        await page.waitForSelector('#intake-form');
        await page.fill('#phone', '5551234');
        await page.fill('#name', '张先生');
        await page.fill('#community', '阳光花园');
        await page.fill('#summary', '门口垃圾没人清');
        await page.fill('#requests', '尽快清理');
        await page.selectOption('#category', '卫生');
        await page.click('#review');
        await page.click('#confirm-save');
        await page.waitForSelector('#phone[aria-invalid=true]');
        expect(['intake refused', await englishWords(page)]).toEqual(['intake refused', []]);
        // A caller with no tickets, read back before saving: the lookup and the read-back show no stray null.
        await page.fill('#phone', '13900001111');
        await page.waitForSelector('#no-earlier');
        await page.click('#review');
        await page.waitForSelector('#confirm-save');
        expect(['caller lookup and read-back', await englishWords(page)]).toEqual(['caller lookup and read-back', []]);
      } finally {
        await context.close();
      }
    });
  }

  it('raised no script error (the refused sign-in and saves above answer 401 and 400 on purpose)', () => {
    expect(errors.filter((e) => !/^Failed to load resource: the server responded with a status of 40[01] /.test(e))).toEqual([]);
  });
});
