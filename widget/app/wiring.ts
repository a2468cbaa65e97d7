// The session and its links to the page: the API client on the page's fetch, storage, the site's
// other tabs, the page's metadata. Everything the widget does beyond drawing the launcher.

import { createClient } from '../api/client';
import { systemClock } from '../core/clock';
import { collectPageInfo } from '../core/metadata';
import type { ResolvedConfig } from '../core/options';
import { createSession, type SessionDeps } from '../core/session';
import { createStorage, storageNamespace } from '../core/storage';
import { createTabChannel } from '../core/tab-channel';
import { createTabLeader } from '../core/tab-leader';
import { isTabMessage, type TabMessage } from '../core/tab-messages';
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
  const tabs = connectTabs(win, storageNamespace(config.apiUrl, config.clientKey));
  const session = createSession({
    tabs,
    client: createClient({
      apiUrl: config.apiUrl,
      clientKey: config.clientKey,
      authHeader: config.authHeader,
      fetch: wiring.fetch ?? win.fetch.bind(win),
      revalidation: 'http-cache',
    }),
    storage: createStorage({ backend: () => win.localStorage, apiUrl: config.apiUrl, clientKey: config.clientKey }),
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
  });
  return { session, tabs };
}

/** One poller per browser: the tabs of the site elect a leader and share what it finds. */
function connectTabs(win: Window, namespace: string) {
  // One window listener for every subscriber.
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

function safeTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
