// A tiny static site for the browser measurements: one plain page served three ways (no widget,
// the floor, Parley with the real install snippet), plus an empty page to write localStorage from.
// Each page carries the same probe in <head>, so whatever the probe costs, every page pays it.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Variant = 'none' | 'floor' | 'parley';

export interface Site {
  url: string;
  /** A page of `variant`; Parley's and the floor's API URL can be set per page (a counting proxy). */
  pageUrl(variant: Variant, apiUrl?: string): string;
  blankUrl: string;
  stop(): Promise<void>;
}

/** Where each launcher lives: a host element with an open shadow root, and a button inside. */
export const LAUNCHERS: Record<Exclude<Variant, 'none'>, { host: string; button: string }> = {
  floor: { host: '#floor-root', button: 'button.launcher' },
  parley: { host: '#parley-root', button: 'button.launcher' },
};

// Records, from the page's own clock: when the launcher is first rendered and visible (checked at
// every animation frame, since the button sits inside a shadow root that document-level observers
// cannot see), every long task, and the script runs that the browser attributes within each long
// animation frame (frames over 50 ms; it lists runs over 5 ms, each with its script's URL). Stops
// looking for the launcher after 10 s, or at once when found.
const PROBE = `
(() => {
  const bench = (window.__bench = { launcherVisibleAt: null, longTasks: [], scriptRuns: [] });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries())
        for (const run of frame.scripts) bench.scriptRuns.push({ url: run.sourceURL, duration: run.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const hosts = ${JSON.stringify(Object.values(LAUNCHERS))};
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
    if (visible()) bench.launcherVisibleAt = performance.now();
    else if (performance.now() < 10000) requestAnimationFrame(check);
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
    variant === 'parley'
      ? // The install snippet of the README, exactly.
        `<script>window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) };</script>\n` +
        `<script src="/parley.js" defer ${attrs}></script>`
      : variant === 'floor'
        ? `<script src="/floor.js" defer ${attrs}></script>`
        : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kestrel Coffee</title><link rel="icon" href="data:,">
<script>${PROBE}</script>
${widget}
<style>body{font:16px/1.5 Georgia,serif;margin:0 auto;max-width:40rem;padding:1rem}</style>
</head><body>${CONTENT}</body></html>`;
}

export async function startSite(options: { parleyJs: string; floorJs: string; apiUrl: string; clientKey: string }): Promise<Site> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench.invalid');
    const send = (type: string, body: string) => {
      // no-store: every load fetches and compiles the script, as a first visit does.
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    const api = url.searchParams.get('api') ?? options.apiUrl;
    switch (url.pathname) {
      case '/parley.js':
        return send('text/javascript; charset=utf-8', options.parleyJs);
      case '/floor.js':
        return send('text/javascript; charset=utf-8', options.floorJs);
      case '/none.html':
      case '/floor.html':
      case '/parley.html':
        return send('text/html; charset=utf-8', page(url.pathname.slice(1, -5) as Variant, api, options.clientKey));
      case '/blank.html':
        return send('text/html; charset=utf-8', '<!doctype html><title>blank</title><link rel="icon" href="data:,">');
      default:
        response.writeHead(404).end();
    }
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
