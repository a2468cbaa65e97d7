// Chromium for the bench, launched as the end-to-end tests launch it (scripts/chromium.ts), and
// the DevTools protocol calls the measurements share.

import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium';
import { storageNamespace } from '../widget/core/storage';

export const launchBrowser = launchChromium;

export interface BenchPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Chromium's Performance.getMetrics, by name (durations in seconds, sizes in bytes). */
  metrics(): Promise<Record<string, number>>;
  /** Forces a full garbage collection, then reads JSHeapUsedSize (bytes). */
  settledHeap(): Promise<number>;
}

/** A page in a new context: nothing stored, nothing cached. */
export async function newBenchPage(browser: Browser, options: { cpuThrottling?: number; context?: BrowserContext } = {}): Promise<BenchPage> {
  const context = options.context ?? (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' }));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottling ?? 1 });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
  return {
    context,
    page,
    cdp,
    metrics,
    async settledHeap() {
      // Twice: the first pass can leave objects that only a second one finds unreachable.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await metrics()).JSHeapUsedSize ?? Number.NaN;
    },
  };
}

/**
 * The widget's conversation pointer (widget/core/conversation-store.ts and session/pointer.ts): a page that finds it
 * resumes that conversation. If the stored format changes, the measurements that use it time out
 * waiting for the conversation, and say so.
 */
export function conversationPointer(apiUrl: string, clientKey: string, id: string, email: string): [string, string] {
  return [`${storageNamespace(apiUrl, clientKey)}:conversation`, JSON.stringify({ id, emails: [email], firstMessage: null, lastReadAt: null })];
}

/** Writes the widget's conversation pointer for `pageOrigin` from a blank page of that origin. */
export async function storePointer(page: Page, blankUrl: string, entry: [string, string]): Promise<void> {
  await page.goto(blankUrl);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), entry);
}
