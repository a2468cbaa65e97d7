// Requests and bytes per hour for one visitor with a conversation, by state, over real windows of
// time (extrapolated to an hour, the window stated). Every state runs at once, each in its own
// browser context with its own conversation, behind its own byte-counting proxy, so that each
// figure is that state's alone and the whole thing takes as long as the longest window.
//
// Nothing in the widget is shortened: "idle" is the real 2 minutes without activity.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { conversationPointer, storePointer } from './browser';
import type { BenchEmulator } from './emulator';
import { type CountingProxy, type ProxiedRequest, startCountingProxy } from './proxy';
import type { Site } from './site';
import { type Spread, sleep, spread } from './stats';

export interface StateSpec {
  name: string;
  /** Which emulator: the ETag switch on (default) or off. */
  etag: boolean;
  /** Which seeded conversation. */
  conversation: 'short' | 'long';
  tabs: number;
  /** Whose panel is opened: none, or the last tab's (the one the customer is looking at). */
  open: boolean;
  hidden?: boolean;
  /** The measured window, in seconds after the state is set up (page loaded, panel opened, tab hidden). */
  from: number;
  to: number;
  /** The state this one is compared with (five tabs with one, ETag off with on). */
  baseline?: string;
}

export interface StateResult {
  name: string;
  baseline: string | null;
  windowSeconds: number;
  /** Requests before the window: the page loads (every tab's), restores and first polls, and for idle the active minutes. */
  requestsAtLoad: number;
  requests: number;
  polls: number;
  statusChecks: number;
  preflights: number;
  other: number;
  bytesUp: number;
  bytesDown: number;
  perHour: { requests: number; polls: number; bytes: number };
  /** Seconds between the starts of consecutive polls in the window. */
  pollInterval: Spread;
}

export interface SeededPointer {
  id: string;
  email: string;
}

const HIDE = `
Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get() { return window.__benchHidden ? 'hidden' : 'visible'; } });
Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return !!window.__benchHidden; } });`;

/** The states of the issue; `quick` keeps the windows short and leaves out "idle" (2 minutes to reach). */
export function cadenceStates(quick: boolean): StateSpec[] {
  // Active means less than 2 minutes since the last activity (opening the panel counts): the
  // active windows end before that, the idle window starts after it and the next 10 s poll.
  const active = quick ? { from: 5, to: 35 } : { from: 5, to: 115 };
  const long = quick ? { from: 5, to: 35 } : { from: 5, to: 225 };
  const states: StateSpec[] = [
    { name: 'panel open, active', etag: true, conversation: 'short', tabs: 1, open: true, ...active },
    {
      name: 'panel open, idle (2 min without activity)',
      etag: true,
      conversation: 'short',
      tabs: 1,
      open: true,
      from: 125,
      to: 225,
      baseline: 'panel open, active',
    },
    { name: 'panel closed', etag: true, conversation: 'short', tabs: 1, open: false, ...long },
    { name: 'tab hidden', etag: true, conversation: 'short', tabs: 1, open: false, hidden: true, ...long, baseline: 'panel closed' },
    { name: 'five tabs, panels closed', etag: true, conversation: 'short', tabs: 5, open: false, ...long, baseline: 'panel closed' },
    { name: 'five tabs, panel open in the last', etag: true, conversation: 'short', tabs: 5, open: true, ...active, baseline: 'panel open, active' },
    { name: 'panel open, active, ETag off', etag: false, conversation: 'short', tabs: 1, open: true, ...active, baseline: 'panel open, active' },
    { name: 'panel open, active, long conversation', etag: true, conversation: 'long', tabs: 1, open: true, ...active },
    {
      name: 'panel open, active, long conversation, ETag off',
      etag: false,
      conversation: 'long',
      tabs: 1,
      open: true,
      ...active,
      baseline: 'panel open, active, long conversation',
    },
  ];
  return quick ? states.filter((state) => !state.name.includes('idle')) : states;
}

interface Running {
  spec: StateSpec;
  proxy: CountingProxy;
  context: BrowserContext;
  /** Date.now() when the state was set up: the window counts from here. */
  t0: number;
}

