import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from './create-app.js';

export const CHROMIUM = '/usr/bin/chromium';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1280, height: 800 },
} as const;

/** Debian's Chromium, headless, with a throwaway profile; `close` removes it. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run \`node scripts/ensure-test-tools.mjs\` as root (npm test does) or apt-get install chromium`);
  const profile = mkdtempSync(path.join(tmpdir(), 'console-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The browser's own controls (date and time fields) in Chinese, as on the users' phones (Debian's chromium-l10n).
      '--lang=zh-CN',
      `--disk-cache-dir=${profile}/cache`,
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page test's start: the test app served on 127.0.0.1 (its `base` URL) and Debian's Chromium; `close` ends the browser. */
export async function serveInChromium(t: TestApp): Promise<{ base: string; browser: Browser; close: () => Promise<void> }> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  return { base, ...(await launchChromium()) };
}

/** A zh-CN context in Shanghai time at a viewport; page errors and console errors are collected into `errors`. */
export async function openContext(browser: Browser, viewport: { width: number; height: number }, errors: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  });
  return context;
}

export async function signIn(context: BrowserContext, base: string, user: { username: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/#/login`);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#who-name');
  return page;
}

/**
 * A signed-in user's ticket page, loaded: a context of its own at `viewport` (kept in `contexts` for closing), script
 * errors and any native dialog (the console uses none) recorded in `errors`.
 */
export async function openTicketPage(
  browser: Browser,
  base: string,
  opened: { viewport: { width: number; height: number }; contexts: BrowserContext[]; errors: string[] },
  user: { username: string; password: string },
  ticketId: string,
): Promise<Page> {
  const context = await openContext(browser, opened.viewport, opened.errors);
  opened.contexts.push(context);
  const page = await signIn(context, base, user);
  page.on('dialog', (dialog) => {
    opened.errors.push(`native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${base}/#/tickets/${ticketId}`);
  await page.waitForSelector('#history');
  await page.waitForLoadState('networkidle');
  return page;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the page. The console's CSP allows no inline or foreign script,
 * so the test injects axe through the DevTools protocol's evaluation, which CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page: the test's own TypeScript has no DOM types.
  return page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
}

/** How far the page is wider than its viewport (0 when nothing pans sideways). */
export const sidewaysOverflow = (page: Page): Promise<number> => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** The elements that reach past the right edge of the viewport, widest first (for a failure message). */
export const widerThanScreen = (page: Page): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))
    .slice(0, 12)`);
