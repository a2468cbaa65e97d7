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

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/**
 * axe on the widget only (the demo page is not ours to judge). axe walks open shadow roots from
 * the host: including `#parley-root` includes everything inside it.
 */
export async function axeViolations(page: Page): Promise<{ violations: Violation[]; checked: number }> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[]; passes: Array<{ nodes: unknown[] }> }> } }
    ).axe;
    const results = await axe.run(
      { include: [['#parley-root']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations', 'passes'] },
    );
    const violations = results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
    return { violations, checked: results.passes.reduce((sum, pass) => sum + pass.nodes.length, 0) };
  });
}
