import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { TINY_PNG } from '../factories/attachment.factory.js';
import { createCompany } from '../factories/org.factory.js';
import { fileTicket } from '../factories/ticket.factory.js';
import { axeViolations, serveInChromium, sidewaysOverflow, VIEWPORTS, widerThanScreen } from '../utils/browser.js';
import { createTestApp, type TestApp } from '../utils/create-app.js';

// Screenshots go to a git-ignored folder; `npm run screenshots` writes them into docs/screenshots for the README.
const SHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? '.data/screenshots');

type Viewport = { width: number; height: number };
const SIZES = Object.entries(VIEWPORTS) as Array<[keyof typeof VIEWPORTS, Viewport]>;

describe('the web console in headless Chromium (zh-CN, 1280×800; the HR page and the board also at 390×844)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createCompany>>;
  let browser: Browser;
  let base: string;
  let closeBrowser: () => Promise<void>;
  const contexts: BrowserContext[] = [];
  let reference = '';
  let ticketId = '';
  let breachedReference = ''; // the board test's unanswered complaint that threatens the media
  let overreached: Awaited<ReturnType<typeof fileTicket>>; // a low-risk ticket with an overreach recorded
  const errors: string[] = [];

  const signIn = async (user: { username: string; password: string }, viewport: Viewport = VIEWPORTS.laptop): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${user.username}: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`${user.username}: ${message.text()}`));
    await page.goto(`${base}/#/login`);
    await page.fill('#username', user.username);
    await page.fill('#password', user.password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#who-name');
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  /**
   * The page's axe violations and, on the phone, how far it pans sideways (naming what reaches past the edge when
   * it does: a wide table inside its own scrolling region is fine). Taken per state and compared with `clean` at
   * the end of a test, so that one state's failure does not hide another's.
   */
  const audit = async (page: Page, size: keyof typeof VIEWPORTS) => {
    const axe = await axeViolations(page);
    if (size !== 'phone') return { axe };
    const overflow = await sidewaysOverflow(page);
    return overflow > 0 ? { axe, overflow, wider: await widerThanScreen(page) } : { axe, overflow };
  };
  const clean = (size: keyof typeof VIEWPORTS) => (size === 'phone' ? { axe: [], overflow: 0 } : { axe: [] });

  beforeAll(async () => {
    t = await createTestApp('console', { start: '2026-11-02T02:00:00Z' });
    org = await createCompany(t);
    ({ base, browser, close: closeBrowser } = await serveInChromium(t));
  });
  afterAll(async () => {
    if (errors.length) console.warn(`browser errors:\n${errors.join('\n')}`);
    for (const c of contexts) await c.close().catch(() => undefined);
    await closeBrowser?.();
    await t?.close();
  });

  it('files a phone complaint through the intake form, showing the standard phrases and the routing, and reading the caller’s details back before saving', async () => {
    const page = await signIn(org.cs.staff);
    await page.goto(`${base}/#/intake`);
    await page.waitForSelector('#intake-form');
    expect(await page.textContent('#phrases')).toContain(t.policy.phrases.standard.greeting);
    await page.fill('#name', '李女士');
    await page.fill('#phone', '13912345678');
    await page.fill('#community', '阳光花园');
    await page.fill('#building', '5');
    await page.fill('#unit', '1');
    await page.fill('#room', '302');
    await page.fill('#summary', '5号楼电梯停运两天，老人上下楼困难');
    await page.fill('#requests', '今天修好，不然打12345');
    await page.selectOption('#category', '报修');
    expect(await page.textContent('#routing')).toContain('工程部');
    // 第三条: the clerk says what it is: a complaint (the default), a suggestion or an enquiry.
    expect(await page.locator('#kind option').allTextContents()).toEqual(['投诉', '建议', '咨询']);
    await page.click('#review');
    expect(await page.textContent('#readback-kind')).toBe('投诉');
    const readback = await page.textContent('#readback-panel');
    expect(readback).toContain('13912345678');
    expect(readback).toContain('阳光花园 5栋 1单元 302室');
    // The read-back adds 先生（女士） only to a bare name (李女士 is read back as given, not 李女士先生（女士）).
    expect(readback).toContain('与您确认一下信息：李女士，您的电话号码是13912345678');
    expect(readback).not.toContain('李女士先生');
    await shot(page, 'intake');
    await page.click('#confirm-save');
    reference = (await page.textContent('#created-reference', { timeout: 10_000 }))!.trim();
    expect(reference).toMatch(/^TS-\d{8}-\d{4}$/);

    const list = await t.http().get(`/tickets?q=${reference}`).set('Authorization', `Bearer ${t.adminToken}`).expect(200);
    const [ticket] = list.body.items;
    expect(ticket).toMatchObject({
      kind: 'complaint',
      channel: 'phone',
      category: '报修',
      firstResponder: { id: org.cs.staff.id },
      department: { code: 'ENG' },
    });
    ticketId = ticket.id;
  });

  it('reads the caller back as 张先生, 李女士 or 王芳先生（女士）: an honorific the caller gave is not doubled', async () => {
    const page = await signIn(org.cs.staff);
    await page.goto(`${base}/#/intake`);
    await page.waitForSelector('#intake-form');
    const readBack = async (name: string) => {
      await page.fill('#name', name);
      return page.textContent('#phrases');
    };
    expect(await readBack('张先生')).toContain('与您确认一下信息：张先生，');
    expect(await readBack('李女士')).toContain('与您确认一下信息：李女士，');
    expect(await readBack('王芳')).toContain('与您确认一下信息：王芳先生（女士），');
  });

  it('第六条, 第九条: offers same matter or new matter when the caller has an open ticket of the category, and files a new matter as its own ticket', async () => {
    const page = await signIn(org.cs.staff);
    await page.goto(`${base}/#/intake`);
    await page.waitForSelector('#intake-form');
    await page.fill('#name', '李女士');
    await page.fill('#phone', '13912345678');
    await page.fill('#community', '阳光花园');
    await page.fill('#summary', '地下车库顶棚渗水');
    await page.fill('#requests', '尽快处理');
    await page.selectOption('#category', '报修');
    await page.click('#review');
    await page.waitForSelector('#match-choice');
    expect(await page.textContent('#match-choice')).toContain(reference);
    await page.click('#confirm-save');
    expect(await page.textContent('#intake-error')).toContain('同一事项还是新事项');
    await page.check('#match-new');
    await page.click('#confirm-save');
    const second = (await page.textContent('#created-reference', { timeout: 10_000 }))!.trim();
    expect(second).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(second).not.toBe(reference);
    // Answered at once, so the board's breach count below concerns only the tickets it files.
    const [created] = (await t.http().get(`/tickets?q=${second}`).set('Authorization', `Bearer ${t.adminToken}`).expect(200)).body.items;
    await t
      .http()
      .post(`/tickets/${created.id}/replies`)
      .set('Authorization', `Bearer ${org.eng.supervisor.token}`)
      .send({ content: '您好，已安排师傅查看车库渗水', via: 'phone' })
      .expect(200);
  });

  it('第一篇 二.4(5): shows the appointment on the ticket page and records the meeting held', async () => {
    const res = await t
      .http()
      .post('/tickets')
      .set('Authorization', `Bearer ${org.eng.staff.token}`)
      .send({
        channel: 'visit',
        complainant: { name: '赵先生', phone: '13800002222', address: { community: '阳光花园' } },
        summary: '要求当面说明物业费调整',
        requests: '约谈',
        category: '报修',
        disposition: 'appointment',
        appointmentAt: '2026-11-03T02:00:00Z',
      })
      .expect(201);
    const page = await signIn(org.eng.staff);
    await page.goto(`${base}/#/tickets/${res.body.ticket.id}`);
    await page.waitForSelector('#appointment');
    expect(await page.textContent('#appointment')).toContain('已预约');
    expect(await page.textContent('.clock[data-purpose=appointment]')).toContain('约谈');
    await page.click('#appointment-form-panel summary');
    await page.selectOption('#appointment-form select[name=outcome]', 'held');
    await page.fill('#appointment-form input[name=note]', '已面谈说明');
    await page.click('#appointment-form button[type=submit]');
    await page.waitForSelector('#appointment:has-text("已约谈")');
  });

  it('lists the complaint under my tickets with a green light and a countdown', async () => {
    const page = await signIn(org.cs.staff);
    await page.goto(`${base}/#/mine`);
    await page.click('button[data-mine=received]');
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor();
    expect(await row.locator('[data-light]').getAttribute('data-light')).toBe('green');
    expect(await row.locator('.countdown').textContent()).toMatch(/^剩余 (\d+天)?\d+小时/);
    await shot(page, 'my-tickets');
  });

  it('shows the ticket page with its clocks explained, flags a forbidden expression in a reply, and names what is missing when closing too early', async () => {
    const page = await signIn(org.eng.staff);
    await page.goto(`${base}/#/tickets/${ticketId}`);
    await page.waitForSelector('.clock[data-purpose=response]');
    expect(await page.textContent('.clock[data-purpose=response]')).toContain('24小时答复');
    expect(await page.textContent('#ticket-kind')).toBe('投诉');
    // The routing is the system's act on the clerk's intake, not the clerk's own handoff.
    expect(await page.textContent('#history')).toContain(`系统自动分派 （${org.cs.staff.name}登记）`);
    await page.fill('#reply-content', '这个不归我管');
    expect(await page.textContent('#forbidden-warning')).toContain('不归我管（推诿）');
    expect(await page.textContent('#forbidden-warning')).toContain('将被记录并标记给主管');
    await page.fill('#reply-content', '您好，师傅已在维修电梯，下午六点前给您回复');
    await page.click('#reply-form button[type=submit]');
    await page.waitForSelector('text=师傅已在维修电梯');
    await page.click('#close-form-panel summary');
    await page.click('#close-form button[type=submit]');
    const missing = await page.textContent('#close-missing');
    expect(missing).toContain('听清楚');
    expect(missing).toContain('回访');
    await shot(page, 'ticket');
  });

  it('ticks a checklist item inline with its evidence note, opening no native dialog', async () => {
    const page = await signIn(org.eng.staff);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/#/tickets/${ticketId}`);
    const item = page.locator('#checklist li[data-item=ask]');
    await item.locator('form.tick-form').waitFor();
    await item.locator('input[name=note]').fill('已核实：5号楼两部电梯均停运，业主要求当天修复');
    await item.locator('button[type=submit]').click();
    await page.locator('#checklist li[data-item=ask] .tag.ok').waitFor();
    expect(await page.textContent('#checklist li[data-item=ask]')).toContain('已核实：5号楼两部电梯均停运');
    expect(dialogs).toEqual([]);
    const detail = await t.http().get(`/tickets/${ticketId}`).set('Authorization', `Bearer ${org.eng.staff.token}`).expect(200);
    expect(detail.body.sections.checklist.items.find((i: { item: string }) => i.item === 'ask').ticked).toMatchObject({ by: { id: org.eng.staff.id } });
  });

  it('第一篇 二.3: the ticket page lists the materials, uploads a photo and downloads it as a file', async () => {
    const page = await signIn(org.eng.staff);
    await page.goto(`${base}/#/tickets/${ticketId}`);
    await page.waitForSelector('#attachment-upload');
    expect(await page.textContent('#attachments')).toContain('暂无材料');
    const photo = Buffer.from(TINY_PNG, 'base64');
    await page.setInputFiles('#attachment-upload input[type=file]', { name: '楼道灯照片.png', mimeType: 'image/png', buffer: photo });
    await page.click('#attachment-upload button[type=submit]');
    await page.waitForSelector('#attachments li[data-attachment]');
    expect(await page.textContent('#attachments')).toContain('楼道灯照片.png');
    await page.waitForSelector('#history >> text=上传材料');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#attachments li[data-attachment] a')]);
    expect(download.suggestedFilename()).toBe('楼道灯照片.png');
    expect(Buffer.compare(readFileSync((await download.path())!), photo)).toBe(0);
  });

  it('shows the complaints on the manager’s board and turns the department red without a reload when the sweep finds the breach', async () => {
    // The first complaint was answered in time; a second one that nobody answers breaches at 24 hours.
    const second = await t
      .http()
      .post('/tickets')
      .set('Authorization', `Bearer ${org.cs.staff.token}`)
      .send({
        channel: 'visit',
        complainant: { name: '王先生', phone: '13700000001', address: { community: '阳光花园', building: '2' } },
        summary: '地下车库漏水',
        requests: '尽快处理，不然找媒体曝光',
        category: '报修',
        severity: 'general',
        disposition: 'accepted',
      })
      .expect(201);
    const page = await signIn(org.manager);
    await page.goto(`${base}/#/board`);
    const eng = page.locator('.card[data-dept=ENG]');
    await eng.waitFor();
    expect(Number(await eng.locator('.open b').textContent())).toBeGreaterThanOrEqual(1);
    expect(await eng.getAttribute('data-state')).toBe('green');
    await page.waitForSelector(`#risk-list tr[data-reference="${reference}"]`);
    await page.waitForSelector(`#risk-list tr[data-reference="${second.body.ticket.reference}"]`);
    await page.waitForSelector('#live-status[data-state=live]');
    await page.evaluate('window.__noReload = true');

    t.clock.set('2026-11-03T02:30:00Z');
    await t.http().post('/admin/sweeps').set('Authorization', `Bearer ${t.adminToken}`).expect(200);
    await page.waitForSelector('.card[data-dept=ENG][data-state=red]', { timeout: 15_000 });
    expect(Number(await eng.locator('.breached b').textContent())).toBe(1);
    expect(await page.evaluate('window.__noReload')).toBe(true);
    // The breached complaint that threatens the media now tops the risk list.
    await page.waitForSelector(`#risk-list tbody tr:first-child[data-reference="${second.body.ticket.reference}"]`);
    breachedReference = second.body.ticket.reference;
    await page.waitForSelector('#chart-days rect');
    await shot(page, 'board');
  });

  it('第十条: records an overreach on a fresh, low-risk ticket (the board and the HR page below read it)', async () => {
    // An overreach charged in the month, so that a row has points and the tickets behind them.
    overreached = await fileTicket(t, org.eng.staff.token, { category: '报修' });
    t.clock.set('2026-11-03T04:00:00Z');
    await t
      .http()
      .post(`/tickets/${overreached.id}/overreach`)
      .set('Authorization', `Bearer ${org.manager.token}`)
      .send({ level: 'company', venueKind: 'company_leader', venueName: '总经理', occurredAt: '2026-11-03T03:30:00Z', attribution: 'not_accepted' })
      .expect(201);
  });

  for (const [size, viewport] of SIZES) {
    it(`[${size} ${viewport.width}×${viewport.height}] ranks a ticket that already went over the company's head first on the board, above tickets closer to their deadline`, async () => {
      expect(breachedReference).not.toBe(''); // the board test above left a breached complaint open
      const risk = (await t.http().get('/sla/risk?limit=15').set('Authorization', `Bearer ${org.manager.token}`).expect(200)).body;
      const mine = risk.items.find((i: { ticket: { id: string } }) => i.ticket.id === overreached.id);
      const breached = risk.items.find((i: { ticket: { reference: string } }) => i.ticket.reference === breachedReference);
      // Low risk by its own score, and filed a day after the breached one (whose 24-hour clock has already run out).
      expect(mine).toMatchObject({ overreached: true, high: false });
      expect(breached).toMatchObject({ overreached: false });
      expect(breached.reasons.map((r: { text: string }) => r.text).join(' ')).toContain('超时');
      expect(mine.score).toBeLessThan(breached.score);

      const page = await signIn(org.manager, viewport);
      await page.goto(`${base}/#/board`);
      const first = page.locator(`#risk-list tbody tr:first-child[data-reference="${overreached.reference}"]`);
      await first.waitFor();
      expect(await first.getAttribute('data-overreached')).toBe('true');
      expect(await first.locator('.tag').textContent()).toBe('已越级');
      const rows = await page.locator('#risk-list tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          reference: tr.getAttribute('data-reference'),
          score: Number(tr.getAttribute('data-score')),
          overreached: tr.getAttribute('data-overreached'),
        })),
      );
      const below = rows.findIndex((r) => r.reference === breachedReference);
      expect(below).toBeGreaterThan(0);
      expect(rows[below].score).toBeGreaterThan(rows[0].score);
      // Only overreached rows (here the one) come before any other.
      expect(rows.filter((r) => r.overreached === 'true').map((r) => r.reference)).toEqual([overreached.reference]);
      await page.waitForSelector('#chart-days rect');
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  for (const [size, viewport] of SIZES) {
    it(`[${size} ${viewport.width}×${viewport.height}] shows HR the month in Chinese, department subtotals and the company total, deductions highlighted and all-zero employees behind a toggle`, async () => {
      const page = await signIn(org.hr, viewport);
      await page.goto(`${base}/#/hr?month=2026-11`);
      await page.waitForSelector('#hr-month');
      expect(await page.inputValue('#hr-month')).toBe('2026-11');
      expect(await page.textContent('#hr-month option:checked')).toBe('2026年11月');
      // A locator, not waitForFunction: that evaluates a string in the page, which the console's CSP refuses (no eval).
      await page.locator('#hr-table', { hasNotText: '加载中' }).waitFor();
      const json = await t.http().get('/reports/performance?month=2026-11').set('Authorization', `Bearer ${org.hr.token}`).expect(200);
      const rows = json.body.rows as Array<{ employee: { id: string; name: string }; points: { total: number }; slaBreaches: number; ticketsHandled: number }>;
      const zero = rows.filter((r) => !r.points.total && !r.slaBreaches);
      expect(zero.length).toBeGreaterThan(0); // the desk clerk and others without deductions
      for (const r of zero) expect(await page.locator(`#performance tr[data-employee="${r.employee.id}"]`).count()).toBe(0);
      expect(await page.textContent('#hr-zero-note')).toContain(`另有 ${zero.length} 名员工本月无扣分`);
      await page.check('#hr-show-zero');
      for (const r of rows) await page.locator(`#performance tr[data-employee="${r.employee.id}"]`).waitFor();
      expect(await page.textContent('#hr-zero-note')).toBe(`其中 ${zero.length} 名员工本月无扣分`);
      const table = await page.textContent('#hr-table');
      expect(table).toContain('合计扣分');
      expect(table).toContain(org.eng.staff.name);
      // One 小计 line per department in the report, and the total last.
      expect(await page.locator('#performance tr.subtotal').count()).toBe(json.body.subtotals.length);
      expect(await page.textContent('#performance tr.subtotal[data-department=ENG]')).toContain('小计');
      expect(await page.textContent('#performance-total')).toContain('全公司');
      const deducted = rows.filter((r) => r.points.total > 0 || r.slaBreaches > 0);
      for (const r of deducted) expect(await page.getAttribute(`#performance tr[data-employee="${r.employee.id}"]`, 'class')).toContain('deducted');
      if (size === 'laptop') await shot(page, 'hr');

      // Each employee's tickets-handled figure opens the list behind it.
      const handler = rows.find((r) => r.ticketsHandled > 0)!;
      await page.click(`#performance button[data-employee="${handler.employee.id}"]`);
      await page.locator('#hr-handled-list li').first().waitFor();
      expect(await page.locator('#hr-handled-list li').count()).toBe(handler.ticketsHandled);
      expect(await page.textContent('#hr-handled')).toContain(`共 ${handler.ticketsHandled} 件`);
      const handledList = await audit(page, size);

      // 扣分工单: a row with points opens the paged list of the ledger entries behind them.
      const charged = rows.find((r) => r.points.total > 0)!;
      const points = (
        await t
          .http()
          .get(`/reports/performance/2026-11/employees/${charged.employee.id}/tickets`)
          .query({ figure: 'points' })
          .set('Authorization', `Bearer ${org.hr.token}`)
          .expect(200)
      ).body;
      expect(points.total).toBeGreaterThan(0);
      await page.click(`#performance button[data-points="${charged.employee.id}"]`);
      await page.locator('#hr-points-list li').first().waitFor();
      expect(await page.locator('#hr-points-list li').count()).toBe(points.total);
      expect(await page.textContent('#hr-points-list')).toContain(points.items[0].reference);
      expect(await page.textContent('#hr-handled')).toContain(`扣分工单（共 ${points.total} 条）`);
      expect({ handledList }).toEqual({ handledList: clean(size) });
    });

    it(`[${size} ${viewport.width}×${viewport.height}] shows a month without data as such, and asks before closing it, naming the month and saying it cannot be undone (cancelled here)`, async () => {
      const page = await signIn(org.hr, viewport);
      await page.goto(`${base}/#/hr?month=2026-10`);
      await page.waitForSelector('#hr-empty');
      expect(await page.textContent('#hr-empty')).toContain('2026年10月没有任何员工的绩效数据');
      expect(await page.textContent('#hr-state')).toBe('未结账');
      const emptyMonth = await audit(page, size);
      await page.click('#close-month');
      await page.locator('#close-confirm-box').waitFor();
      expect(await page.textContent('#close-confirm-text')).toMatch(/2026年10月.*不可撤销/);
      expect(await page.textContent('#close-confirm')).toBe('确认结账 2026年10月');
      const confirmBox = await audit(page, size);
      await page.click('#close-cancel');
      expect(await page.isHidden('#close-confirm-box')).toBe(true);
      const open = await t.http().get('/reports/performance?month=2026-10').set('Authorization', `Bearer ${org.hr.token}`).expect(200);
      expect(open.body.closed).toBe(false);
      expect({ emptyMonth, confirmBox }).toEqual({ emptyMonth: clean(size), confirmBox: clean(size) });
    });
  }

  it('closes a month only after that confirmation (once: it cannot be undone)', async () => {
    const page = await signIn(org.hr);
    await page.goto(`${base}/#/hr?month=2026-10`);
    await page.waitForSelector('#hr-empty');
    expect(await page.textContent('#hr-state')).toBe('未结账');
    await page.click('#close-month');
    await page.click('#close-confirm');
    await page.locator('#hr-state', { hasText: '已结账' }).waitFor();
    const closed = await t.http().get('/reports/performance?month=2026-10').set('Authorization', `Bearer ${org.hr.token}`).expect(200);
    expect(closed.body.closed).toBe(true);
    expect(await page.isDisabled('#close-month')).toBe(true);
  });

  for (const [size, viewport] of SIZES) {
    it(`[${size} ${viewport.width}×${viewport.height}] downloads the month’s performance report as CSV and XLSX, showing progress meanwhile, with the page's column headings`, async () => {
      const page = await signIn(org.hr, viewport);
      await page.goto(`${base}/#/hr?month=2026-11`);
      await page.locator('#hr-table', { hasNotText: '加载中' }).waitFor();
      const json = await t.http().get('/reports/performance?month=2026-11').set('Authorization', `Bearer ${org.hr.token}`).expect(200);
      const headings = await page.$$eval('#performance thead th', (ths) => ths.map((th) => th.textContent));
      expect(headings.slice(0, 3)).toEqual(['工号', '员工', '部门']);
      expect(await page.textContent('#performance-total')).toContain('合计');

      /** Holds the file's request until released, so the busy state can be seen; returns the downloaded file. */
      const downloadHeld = async (format: 'csv' | 'xlsx') => {
        const button = page.locator(`#download-${format}`);
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let held!: () => void;
        const requested = new Promise<void>((resolve) => (held = resolve));
        const handler = async (route: Route) => {
          held();
          await released;
          await route.continue();
        };
        await page.route(`**/reports/performance**format=${format}**`, handler);
        const download = page.waitForEvent('download');
        await button.click();
        await requested;
        // Busy while the file is being made: disabled, saying so, and aria-busy for screen readers.
        await page.locator(`#download-${format}[aria-busy=true]`).waitFor();
        expect(await button.textContent()).toBe(`正在生成 ${format.toUpperCase()}…`);
        expect(await button.isDisabled()).toBe(true);
        release();
        const file = (await (await download).path())!;
        await page.locator(`#download-${format}:not([aria-busy])`, { hasText: `下载 ${format.toUpperCase()}` }).waitFor();
        expect(await button.isEnabled()).toBe(true);
        await page.unroute(`**/reports/performance**format=${format}**`, handler);
        return file;
      };

      const csv = readFileSync(await downloadHeld('csv'), 'utf8');
      for (const row of json.body.rows as Array<{ employee: { name: string } }>) expect(csv).toContain(row.employee.name);
      // One set of headings: the page's table and the downloaded files say the same, in the same order.
      expect(
        csv
          .replace(/^\uFEFF/, '')
          .split('\r\n')[0]
          .split(','),
      ).toEqual(headings);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await downloadHeld('xlsx'));
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headings);
      const names = sheet.getColumn(2).values.slice(2);
      for (const row of json.body.rows as Array<{ employee: { name: string } }>) expect(names).toContain(row.employee.name);
    });
  }

  it('第七条(六): shows the written report to company leaders on the page of a major complaint', async () => {
    const major = await fileTicket(t, org.eng.staff.token, { severity: 'major', summary: '地下车库大面积漏水' });
    const page = await signIn(org.manager);
    await page.goto(`${base}/#/tickets/${major.id}`);
    await page.waitForSelector('#leader-reports');
    const text = await page.textContent('#leader-reports');
    expect(text).toContain('重大投诉报告');
    expect(text).toContain('总经理');
    expect(await page.textContent('#history')).toContain('向公司领导报告');
  });

  it('runs under its Content-Security-Policy: no page above tripped it, and the browser does enforce it', async () => {
    expect(contexts.length).toBeGreaterThan(0); // pages above really ran in this browser
    expect(errors.filter((e) => /Content Security Policy|Trusted ?(Type|HTML|Script)/i.test(e))).toEqual([]);
    // The policy is live here: an inline style attribute and an HTML string are both refused.
    const page = await signIn(org.cs.staff);
    const probe = await page.evaluate(`(() => {
      const div = document.createElement('div');
      div.setAttribute('style', 'color: rgb(255, 0, 0)');
      document.body.append(div);
      let html = 'assigned';
      try { div.innerHTML = '<b>x</b>'; } catch (error) { html = error.name; }
      return { color: getComputedStyle(div).color, html };
    })()`);
    expect(probe).toEqual({ color: expect.not.stringMatching(/255, 0, 0/), html: 'TypeError' });
  });

  it('shows Swagger UI at /docs under its own policy, with every operation and no violation', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .opblock');
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Complaint desk API');
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('refuses a wrong password on the login page, saying so in Chinese (screenshot)', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.laptop, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('#login-form');
    await shot(page, 'login');
    await page.fill('#username', org.cs.staff.username);
    await page.fill('#password', 'wrong-password');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-error', { hasText: '用户名或密码错误' }).waitFor();
  });
});
