// A tiny static site for the browser measurements: one plain page served four ways (no widget,
// the floor, Parley's loader with the real install snippet, and the all-in-one file issue 12 was
// filed against, bench/before-split.ts, with the same snippet), plus an empty page to write localStorage from. Every file of dist/ is served beside
// /parley.js, as the README asks site owners to host it, so the loader finds its chunks there, and
// compressed (gzip -9, the size CI holds) as a CDN sends scripts: on the emulated mobile network
// the bytes on the wire are what the throttle counts.
// Each page carries the same probe in <head>, and the bench asks every page the same questions,
// so whatever the probing costs, every page pays it, the page without a widget included.

import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** The page without a widget, the floor, Parley's loader, and the all-in-one file before the split. */
export const VARIANTS = ['none', 'floor', 'loader', 'allInOne'] as const;
export type Variant = (typeof VARIANTS)[number];
export type WidgetVariant = Exclude<Variant, 'none'>;

export interface Site {
  url: string;
  /** A page of `variant`; the widget's and the floor's API URL can be set per page (a counting proxy). */
  pageUrl(variant: Variant, apiUrl?: string): string;
  blankUrl: string;
  stop(): Promise<void>;
}

/** The script tag's file of each variant. */
export const SCRIPTS: Record<WidgetVariant, string> = {
  floor: '/floor.js',
  loader: '/parley.js',
  allInOne: '/parley.all-in-one.js',
};

/**
 * The files that are each variant's own code, by path: what the page fetched of them, and which
 * script runs the browser attributes to them. The loader's are parley.js and its hashed chunks.
 */
export const OWN_FILES: Record<WidgetVariant, RegExp> = {
  floor: /^\/floor\.js$/,
  loader: /^\/parley(-[\w-]+\.[\w-]+)?\.js$/,
  allInOne: /^\/parley\.all-in-one\.js$/,
};

/** Where each launcher lives: a host element with an open shadow root, and a button inside. */
export const LAUNCHERS: Record<WidgetVariant, { host: string; button: string }> = {
  floor: { host: '#floor-root', button: 'button.launcher' },
  loader: { host: '#parley-root', button: 'button.launcher' },
  allInOne: { host: '#parley-root', button: 'button.launcher' },
};

/** What every page's probe keeps (`window.__bench`). */
export interface Probe {
  launcherVisibleAt: number | null;
  longTasks: Array<{ start: number; duration: number }>;
  /** Script runs over 5 ms within animation frames over 50 ms, by frame. */
  longFrames: Array<{ start: number; duration: number; scripts: Array<{ url: string; duration: number }> }>;
  /**
   * Resolves with launcherVisibleAt once the launcher shows; on a page without a widget tag, once
   * the load event has passed; or with null after 10 s. Every page is awaited through it.
   */
  settled: Promise<number | null>;
}

// Records, from the page's own clock: when the launcher is first rendered and visible (checked at
// every animation frame, since the button sits inside a shadow root that document-level observers
// cannot see), every long task, and each long animation frame (over 50 ms) with the script runs
// the browser attributes within it (runs over 5 ms, each with its script's URL). Stops looking
// for the launcher after 10 s, at once when found, or at the load event on a page with no widget
// tag: the same code on every page, so every page pays for the same frames of checking.
const PROBE = `
(() => {
  let settle;
  const bench = (window.__bench = { launcherVisibleAt: null, longTasks: [], longFrames: [], settled: new Promise((resolve) => (settle = resolve)) });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries())
        bench.longFrames.push({ start: frame.startTime, duration: frame.duration, scripts: frame.scripts.map((run) => ({ url: run.sourceURL, duration: run.duration })) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const hosts = ${JSON.stringify([...new Map(Object.values(LAUNCHERS).map((launcher) => [launcher.host, launcher])).values()])};
  const visible = () => {
    for (const { host, button } of hosts) {
      const element = document.querySelector(host)?.shadowRoot?.querySelector(button);
      if (!element) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth &&
          element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    }
    return false;
  };
  const check = () => {
    if (visible()) settle((bench.launcherVisibleAt = performance.now()));
    else if (document.readyState === 'complete' && !document.querySelector('script[data-client-key]')) settle(null);
    else if (performance.now() < 10000) requestAnimationFrame(check);
    else settle(null);
  };
  requestAnimationFrame(check);
})();`;

const CONTENT = `
<header><h1>Kestrel Coffee</h1><nav><a href="#beans">Beans</a> <a href="#brewing">Brewing</a></nav></header>
<main>
  <h2 id="beans">Single-origin beans</h2>
  <p>Washed Ethiopian, natural Brazilian and a honey-processed Costa Rican, roasted every Tuesday and shipped the same day.</p>
  <h2 id="brewing">Brewing</h2>
  <p>Fifteen grams of coffee for every 250 ml of water just off the boil. Bloom for thirty seconds, then pour slowly.</p>
</main>`;

function page(variant: Variant, apiUrl: string, clientKey: string): string {
  const attrs = `data-client-key="${clientKey}" data-api-url="${apiUrl}"`;
  const widget =
    variant === 'loader' || variant === 'allInOne'
      ? // The install snippet of the README, exactly; only the file differs.
        `<script>window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) };</script>\n` +
        `<script src="${SCRIPTS[variant]}" defer ${attrs}></script>`
      : variant === 'floor'
        ? `<script src="${SCRIPTS.floor}" defer ${attrs}></script>`
        : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kestrel Coffee</title><link rel="icon" href="data:,">
<script>${PROBE}</script>
${widget}
<style>body{font:16px/1.5 Georgia,serif;margin:0 auto;max-width:40rem;padding:1rem}</style>
</head><body>${CONTENT}</body></html>`;
}

const gzip = (code: Buffer) => gzipSync(code, { level: 9 });

/** Every script of dist/ (the loader, its hashed chunks, the standalone file), by path, gzipped. */
function distScripts(dist: string): Map<string, Buffer> {
  const files = readdirSync(dist).filter((name) => name.endsWith('.js'));
  return new Map(files.map((name) => [`/${name}`, gzip(readFileSync(`${dist}/${name}`))]));
}

export async function startSite(options: { dist: string; floorJs: string; allInOneJs: string; apiUrl: string; clientKey: string }): Promise<Site> {
  const scripts = distScripts(options.dist);
  scripts.set(SCRIPTS.floor, gzip(Buffer.from(options.floorJs)));
  scripts.set(SCRIPTS.allInOne, gzip(Buffer.from(options.allInOneJs)));
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench.invalid');
    const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      // no-store: every load fetches and compiles the script, as a first visit does.
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      response.end(body);
    };
    const api = url.searchParams.get('api') ?? options.apiUrl;
    const script = scripts.get(url.pathname);
    if (script) {
      // Chromium always accepts gzip: no plain fallback is needed for the bench's one browser.
      return send('text/javascript; charset=utf-8', script, { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    }
    const variant = url.pathname.match(/^\/([A-Za-z]+)\.html$/)?.[1];
    if (variant && (VARIANTS as readonly string[]).includes(variant)) return send('text/html; charset=utf-8', page(variant as Variant, api, options.clientKey));
    if (url.pathname === '/blank.html') return send('text/html; charset=utf-8', '<!doctype html><title>blank</title><link rel="icon" href="data:,">');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: (variant, apiUrl) => `${url}/${variant}.html${apiUrl ? `?api=${encodeURIComponent(apiUrl)}` : ''}`,
    blankUrl: `${url}/blank.html`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
