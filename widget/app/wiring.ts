// The session and its links to the page: the API client on the page's fetch, storage, the site's
// other tabs, the page's metadata. Everything the widget does beyond drawing the launcher.

import { systemClock } from '../core/clock';
import { collectPageInfo } from '../core/metadata';
import type { ResolvedConfig } from '../core/options';
import { composeSession } from '../core/session/compose';
import type { SessionDeps, TabsWorld } from '../core/session/interfaces';
import type { Connectivity, SubscribeStorage } from '../core/world';
import { pageVisibility, randomId } from '../dom/page';

export interface SessionWiring {
  window: Window;
  fetch?: typeof fetch;
  config: ResolvedConfig;
  connectivity: Connectivity;
  emit: SessionDeps['emit'];
  locale(): string;
  fallbackSubject(): string;
  onNewReplies(): void;
  version: string;
}

export function buildSession(wiring: SessionWiring) {
  const { window: win, config, locale } = wiring;
  const doc = win.document;
  const tabs = connectTabs(win);
  const session = composeSession({
    api: {
      apiUrl: config.apiUrl,
      clientKey: config.clientKey,
      authHeader: config.authHeader,
      fetch: wiring.fetch ?? win.fetch.bind(win),
      revalidation: 'http-cache',
    },
    storage: () => win.localStorage,
    clock: systemClock,
    random: Math.random,
    newId: () => randomId(win),
    visibility: pageVisibility(doc),
    connectivity: wiring.connectivity,
    config,
    emit: wiring.emit,
    fallbackSubject: wiring.fallbackSubject,
    onNewReplies: wiring.onNewReplies,
    pageInfo: () =>
      collectPageInfo(
        {
          location: win.location,
          document: doc,
          navigator: win.navigator,
          screen: win.screen,
          timeZone: safeTimeZone(),
          widgetVersion: wiring.version,
          locale: locale(),
        },
        // Redacted unless the site asked for the address in full (product.md, issue 14).
        { full: config.pageInfo === 'full', redactParams: config.redactParams },
      ),
    tabs: tabs.world,
  });
  return { session, tabId: tabs.world.tabId, listen: tabs.listen, stop: tabs.stop };
}

/** One poller per browser: the tabs of the site elect a leader and share what it finds. */
function connectTabs(win: Window) {
  // One window listener for every subscriber.
  const callbacks = new Set<Parameters<SubscribeStorage>[0]>();
  const onStorage = (event: StorageEvent) => {
    for (const callback of callbacks) callback({ key: event.key, newValue: event.newValue });
  };
  const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  const world: TabsWorld = {
    tabId: randomId(win),
    locks: (win.navigator as Navigator & { locks?: LockManager }).locks ?? null,
    BroadcastChannel: typeof Channel === 'function' ? Channel : null,
    storage: () => win.localStorage,
    subscribeStorage: (callback) => {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
  };
  return {
    world,
    listen: () => win.addEventListener('storage', onStorage),
    stop: () => win.removeEventListener('storage', onStorage),
  };
}

function safeTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
