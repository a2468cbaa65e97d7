// launchBrowser(): Debian's Chromium driven by playwright-core (never a browser download), and
// browserSuite(): one browser per test file, a fresh context per test, every page's console kept.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type LaunchOptions, launchChromium } from '../../../scripts/chromium';

const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST_DIR = `${REPO_DIR}dist/`;
export const WIDGET_BUNDLE = `${DIST_DIR}parley.js`;
const SCREENSHOT_DIR = `${REPO_DIR}artifacts/screenshots/`;
export const AXE_SCRIPT = `${REPO_DIR}node_modules/axe-core/axe.min.js`;

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(WIDGET_BUNDLE)) {
    throw new Error(`${WIDGET_BUNDLE} is missing: the browser tests run the built widget. Run \`npm run build\` first.`);
  }
  return launchChromium(options);
}

export interface ConsoleEntry {
  type: string;
  text: string;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Every console message and uncaught page error, in order, across navigations. */
  console: ConsoleEntry[];
  /** Console lines of one type that mention `[Parley]`. */
  parleyLines(type?: 'error' | 'warning' | 'log'): string[];
}

async function openPage(browser: Browser, options: BrowserContextOptions): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London', ...options });
  const page = await context.newPage();
  const entries: ConsoleEntry[] = [];
  page.on('console', (message) => entries.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => entries.push({ type: 'pageerror', text: `${error.name}: ${error.message}` }));
  return {
    page,
    context,
    console: entries,
    parleyLines: (type) => entries.filter((entry) => (!type || entry.type === type) && entry.text.includes('[Parley]')).map((entry) => entry.text),
  };
}

export interface BrowserSuite {
  readonly browser: Browser;
  /** A page in a new context (closed after the test): nothing stored, nothing cached. */
  newPage(options?: BrowserContextOptions): Promise<TestPage>;
}

/** Registers the hooks: one browser for the file, contexts closed after each test. */
export function browserSuite(options: LaunchOptions = {}): BrowserSuite {
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser(options);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('The browser is not started yet (use it inside a test).');
      return browser;
    },
    async newPage(options = {}) {
      if (!browser) throw new Error('The browser is not started yet (use it inside a test).');
      const opened = await openPage(browser, options);
      contexts.push(opened.context);
      return opened;
    },
  };
}

/** Saves artifacts/screenshots/<name>.png (git-ignored), for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  // Animations off: the panel's entry animation would otherwise be caught half-way.
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
