// createParley(options): builds one widget from validated options and a page environment (the
// window is passed in, never read at import time), and returns the command API.

import { createClient } from './api/client';
import { PREFIX, type IdentifyInput, type Logger, type NewConversationInput, type ParleyApi } from './core/commands';
import { resolveConfig } from './core/config';
import { createEmitter } from './core/emitter';
import type { ParleyEvents } from './core/events';
import { collectPageInfo, validateMetadata } from './core/metadata';
import type { ParleyOptions } from './core/options';
import { createSession } from './core/session';
import { systemClock } from './core/clock';
import { createStorage, storageNamespace } from './core/storage';
import { createTabChannel } from './core/tab-channel';
import { createTabLeader, type SubscribeStorage } from './core/tab-leader';
import { type TabMessage, isTabMessage } from './core/tab-messages';
import { ROOT_ID, type View, mountWidget } from './dom/mount';
import { pageConnectivity, pageVisibility, randomId } from './dom/page';
import { getStrings, resolveLocale, textDirection } from './i18n';

declare const __PARLEY_VERSION__: string;
type ParleyEventMap = { [K in keyof ParleyEvents]: ParleyEvents[K] };
export const VERSION: string = typeof __PARLEY_VERSION__ === 'string' ? __PARLEY_VERSION__ : '0.0.0-dev';

export interface ParleyEnvironment {
  window: Window;
  console?: Logger;
  /** Defaults to the window's fetch. */
  fetch?: typeof fetch;
}

/** Thrown by createParley when the options are unusable; `problems` lists each one. */
export class ParleyConfigError extends Error {
  override readonly name = 'ParleyConfigError';
  constructor(readonly problems: string[]) {
    super(`${PREFIX} The widget did not start:\n- ${problems.join('\n- ')}`);
  }
}

export function createParley(options: ParleyOptions, env: ParleyEnvironment = { window }): ParleyApi {
  const win = env.window;
  const doc = win.document;
  const log: Logger = env.console ?? console;
  const resolved = resolveConfig(options);
  if (!resolved.ok) throw new ParleyConfigError(resolved.errors);
  for (const warning of resolved.warnings) log.warn(`${PREFIX} ${warning}`);
  const config = resolved.config;

  const container = config.mode === 'inline' ? findTarget(doc, config.target) : doc.body;
  if (!container) throw new ParleyConfigError([`inline mode: no element matches target ${JSON.stringify(config.target)}.`]);
  if (doc.getElementById(ROOT_ID)) throw new ParleyConfigError(['a Parley widget is already mounted on this page.']);

  const emitter = createEmitter<ParleyEventMap>({
    onHandlerError: (error, event) => log.error(`${PREFIX} A "${event}" handler threw:`, error),
  });
  const browserLanguages = () => (win.navigator.languages?.length ? win.navigator.languages : [win.navigator.language ?? 'en']);
  let locale = resolveLocale(config.locale, browserLanguages());
  const client = createClient({
    apiUrl: config.apiUrl,
    clientKey: config.clientKey,
    authHeader: config.authHeader,
    fetch: env.fetch ?? win.fetch.bind(win),
    revalidation: 'http-cache',
  });
  const storage = createStorage({ backend: () => win.localStorage, apiUrl: config.apiUrl, clientKey: config.clientKey });
  const visibility = pageVisibility(doc);
  const connectivity = pageConnectivity(win);
  const tabs = connectTabs(win, storageNamespace(config.apiUrl, config.clientKey));
  const session = createSession({
    tabs,
    client,
    storage,
    clock: systemClock,
    random: Math.random,
    newId: () => randomId(win),
    visibility,
    connectivity,
    config,
    emit: (event, payload) => (emitter.emit as (name: string, value: unknown) => void)(event, payload),
    fallbackSubject: () => getStrings(locale).subjectFallback,
    pageInfo: () =>
      collectPageInfo({
        location: win.location,
        document: doc,
        navigator: win.navigator,
        screen: win.screen,
        timeZone: safeTimeZone(),
        widgetVersion: VERSION,
        locale,
      }),
  });
  emitter.on('error', (payload) => log.error(`${PREFIX} ${payload.kind} failed: ${payload.message}`));

  let open = config.open || config.mode === 'inline';
  const view = (): View => ({ open, locale, dir: textDirection(locale), strings: getStrings(locale) });
  let alive = true;
  // The launcher paints first. The stored conversation is read in a task after that frame: reading
  // it is localStorage's first use, which loads the origin's whole storage, and then the session
  // starts its work. It is read at once instead when the panel starts open (no flash of the form)
  // or when the page or the customer acts before that task, so nothing happens out of order.
  let restored = false;
  const restore = () => {
    if (restored || !alive) return;
    restored = true;
    tabs.listen();
    void session.restore();
  };
  const setOpen = (next: boolean) => {
    if (next === open || config.mode === 'inline') return;
    restore();
    open = next;
    session.setPanelOpen(open);
    mounted.update(view());
    emitter.emit(open ? 'open' : 'close', {});
  };
  const mounted = mountWidget({ doc, config, session, connectivity, container, onOpenChange: setOpen }, view());
  session.setPanelOpen(open);

  // Any element of the host page with data-parley-open opens the panel (product.md).
  const onPageClick = (event: Event) => {
    const target = event.target as Element | null;
    if (target && typeof target.closest === 'function' && target.closest('[data-parley-open]')) {
      event.preventDefault();
      setOpen(true);
    }
  };
  doc.addEventListener('click', onPageClick);
  // Leaving the page hands the lead to another tab at once; coming back from the bfcache rejoins.
  const onPageHide = () => session.setPageActive(false);
  const onPageShow = (event: PageTransitionEvent) => event.persisted && session.setPageActive(true);
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);
  if (open) restore();
  else afterNextPaint(win, restore);

  const api: ParleyApi = {
    open: () => alive && setOpen(true),
    close: () => alive && setOpen(false),
    toggle: () => alive && setOpen(!open),
    identify(identity: IdentifyInput) {
      if (!alive) return;
      restore();
      session.identify({
        email: identity.email.trim(),
        ...(identity.firstName ? { firstName: identity.firstName } : {}),
        ...(identity.lastName ? { lastName: identity.lastName } : {}),
      });
    },
    metadata(data) {
      const checked = validateMetadata(data);
      if (!checked.ok) {
        log.error(`${PREFIX} Parley("metadata") refused: ${checked.reason}`);
        return;
      }
      session.setMetadata(checked.value);
    },
    locale(tag) {
      locale = resolveLocale(tag, browserLanguages());
      if (alive) mounted.update(view());
    },
    newConversation(input: NewConversationInput = {}) {
      if (!alive) return;
      restore();
      session.prefillNew(input);
      setOpen(true);
    },
    on: (event, handler) => emitter.on(event, handler as (payload: unknown) => void),
    off: (event, handler) => emitter.off(event, handler as (payload: unknown) => void),
    reset() {
      restore();
      if (alive) session.reset();
    },
    shutdown() {
      if (!alive) return;
      alive = false;
      session.destroy();
      doc.removeEventListener('click', onPageClick);
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
      tabs.stop();
      mounted.destroy();
      emitter.clear();
    },
  };
  // After the caller's synchronous code: the snippet's queued Parley('on', 'ready', …) is replayed
  // right after createParley returns, and must not miss it.
  queueMicrotask(() => alive && emitter.emit('ready', { version: VERSION }));
  return api;
}

