// The plain page without a widget, with the floor, with Parley's loader and with the all-in-one
// file, loaded in turn in fresh contexts (nothing cached), each run rotating which goes first.
// Every page is loaded, awaited, probed and read the same way, the page without a widget included:
// the probe in its <head> (bench/site.ts), one wait on its `settled` promise, the same
// page.evaluate calls, CDP metrics and heap. Nothing else is run in any page.
// - at 1× CPU: when the launcher is first visible, first contentful paint, the load event, the
//   JavaScript and main-thread time (CDP Performance.getMetrics), the JS heap once settled (two
//   forced GCs) and every file fetched before the customer does anything;
// - at 4× CPU (CDP Emulation.setCPUThrottlingRate): long tasks (over 50 ms), the long animation
//   frames that ran the widget's own files, and the launcher time.

import type { Browser, Page } from 'playwright-core';
import { newBenchPage } from './browser';
import { OWN_FILES, type Probe, type Site, VARIANTS, type Variant } from './site';
import { type Spread, sleep, spread } from './stats';

export interface PageSample {
  launcherVisibleMs: number;
  fcpMs: number;
  loadMs: number;
  /** Chromium's ScriptDuration (JavaScript: compiling and running) from navigation to the end. */
  scriptMs: number;
  /** Chromium's TaskDuration (everything on the main thread) over the same time. */
  taskMs: number;
  heapBytes: number;
  /** Every request but the page itself, until SETTLE_MS after the page settled (paths). */
  requests: string[];
}

export interface ThrottledSample {
  launcherVisibleMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Sum over long tasks of the part beyond 50 ms (Lighthouse's total blocking time). */
  blockingMs: number;
  /**
   * Animation frames over 50 ms in which the browser attributed a run of the widget's own files
   * (over 5 ms: its reporting threshold). NaN on the page without a widget.
   */
  ownLongFrames: number;
  /** The longest single such run, ms; 0 when there was none, NaN without a widget. */
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

// Long enough for a widget's deferred work to show (the poller's first-poll jitter is 1 s; the
// loader's idle-time check for a stored conversation).
const SETTLE_MS = 3000;

/** The probe's launcher time (NaN on the page without a widget); the same wait on every page. */
async function settled(page: Page): Promise<number> {
  const at = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.settled);
  return at ?? Number.NaN;
}

const seconds = (metrics: Record<string, number>, name: string) => (metrics[name] ?? Number.NaN) * 1000;

async function loadOnce(browser: Browser, site: Site, variant: Variant): Promise<PageSample> {
  const bench = await newBenchPage(browser);
  try {
    const pageUrl = site.pageUrl(variant);
    const requests: string[] = [];
    bench.page.on('request', (request) => {
      if (request.url() !== pageUrl) requests.push(request.url().replace(site.url, ''));
    });
    await bench.page.goto(pageUrl, { waitUntil: 'load' });
    const launcherVisibleMs = await settled(bench.page);
    await sleep(SETTLE_MS);
    const timing = await bench.page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { fcpMs: fcp ? fcp.startTime : Number.NaN, loadMs: navigation.loadEventEnd };
    });
    // Before the forced GCs, which are main-thread work of their own.
    const metrics = await bench.metrics();
    const heapBytes = await bench.settledHeap();
    return { launcherVisibleMs, ...timing, scriptMs: seconds(metrics, 'ScriptDuration'), taskMs: seconds(metrics, 'TaskDuration'), heapBytes, requests };
  } finally {
    await bench.context.close();
  }
}

async function throttledOnce(browser: Browser, site: Site, variant: Variant): Promise<ThrottledSample> {
  const bench = await newBenchPage(browser, { cpuThrottling: 4 });
  try {
    await bench.page.goto(site.pageUrl(variant), { waitUntil: 'load', timeout: 60_000 });
    const launcherVisibleMs = await settled(bench.page);
    await sleep(SETTLE_MS);
    const { tasks, frames } = await bench.page.evaluate(() => {
      const probe = (window as unknown as { __bench: Probe }).__bench;
      return { tasks: probe.longTasks.map((task) => task.duration), frames: probe.longFrames };
    });
    const own = variant === 'none' ? null : OWN_FILES[variant];
    const ownRuns = frames.map((frame) => frame.scripts.filter((run) => own?.test(new URL(run.url || '/', site.url).pathname)));
    return {
      launcherVisibleMs,
      longTasks: tasks.length,
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      blockingMs: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
      ownLongFrames: own ? ownRuns.filter((runs) => runs.length).length : Number.NaN,
      longestOwnRunMs: own ? Math.max(0, ...ownRuns.flat().map((run) => run.duration)) : Number.NaN,
    };
  } finally {
    await bench.context.close();
  }
}

const byVariant = <T>(): Record<Variant, T[]> => Object.fromEntries(VARIANTS.map((variant) => [variant, [] as T[]])) as Record<Variant, T[]>;

export async function measurePageLoads(
  browser: Browser,
  site: Site,
  options: { runs: number; warmup: number; log(line: string): void },
): Promise<PageLoadResult> {
  const samples = byVariant<PageSample>();
  const throttled = byVariant<ThrottledSample>();
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
    // Paired with the page without a widget of the same run: drift over the runs cancels out.
    const added = (pick: (sample: PageSample) => number) =>
      spread(
        mine.map((sample, index) => {
          const base = samples.none[index];
          return base ? pick(sample) - pick(base) : Number.NaN;
        }),
      );
    summary[variant] = {
      launcherVisibleMs: spread(mine.map((s) => s.launcherVisibleMs)),
      fcpMs: spread(mine.map((s) => s.fcpMs)),
      loadMs: spread(mine.map((s) => s.loadMs)),
      scriptMs: spread(mine.map((s) => s.scriptMs)),
      scriptAddedMs: added((s) => s.scriptMs),
      taskMs: spread(mine.map((s) => s.taskMs)),
      taskAddedMs: added((s) => s.taskMs),
      heapBytes: spread(mine.map((s) => s.heapBytes)),
      heapAddedBytes: added((s) => s.heapBytes),
      requests: spread(mine.map((s) => s.requests.length)),
      launcherVisibleMs4x: spread(slow.map((s) => s.launcherVisibleMs)),
      longTasks4x: spread(slow.map((s) => s.longTasks)),
      longestTaskMs4x: spread(slow.map((s) => s.longestTaskMs)),
      blockingMs4x: spread(slow.map((s) => s.blockingMs)),
      ownLongFrames4x: spread(slow.map((s) => s.ownLongFrames)),
      longestOwnRunMs4x: spread(slow.map((s) => s.longestOwnRunMs)),
    };
  }
  return { runs: options.runs, warmup: options.warmup, samples, throttled, summary };
}
