// A reply reaches the customer who looked away, once per browser (issue 15): in Chromium, on the
// built dist/parley.js, several tabs of one browser on one site, against the emulator.
//
// Chromium's autoplay policy is left as it ships: an AudioContext runs only in a page that had a
// gesture. Playwright's page.evaluate() and locators count as one (they run with userGesture), so
// the tabs that must not have had any are read without them: the sound through the console (an
// init script reports every Web Audio source started, and the state of its context), the title
// through the DevTools protocol's target info, and the leader's poll is brought forward by taking
// the browser offline and back (the widget polls at once when it comes back online), not by
// clicking. Real gestures are mouse clicks.

import { readFile } from 'node:fs/promises';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { fixtureSuite } from './helpers/fixtures';
import { expectMessageShown, openWidget, parley, startConversation, unique, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const PAGE_TITLE = 'Fixture shop';
const SOUND_PROBE = '[sound-probe]';

// Every Web Audio source started in the page, and whether its context was running (audible).
const PROBE_SOUND = () => {
  const start = AudioScheduledSourceNode.prototype.start;
  AudioScheduledSourceNode.prototype.start = function (this: AudioScheduledSourceNode, ...args: Parameters<AudioScheduledSourceNode['start']>) {
    console.debug('[sound-probe]', this.context.state);
    return start.apply(this, args);
  };
};

interface Tab {
  page: Page;
  cdp: CDPSession;
  /** Console lines of the page. */
  console: Array<{ type: string; text: string }>;
}

async function openTab(context: BrowserContext, url: string): Promise<Tab> {
  const page = await context.newPage();
  const lines: Tab['console'] = [];
  page.on('console', (message) => lines.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => lines.push({ type: 'pageerror', text: error.message }));
  const cdp = await context.newCDPSession(page);
  // Loaded once the stored conversation is read back: each tab asks for it when it starts.
  const restored = page.waitForResponse((response) => /\/api\/v1\/conversations\/[^/]+\/$/.test(new URL(response.url()).pathname));
  await page.goto(url);
  await restored;
  return { page, cdp, console: lines };
}

/** The tab's title as the browser shows it, read without running anything in the page. */
async function titleOf(tab: Tab): Promise<string> {
  const { targetInfo } = (await tab.cdp.send('Target.getTargetInfo')) as { targetInfo: { title: string } };
  return targetInfo.title;
}

async function expectTitles(tabs: Tab[], title: string): Promise<void> {
  for (const tab of tabs) await expect.poll(() => titleOf(tab), { timeout: 10_000 }).toBe(title);
}

/** Chimes heard in the whole browser: sources started in a running context, by tab. */
const chimes = (tabs: Tab[]) => tabs.map((tab) => tab.console.filter((line) => line.text === `${SOUND_PROBE} running`).length);
const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Brings the leader's next poll forward: it polls at once when the browser comes back online. */
async function pollNow(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await sleep(50);
  await context.setOffline(false);
}

/** The team answers, and every tab has had the time to hear of it. */
async function teamReplies(context: BrowserContext, conversationId: string, body = unique('We are on it')): Promise<string> {
  site.emulator.agentReply(conversationId, body);
  await pollNow(context);
  return body;
}

/** A real click on the page's own text, away from the widget: a gesture, as the customer's. */
const clickPage = (tab: Tab) => tab.page.mouse.click(40, 40);

/**
 * The site's page in a fresh browser with a conversation going: started in a first tab, which is
 * then closed, so that the tabs of the test had no gesture and read the conversation from storage.
 */
async function siteWithConversation(attributes: Record<string, string> = {}) {
  const url = site.page(`/shop-${unique('x').split(' ')[1]}.html`, site.html({ title: PAGE_TITLE, attributes }));
  const { context } = await browser.newPage();
  await context.addInitScript(PROBE_SOUND);
  const first = await context.newPage();
  await first.goto(url);
  await openWidget(first);
  const message = unique('My beans never arrived');
  await startConversation(first, { email: `alerts.${unique('x').split(' ')[1]}@example.com`, message });
  await expectMessageShown(first, message);
  await first.close();
  const conversation = site.emulator.listConversations().find((item) => item.subject === message)!;
  return { context, url, conversationId: conversation.id };
}

describe('a reply while the customer looks away', () => {
  test('three tabs, panels closed: silent before any gesture, then one chime in the whole browser; the count in every title until read', async () => {
    const { context, url, conversationId } = await siteWithConversation();
    const tabs = [await openTab(context, url), await openTab(context, url), await openTab(context, url)];
    await expectTitles(tabs, PAGE_TITLE);

    // No gesture in any tab yet: Chromium has allowed no sound, and the widget makes none, nor asks.
    await teamReplies(context, conversationId);
    await expectTitles(tabs, `(1) New reply · ${PAGE_TITLE}`);
    await sleep(1000);
    expect(chimes(tabs)).toEqual([0, 0, 0]);
    expect(tabs.flatMap((tab) => tab.console).filter((line) => /AudioContext|\[Parley\]/.test(line.text) || line.type === 'pageerror')).toEqual([]);

    // A click in the second tab: its first gesture readies the sound, and says the customer is there.
    await clickPage(tabs[1]!);
    await teamReplies(context, conversationId);
    await expectTitles(tabs, `(2) New replies · ${PAGE_TITLE}`);
    await expect.poll(() => total(chimes(tabs)), { timeout: 5000 }).toBe(1);
    await sleep(1000);
    expect(chimes(tabs)).toEqual([0, 1, 0]);

    // Read in one tab: the count leaves every title, and each page has its own title back.
    await openWidget(tabs[0]!.page);
    await expectTitles(tabs, PAGE_TITLE);
    expect(total(chimes(tabs))).toBe(1);
  });

  test('no chime while the conversation is on screen in the tab of the customer; one once its panel is closed', async () => {
    const { context, url, conversationId } = await siteWithConversation();
    const tabs = [await openTab(context, url), await openTab(context, url), await openTab(context, url)];
    for (const tab of tabs) await clickPage(tab);
    const reading = tabs[2]!;
    await openWidget(reading.page);

    const seen = await teamReplies(context, conversationId);
    await expectMessageShown(reading.page, seen);
    // Read where it showed: no count anywhere, and no sound in any tab.
    await expectTitles(tabs, PAGE_TITLE);
    await sleep(1000);
    expect(chimes(tabs)).toEqual([0, 0, 0]);

    await widget(reading.page).closeButton.click();
    await teamReplies(context, conversationId);
    await expectTitles(tabs, `(1) New reply · ${PAGE_TITLE}`);
    await expect.poll(() => total(chimes(tabs)), { timeout: 5000 }).toBe(1);
    expect(chimes(tabs)).toEqual([0, 0, 1]);
  });

  test('data-sound="false": the titles count, no tab makes a sound; Parley("sound", true) turns it back on', async () => {
    const { context, url, conversationId } = await siteWithConversation({ 'data-sound': 'false' });
    const tabs = [await openTab(context, url), await openTab(context, url)];
    for (const tab of tabs) await clickPage(tab);

    await teamReplies(context, conversationId);
    await expectTitles(tabs, `(1) New reply · ${PAGE_TITLE}`);
    await sleep(1000);
    expect(chimes(tabs)).toEqual([0, 0]);

    await parley(tabs[1]!.page, 'sound', true);
    await teamReplies(context, conversationId);
    await expectTitles(tabs, `(2) New replies · ${PAGE_TITLE}`);
    await expect.poll(() => total(chimes(tabs)), { timeout: 5000 }).toBe(1);
  });

  test('a title the page sets during an alert is kept under the count, and given back when read and at shutdown', async () => {
    const { context, url, conversationId } = await siteWithConversation();
    const tab = await openTab(context, url);
    await teamReplies(context, conversationId);
    await expectTitles([tab], `(1) New reply · ${PAGE_TITLE}`);

    // A single-page app moves to another route and names it.
    await tab.page.evaluate(() => {
      history.pushState({}, '', '/checkout');
      document.title = 'Checkout · Fixture shop';
    });
    await expectTitles([tab], '(1) New reply · Checkout · Fixture shop');
    await saveScreenshot(tab.page, 'reply-alerts-title');

    await openWidget(tab.page);
    await expectTitles([tab], 'Checkout · Fixture shop');

    await widget(tab.page).closeButton.click();
    await teamReplies(context, conversationId);
    await expectTitles([tab], '(1) New reply · Checkout · Fixture shop');
    await parley(tab.page, 'shutdown');
    await expectTitles([tab], 'Checkout · Fixture shop');
    expect(await tab.page.evaluate(() => document.querySelectorAll('title').length)).toBe(1);
  });
});

describe('a copy of the conversation', () => {
  test('"Save a copy" downloads what the log shows; Parley("transcript") gives the same text, before the panel ever opened', async () => {
    const { context, url, conversationId } = await siteWithConversation({ 'data-team-name': 'Kestrel Coffee' });
    const looksLikeHtml = 'Try <b>this</b> & <img src=x onerror="alert(1)"> &amp; that';
    site.emulator.agentReply(conversationId, looksLikeHtml, { email: 'marta.lopez@kestrel.example' });
    site.emulator.agentReply(conversationId, 'Internal: refund freely, VIP', { type: 'note' });
    const tab = await openTab(context, url);

    const text = (await tab.page.evaluate(() => (window as unknown as { Parley(command: string): Promise<string> }).Parley('transcript'))) as string;
    const lines = text.split('\n');
    expect(lines[0]).toBe('Support · 127.0.0.1');
    expect(text).toMatch(/\nYou · \d{1,2}:\d{2}\nMy beans never arrived \w+\n/);
    expect(text).toContain(`\nKestrel Coffee · `);
    expect(text).toContain(`\n${looksLikeHtml}\n`);
    expect(text).not.toContain('VIP');
    expect(text).not.toContain('kestrel.example');

    await openWidget(tab.page);
    const save = widget(tab.page).root.getByRole('button', { name: 'Save a copy', exact: true });
    await saveScreenshot(tab.page, 'reply-alerts-save-a-copy');
    const [download] = await Promise.all([tab.page.waitForEvent('download'), save.click()]);
    const today = await tab.page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    expect(download.suggestedFilename()).toBe(`127.0.0.1-${today}.txt`);
    expect(await readFile((await download.path())!, 'utf8')).toBe(text);
    // The link that carried it is gone from the shadow root.
    expect(await widget(tab.page).root.locator('a[download]').count()).toBe(0);
  });
});