/**
 * Runs `task` in a task after the next frame is painted. A hidden page paints nothing (and gets
 * no frames until shown), so there it runs in the next task. A fixed fallback timer would not do:
 * on a slow device it fires before the first frame and delays it.
 */
function afterNextPaint(win: Window, task: () => void) {
  if (win.document.visibilityState === 'hidden') win.setTimeout(task, 0);
  else win.requestAnimationFrame(() => win.setTimeout(task, 0));
}

/** One poller per browser: the tabs of the site elect a leader and share what it finds. */
function connectTabs(win: Window, namespace: string) {
  // One window listener for every subscriber, added by listen() when the widget first reads
  // storage: adding a 'storage' listener loads the origin's whole localStorage, which the
  // launcher's first paint does not wait for. Until then nothing was read that a change could
  // make stale.
  const callbacks = new Set<Parameters<SubscribeStorage>[0]>();
  const onStorage = (event: StorageEvent) => {
    for (const callback of callbacks) callback({ key: event.key, newValue: event.newValue });
  };
  const subscribeStorage: SubscribeStorage = (callback) => {
    callbacks.add(callback);
    return () => callbacks.delete(callback);
  };
  // Raw localStorage, not the memory-backed wrapper: a lease only in this tab's memory would
  // make it believe it leads while another tab does too.
  const storage = () => win.localStorage;
  const tabId = randomId(win);
  const locks = (win.navigator as Navigator & { locks?: LockManager }).locks ?? null;
  const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  return {
    subscribeStorage,
    listen: () => win.addEventListener('storage', onStorage),
    stop: () => win.removeEventListener('storage', onStorage),
    leader: createTabLeader({ name: `${namespace}:leader`, locks, storage, subscribeStorage, clock: systemClock, random: Math.random, tabId }),
    channel: createTabChannel<TabMessage>({
      name: `${namespace}:bus`,
      BroadcastChannel: typeof Channel === 'function' ? Channel : null,
      storage,
      subscribeStorage,
      isMessage: isTabMessage,
      clock: systemClock,
      tabId,
    }),
  };
}

function findTarget(doc: Document, target: string | Element | null): Element | null {
  if (!target) return null;
  if (typeof target !== 'string') return target;
  try {
    return doc.querySelector(target);
  } catch {
    return null; // not a valid selector: reported as "no element matches"
  }
}

function safeTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