async function setUp(browser: Browser, site: Site, emulator: BenchEmulator, pointer: SeededPointer, spec: StateSpec): Promise<Running> {
  const proxy = await startCountingProxy(emulator.url);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  if (spec.hidden) await context.addInitScript(HIDE);
  const pages: Page[] = [];
  const first = await context.newPage();
  await storePointer(first, site.blankUrl, conversationPointer(proxy.url, emulator.clientKey, pointer.id, pointer.email));
  for (let tab = 0; tab < spec.tabs; tab++) {
    const page = tab === 0 ? first : await context.newPage();
    await page.goto(site.pageUrl('loader', proxy.url));
    await page.locator('#parley-root button.launcher').waitFor({ state: 'visible' });
    pages.push(page);
  }
  const last = pages.at(-1)!;
  if (spec.open) await last.locator('#parley-root button.launcher').click();
  if (spec.hidden) {
    // Hidden after the page has shown the conversation (a closed panel renders no log: the
    // launcher's unread badge): a tab the customer switched away from.
    await last.locator('#parley-root button.launcher .badge').waitFor({ state: 'attached' });
    await sleep(1500);
    await last.evaluate(() => {
      (window as unknown as { __benchHidden: boolean }).__benchHidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }
  return { spec, proxy, context, t0: Date.now() };
}

function summarise({ spec, proxy, t0 }: Running): StateResult {
  const start = t0 + spec.from * 1000;
  const end = t0 + spec.to * 1000;
  const all = [...proxy.requests].sort((a, b) => a.at - b.at);
  const inWindow = all.filter((request) => request.at >= start && request.at < end);
  const kind = (request: ProxiedRequest) =>
    request.method === 'OPTIONS'
      ? 'preflight'
      : request.method === 'GET' && /\/messages\/$/.test(request.path)
        ? 'poll'
        : request.method === 'GET' && /^\/api\/v1\/conversations\/[^/]+\/$/.test(request.path)
          ? 'status'
          : 'other';
  const count = (wanted: string) => inWindow.filter((request) => kind(request) === wanted).length;
  const polls = inWindow.filter((request) => kind(request) === 'poll').map((request) => request.at);
  const seconds = spec.to - spec.from;
  const bytesUp = inWindow.reduce((sum, request) => sum + request.bytesUp, 0);
  const bytesDown = inWindow.reduce((sum, request) => sum + request.bytesDown, 0);
  const hour = 3600 / seconds;
  return {
    name: spec.name,
    baseline: spec.baseline ?? null,
    windowSeconds: seconds,
    requestsAtLoad: all.filter((request) => request.at < start).length,
    requests: inWindow.length,
    polls: polls.length,
    statusChecks: count('status'),
    preflights: count('preflight'),
    other: count('other'),
    bytesUp,
    bytesDown,
    perHour: { requests: inWindow.length * hour, polls: polls.length * hour, bytes: (bytesUp + bytesDown) * hour },
    pollInterval: spread(polls.slice(1).map((at, index) => (at - polls[index]!) / 1000)),
  };
}

export async function measureCadence(
  browser: Browser,
  site: Site,
  emulators: { etag: BenchEmulator; noEtag: BenchEmulator },
  conversations: (spec: StateSpec) => SeededPointer,
  options: { quick: boolean; log(line: string): void },
): Promise<StateResult[]> {
  const states = cadenceStates(options.quick);
  const running: Running[] = [];
  try {
    for (const spec of states) {
      running.push(await setUp(browser, site, spec.etag ? emulators.etag : emulators.noEtag, conversations(spec), spec));
    }
    const until = Math.max(...running.map((state) => state.t0 + state.spec.to * 1000));
    options.log(`  ${states.length} states running at once, in separate contexts; ${Math.round((until - Date.now()) / 1000)} s to go`);
    while (Date.now() < until) await sleep(Math.min(30_000, until - Date.now()));
    return running.map(summarise);
  } finally {
    for (const state of running) {
      await state.context.close();
      await state.proxy.stop();
    }
  }
}
