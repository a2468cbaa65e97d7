// The back/forward cache (issue 14): a page with the widget stays eligible for it (no unload
// handler, no lock or connection held over pagehide), and a page restored from it takes the
// conversation up again: polling resumes and a reply that came meanwhile shows.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite } from './helpers/browser';
import { fixtureSuite } from './helpers/fixtures';
import { expectMessageShown, openWidget, sendReply, startConversation, unique, widget } from './helpers/widget';

const browser = browserSuite({ backForwardCache: true });
const site = fixtureSuite();

/** Counts restorations from the cache; the listener is the first document's and survives in it. */
const COUNT_RESTORES = () => {
  const counter = window as unknown as { __restored: number };
  counter.__restored = 0;
  addEventListener('pageshow', (event) => event.persisted && counter.__restored++);
};

/** Why Chromium did not restore the page from the cache, when it says (Chrome 123+). */
const notRestoredReasons = (page: Page) =>
  page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceEntry & { notRestoredReasons?: unknown };
    return JSON.stringify(entry?.notRestoredReasons ?? null);
  });

function pages() {
  site.page(
    '/elsewhere.html',
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body><p>Another site page.</p></body></html>',
    { cacheable: true },
  );
  return site.page('/bfcache.html', site.html({ title: 'Shop', body: '<a href="/elsewhere.html">Elsewhere</a>' }), { cacheable: true });
}

describe('the back/forward cache', () => {
  test.each([
    ['open', true],
    ['closed', false],
  ] as const)('a page with a conversation, panel %s, is restored from it and polls again', async (_label, panelOpen) => {
    const { page, console, parleyLines } = await browser.newPage();
    await page.addInitScript(COUNT_RESTORES);
    await page.goto(pages());
    const ui = widget(page);
    await openWidget(page);
    const first = unique('Before leaving');
    await startConversation(page, { email: 'bfcache@example.com', message: first });
    const conversation = site.emulator.listConversations().find((item) => item.subject === first)!;
    if (!panelOpen) await ui.closeButton.click();

    await page.getByRole('link', { name: 'Elsewhere' }).click();
    await expect.poll(() => page.title()).toBe('Elsewhere');
    const answer = unique('Answered while away');
    site.emulator.agentReply(conversation.id, answer);
    // A restored page fires no load event: wait for the navigation to commit only.
    await page.goBack({ waitUntil: 'commit' });
    // The shop's title, or already the reply alert before it (issue 15) when the poll was quick.
    await expect.poll(() => page.title()).toMatch(/^(\(1\) New reply · )?Shop$/);

    const restored = await page.evaluate(() => (window as unknown as { __restored?: number }).__restored ?? 0);
    expect(restored, `not restored from the back/forward cache: ${await notRestoredReasons(page)}`).toBe(1);
    expect(await page.locator('#parley-root').count()).toBe(1);
    if (panelOpen) {
      await expectMessageShown(page, answer);
    } else {
      // The poller is back: the reply shows as an unread count on the launcher.
      await expect.poll(() => ui.launcher.innerText(), { timeout: 45_000 }).toMatch(/1/);
      await openWidget(page);
      await expectMessageShown(page, answer);
    }
    const reply = unique('After coming back');
    await sendReply(page, reply);
    await expect.poll(() => site.emulator.listMessages(conversation.id).filter((message) => message.body === reply).length).toBe(1);
    expect(console.filter((entry) => entry.type === 'pageerror')).toEqual([]);
    expect(parleyLines('error')).toEqual([]);
  });
});
