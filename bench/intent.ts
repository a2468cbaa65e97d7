// From the customer's intent to a usable panel, on an emulated mobile connection (CDP
// Network.emulateNetworkConditions, as Lighthouse's mobile throttling: 150 ms round trip,
// 1.6 Mbps down, 750 kbps up; the CPU is not throttled), for Parley's loader and the all-in-one
// file in the same run, each in a fresh context with nothing cached:
// - hover: the pointer rests on the launcher for 300 ms, then clicks (the loader starts fetching
//   the conversation code on the pointer's arrival);
// - tap: a touch on a phone-sized page (isMobile, hasTouch), with nothing before it;
// - Enter: the launcher gets the keyboard focus and Enter is pressed at once (focus is intent
//   too, so the fetch starts a few milliseconds before the key).
// Timed in the page, from the click's pointerdown, the touchstart or the keydown, until the dialog
// is shown and its first text field can be typed into: visible, enabled, not read-only, and the
// element the browser finds at its centre (nothing drawn over it).

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newBenchPage } from './browser';
import { LAUNCHERS, type Probe, type Site } from './site';
import { type Spread, sleep, spread } from './stats';

export const INTENT_VARIANTS = ['loader', 'allInOne'] as const;
export type IntentVariant = (typeof INTENT_VARIANTS)[number];
export const INTENT_WAYS = ['hover', 'tap', 'enter'] as const;
export type IntentWay = (typeof INTENT_WAYS)[number];

/** Lighthouse's mobile network: 150 ms round trip, 1.6 Mbps down, 750 kbps up (bytes per second). */
export const MOBILE_NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

const HOVER_MS = 300;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

export interface IntentSample {
  /** From the click's pointerdown, the touchstart or the keydown to the usable text field, ms. */
  actionToUsableMs: number;
  /** From the pointer's arrival on the launcher (hover only; NaN otherwise). */
  hoverToUsableMs: number;
  /** Files fetched from the action (or the hover) on: the page's own API calls aside. */
  fetched: string[];
}

export interface IntentResult {
  runs: number;
  warmup: number;
  network: typeof MOBILE_NETWORK;
  samples: Record<IntentWay, Record<IntentVariant, IntentSample[]>>;
  summary: Record<IntentWay, Record<IntentVariant, { actionToUsableMs: Spread; hoverToUsableMs: Spread }>>;
}

/** Timestamps of the customer's first moves, from the page's clock, kept by capturing listeners. */
const WATCH_ACTIONS = `(() => {
  const at = (window.__intent = { hover: null, action: null });
  const first = (key) => () => { if (at[key] === null) at[key] = performance.now(); };
  addEventListener('pointerover', first('hover'), { capture: true });
  for (const name of ['pointerdown', 'touchstart', 'keydown']) addEventListener(name, first('action'), { capture: true });
})()`;

/** Resolves with performance.now() once the dialog's first text field can be typed into. */
async function panelUsable(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const root = document.getElementById('parley-root')?.shadowRoot;
      const panel = root?.getElementById('parley-panel');
      if (!root || !panel?.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      const field = panel.querySelector<HTMLInputElement | HTMLTextAreaElement>('textarea, input:not([type]), input[type=text], input[type=email]');
      if (!field || field.disabled || field.readOnly || !field.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      const box = field.getBoundingClientRect();
      return root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === field ? performance.now() : false;
    },
    null,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function intentOnce(browser: Browser, site: Site, variant: IntentVariant, way: IntentWay): Promise<IntentSample> {
  const context: BrowserContext = await browser.newContext({ ...(way === 'tap' ? PHONE : DESKTOP), locale: 'en-GB', timezoneId: 'Europe/London' });
  const bench = await newBenchPage(browser, { context });
  try {
    const { page, cdp } = bench;
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', MOBILE_NETWORK);
    const fetched: string[] = [];
    let watching = false;
    page.on('request', (request) => {
      if (watching && request.url().startsWith(site.url)) fetched.push(request.url().replace(site.url, ''));
    });
    await page.goto(site.pageUrl(variant), { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.settled);
    // The page's idle time passes (the loader checks then for a stored conversation: none here).
    await sleep(1000);
    await page.evaluate(WATCH_ACTIONS);
    const { host, button } = LAUNCHERS[variant];
    const launcher = page.locator(`${host} ${button}`);
    const box = (await launcher.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    watching = true;
    if (way === 'hover') {
      await page.mouse.move(x, y);
      await sleep(HOVER_MS);
      await page.mouse.click(x, y);
    } else if (way === 'tap') {
      await page.touchscreen.tap(x, y);
    } else {
      await launcher.evaluate((element) => (element as HTMLElement).focus());
      await page.keyboard.press('Enter');
    }
    const usableAt = await panelUsable(page);
    const at = await page.evaluate(() => (window as unknown as { __intent: { hover: number | null; action: number | null } }).__intent);
    if (at.action === null)
      throw new Error(`intent (${way}, ${variant}): the page saw no ${way === 'enter' ? 'keydown' : way === 'tap' ? 'touchstart' : 'pointerdown'}`);
    return {
      actionToUsableMs: usableAt - at.action,
      hoverToUsableMs: way === 'hover' && at.hover !== null ? usableAt - at.hover : Number.NaN,
      fetched,
    };
  } finally {
    await context.close();
  }
}

export async function measureIntent(browser: Browser, site: Site, options: { runs: number; warmup: number; log(line: string): void }): Promise<IntentResult> {
  const samples = Object.fromEntries(INTENT_WAYS.map((way) => [way, { loader: [], allInOne: [] }])) as unknown as IntentResult['samples'];
  for (let run = 0; run < options.runs; run++) {
    for (const way of INTENT_WAYS) {
      // Which variant goes first alternates from run to run.
      const order = run % 2 ? [...INTENT_VARIANTS].reverse() : INTENT_VARIANTS;
      for (const variant of order) {
        const sample = await intentOnce(browser, site, variant, way);
        if (run >= options.warmup) samples[way][variant].push(sample);
      }
    }
    options.log(`  intent to panel: run ${run + 1}/${options.runs}${run < options.warmup ? ' (warm-up, discarded)' : ''}`);
  }
  const summary = {} as IntentResult['summary'];
  for (const way of INTENT_WAYS) {
    summary[way] = {} as IntentResult['summary'][IntentWay];
    for (const variant of INTENT_VARIANTS) {
      const mine = samples[way][variant];
      summary[way][variant] = {
        actionToUsableMs: spread(mine.map((sample) => sample.actionToUsableMs)),
        hoverToUsableMs: spread(mine.map((sample) => sample.hoverToUsableMs)),
      };
    }
  }
  return { runs: options.runs, warmup: options.warmup, network: MOBILE_NETWORK, samples, summary };
}
