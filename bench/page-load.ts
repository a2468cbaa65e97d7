// A plain page without the widget, with the floor, and with Parley, loaded in turn in fresh
// contexts (nothing cached), each run rotating which goes first:
// - at 1× CPU: when the launcher is first visible, first contentful paint, the load event, the JS
//   heap once settled (two forced GCs) and every request before the customer does anything;
// - at 4× CPU (CDP Emulation.setCPUThrottlingRate): long tasks (over 50 ms) and the launcher time.

import type { Browser } from 'playwright-core';
import { newBenchPage } from './browser';
import type { Site, Variant } from './site';
import { sleep, type Spread, spread } from './stats';

export const VARIANTS: Variant[] = ['none', 'floor', 'parley'];

export interface PageSample {
  launcherVisibleMs: number;
  fcpMs: number;
  loadMs: number;
  heapBytes: number;
  /** Every request but the page itself, until SETTLE_MS after the launcher showed. */
  requests: string[];
}

export interface ThrottledSample {
  launcherVisibleMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Sum over long tasks of the part beyond 50 ms (Lighthouse's total blocking time). */
  blockingMs: number;
  /**
   * The longest single run of the widget's own script (its file, by URL) that the browser
   * attributed within a long animation frame: what of the long tasks is the widget's doing. 0 when
   * no frame over 50 ms ran its code for over 5 ms (the browser's reporting thresholds); NaN on
   * the page without a widget.
   */
  longestOwnRunMs: number;
}

export interface PageLoadResult {
  runs: number;
  warmup: number;
  /** Per variant, measured runs only. */
  samples: Record<Variant, PageSample[]>;
  throttled: Record<Variant, ThrottledSample[]>;
  summary: Record<Variant, Record<string, Spread>>;
}

/** A script run within a long animation frame (PerformanceScriptTiming), as the probe keeps it. */
interface ScriptRun {
  url: string;
  duration: number;
}

// Long enough for a widget's deferred work to show (the poller's first-poll jitter is 1 s).
const SETTLE_MS = 3000;

async function waitForLauncher(page: import('playwright-core').Page, variant: Variant, timeout: number): Promise<number> {
  if (variant === 'none') return Number.NaN;
  const handle = await page.waitForFunction(() => (window as unknown as { __bench: { launcherVisibleAt: number | null } }).__bench.launcherVisibleAt, null, { timeout, polling: 100 });
  return (await handle.jsonValue()) as number;
}

async function loadOnce(browser: Browser, site: Site, variant: Variant): Promise<PageSample> {
  const bench = await newBenchPage(browser);
  try {
    const pageUrl = site.pageUrl(variant);
    const requests: string[] = [];
    bench.page.on('request', (request) => {
      if (request.url() !== pageUrl) requests.push(request.url().replace(site.url, ''));
    });
    await bench.page.goto(pageUrl, { waitUntil: 'load' });
    const launcherVisibleMs = await waitForLauncher(bench.page, variant, 15_000);
    await sleep(SETTLE_MS);
    const timing = await bench.page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { fcpMs: fcp ? fcp.startTime : Number.NaN, loadMs: navigation.loadEventEnd };
    });
    const heapBytes = await bench.settledHeap();
    return { launcherVisibleMs, ...timing, heapBytes, requests };
  } finally {
    await bench.context.close();
  }
}

async function throttledOnce(browser: Browser, site: Site, variant: Variant): Promise<ThrottledSample> {
  const bench = await newBenchPage(browser, { cpuThrottling: 4 });
  try {
    await bench.page.goto(site.pageUrl(variant), { waitUntil: 'load', timeout: 60_000 });
    const launcherVisibleMs = await waitForLauncher(bench.page, variant, 60_000);
    await sleep(SETTLE_MS);
    const { tasks, runs } = await bench.page.evaluate(() => {
      const probe = (window as unknown as { __bench: { longTasks: Array<{ duration: number }>; scriptRuns: ScriptRun[] } }).__bench;
      return { tasks: probe.longTasks.map((task) => task.duration), runs: probe.scriptRuns };
    });
    const own = runs.filter((run) => variant !== 'none' && new URL(run.url, site.url).pathname === `/${variant}.js`);
    return {
      launcherVisibleMs,
      longTasks: tasks.length,
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      blockingMs: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
      longestOwnRunMs: variant === 'none' ? Number.NaN : Math.max(0, ...own.map((run) => run.duration)),
    };
  } finally {
    await bench.context.close();
  }
}

export async function measurePageLoads(browser: Browser, site: Site, options: { runs: number; warmup: number; log(line: string): void }): Promise<PageLoadResult> {
  const samples = { none: [], floor: [], parley: [] } as Record<Variant, PageSample[]>;
  const throttled = { none: [], floor: [], parley: [] } as Record<Variant, ThrottledSample[]>;
  for (let run = 0; run < options.runs; run++) {
    const order = VARIANTS.map((_, index) => VARIANTS[(index + run) % VARIANTS.length]!);
    for (const variant of order) {
      const sample = await loadOnce(browser, site, variant);
      const slow = await throttledOnce(browser, site, variant);
      if (run >= options.warmup) {
        samples[variant].push(sample);
        throttled[variant].push(slow);
      }
    }
    options.log(`  page loads: run ${run + 1}/${options.runs}${run < options.warmup ? ' (warm-up, discarded)' : ''}`);
  }
  const summary = {} as PageLoadResult['summary'];
  for (const variant of VARIANTS) {
    const mine = samples[variant];
    const slow = throttled[variant];
    summary[variant] = {
      launcherVisibleMs: spread(mine.map((s) => s.launcherVisibleMs)),
      fcpMs: spread(mine.map((s) => s.fcpMs)),
      loadMs: spread(mine.map((s) => s.loadMs)),
      heapBytes: spread(mine.map((s) => s.heapBytes)),
      // Paired with the no-widget page of the same run: drift over the runs cancels out.
      heapAddedBytes: spread(mine.map((s, index) => s.heapBytes - (samples.none[index]?.heapBytes ?? Number.NaN))),
      requests: spread(mine.map((s) => s.requests.length)),
      launcherVisibleMs4x: spread(slow.map((s) => s.launcherVisibleMs)),
      longTasks4x: spread(slow.map((s) => s.longTasks)),
      longestTaskMs4x: spread(slow.map((s) => s.longestTaskMs)),
      blockingMs4x: spread(slow.map((s) => s.blockingMs)),
      longestOwnRunMs4x: spread(slow.map((s) => s.longestOwnRunMs)),
    };
  }
  return { runs: options.runs, warmup: options.warmup, samples, throttled, summary };
}
