// createParley(options): builds one widget from validated options and a page environment (the
// window is passed in, never read at import time), and returns the command API.

import { createClient } from './api/client';
import { isApiError } from './api/errors';
import { PREFIX, type IdentifyInput, type Logger, type NewConversationInput, type ParleyApi } from './core/commands';
import { resolveConfig } from './core/config';
import { createEmitter } from './core/emitter';
import type { ParleyEvents } from './core/events';
import { collectPageInfo, validateMetadata } from './core/metadata';
import type { ParleyOptions, ResolvedConfig } from './core/options';
import type { Connectivity } from './core/poller';
import { type Session, type SessionDeps, createSession } from './core/session';
import { initialState } from './core/state';
import { systemClock } from './core/clock';
import { createStorage, storageNamespace } from './core/storage';
import { createTabChannel } from './core/tab-channel';
import { createTabLeader, type SubscribeStorage } from './core/tab-leader';
import { type TabMessage, isTabMessage } from './core/tab-messages';
import { formatTranscript, transcriptFileName } from './core/transcript';
import type { ChatMessage } from './core/state';
import { type AttentionWiring, connectAttention } from './dom/attention';
import { downloadText } from './dom/download';
import { ROOT_ID, type SessionSource, type View, type WidgetRoot, createRoot, mountWidget } from './dom/mount';
import { afterNextPaint, nextTask, pageConnectivity, pageVisibility, randomId } from './dom/page';
import { missingBuiltins } from './dom/required-builtins';
import { getStrings, resolveLocale, textDirection } from './i18n';
import { dateFormats } from './ui/dates';

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

/** A session's stand-in for the closed launcher drawn before the session exists: its first state, no actions. */
const IDLE_STATE = initialState();
const IDLE: SessionSource = { subscribe: () => () => {}, getState: () => IDLE_STATE };

/** Documents with a widget, from its first task on: the root element itself comes a few tasks later. */
const claimed = new WeakSet<Document>();

export function createParley(options: ParleyOptions, env: ParleyEnvironment = { window }): ParleyApi {
  const win = env.window;
  const doc = win.document;
  const log: Logger = env.console ?? console;
  const resolved = resolveConfig(options);
  if (!resolved.ok) throw new ParleyConfigError(resolved.errors);
  for (const warning of resolved.warnings) log.warn(`${PREFIX} ${warning}`);
  const config = resolved.config;
  const missing = missingBuiltins(win, { fetch: env.fetch });
  if (missing.length) throw new ParleyConfigError(missing);

  const container = config.mode === 'inline' ? findTarget(doc, config.target) : doc.body;
  if (!container) {
    throw new ParleyConfigError([
      config.mode === 'inline'
        ? `inline mode: no element matches target ${JSON.stringify(config.target)}.`
        : 'the page has no <body> yet: call createParley once the document is parsed (DOMContentLoaded).',
    ]);
  }
  if (doc.getElementById(ROOT_ID) || claimed.has(doc)) throw new ParleyConfigError(['a Parley widget is already mounted on this page.']);
  claimed.add(doc);

  const emitter = createEmitter<ParleyEventMap>({
    onHandlerError: (error, event) => log.error(`${PREFIX} A "${event}" handler threw:`, error),
  });
  emitter.on('error', (payload) => log.error(`${PREFIX} ${payload.kind} failed: ${payload.message}`));
  const browserLanguages = () => (win.navigator.languages?.length ? win.navigator.languages : [win.navigator.language ?? 'en']);
  let locale = resolveLocale(config.locale, browserLanguages());
  let open = config.open || config.mode === 'inline';
  const view = (): View => ({ open, locale, dir: textDirection(locale), strings: getStrings(locale) });
  let alive = true;

  // Start-up is cut into tasks, so that none is long on a slow phone. This one checks the options.
  // Then, each in a task of its own: the root with its styles; the launcher; after the launcher's
  // first frame, the session; after another, the stored conversation is read (localStorage's first
  // use, which loads the origin's whole storage) and the session starts its work. A command, or
  // the customer, that needs the panel runs every step at once; a command that needs only the
  // session (identify, metadata, reset) waits for it, in order, and runs once the stored
  // conversation is being read. A panel that starts open is drawn with its session and reads the
  // stored conversation at once (no flash of the form).
  const connectivity = pageConnectivity(win);
  let session: Session | undefined;
  let tabs: ReturnType<typeof connectTabs>;
  let attention: AttentionWiring | undefined;
  let soundOn = config.sound;
  /** The stored conversation being read at start-up: a copy of it waits for it. */
  let restored: Promise<void> = Promise.resolve();
  let root: WidgetRoot | undefined;
  let mounted: ReturnType<typeof mountWidget> | undefined;
  const waitingForSession: Array<(session: Session) => void> = [];
  const withSession = (use: (session: Session) => void) => {
    if (done < ALL) waitingForSession.push(use);
    else if (alive) use(session!);
  };
  const startSession = (): Session => {
    if (session) return session;
    ({ session, tabs } = buildSession(win, env, config, connectivity, emitter.emit as SessionDeps['emit'], () => locale, () =>
      attention?.newReplies(),
    ));
    session.setPanelOpen(open);
    attention = connectAttention({
      window: win,
      session,
      panelOpen: () => open,
      settings: () => ({ sound: soundOn, titleAlert: config.titleAlert }),
      language: () => ({ locale, strings: getStrings(locale) }),
      isLeader: () => tabs.leader.isLeader,
      claimKey: `${storageNamespace(config.apiUrl, config.clientKey)}:attention`,
      tabId: randomId(win),
      clock: systemClock,
    });
    return session;
  };
  let bodySwaps: MutationObserver | undefined;
  const steps = [
    () => {
      root = createRoot(doc, container, config);
      bodySwaps = followBodySwaps(doc, config, root);
    },
    () => {
      // Until the session exists, a closed launcher shows a session's first state. The panel's
      // contents, the only users of its actions, are built on opening, which starts the session.
      mounted = mountWidget(
        { root: root!, config, session: open ? startSession() : IDLE, connectivity, onOpenChange: setOpen, onSaveCopy: saveCopy },
        view(),
      );
      // After the caller's synchronous code, even when a command drew the launcher at once: the
      // snippet's queued Parley('on', 'ready', …) is replayed before this.
      queueMicrotask(() => alive && emitter.emit('ready', { version: VERSION }));
    },
    () => mounted!.connect(startSession()),
    () => {
      tabs.listen();
      const started = startSession();
      restored = started.restore();
      // After restore() has begun: a reset or a new conversation then supersedes the restore.
      for (const use of waitingForSession.splice(0)) use(started);
    },
  ];
  const ALL = steps.length;
  const DRAWN = 2;
  let done = 0;
  /** Runs, now, every step up to `count` that has not run yet; a step that throws shuts the widget down. */
  const upTo = (count: number) => {
    try {
      while (alive && done < count) steps[done++]!();
    } catch (error) {
      log.error(`${PREFIX} The widget could not start:`, error);
      api.shutdown();
    }
  };
  // One step per task: the root, then the launcher, then the rest each after a frame, so that the
  // launcher is on screen first (a panel drawn open reads its conversation at once).
  const nextStep = () => {
    if (!alive || done >= ALL) return;
    upTo(done + 1);
    if (done < DRAWN) nextTask(win, nextStep);
    else if (open) upTo(ALL);
    else afterNextPaint(win, nextStep);
  };
  nextTask(win, nextStep);

  const setOpen = (next: boolean) => {
    if (next === open || config.mode === 'inline' || !alive) return;
    upTo(ALL);
    if (!alive) return;
    open = next;
    session!.setPanelOpen(open);
    attention?.update();
    mounted!.update(view());
    emitter.emit(open ? 'open' : 'close', {});
  };

  /** The conversation as plain text, in the customer's language, as the log shows it. */
  const transcriptOf = (messages: readonly ChatMessage[]) => {
    const strings = getStrings(locale);
    const title = config.title ?? strings.title;
    return formatTranscript({
      messages,
      title,
      site: win.location.hostname,
      teamName: config.teamName ?? title,
      labels: { you: strings.you, sending: strings.sending, notSent: strings.notSent },
      formats: dateFormats(locale),
    });
  };
  // "Save a copy": what the open panel shows, so no request.
  const saveCopy = () => {
    if (!session || !root) return;
    downloadText(root.shadow, transcriptFileName(win.location.hostname, new Date()), transcriptOf(session.getState().messages));
  };

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
  const onPageHide = () => session?.setPageActive(false);
  const onPageShow = (event: PageTransitionEvent) => event.persisted && session?.setPageActive(true);
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);

  const api: ParleyApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify(identity: IdentifyInput) {
      withSession((started) =>
        started.identify({
          email: identity.email.trim(),
          ...(identity.firstName ? { firstName: identity.firstName } : {}),
          ...(identity.lastName ? { lastName: identity.lastName } : {}),
        }),
      );
    },
    metadata(data) {
      const checked = validateMetadata(data);
      if (!checked.ok) {
        log.error(`${PREFIX} Parley("metadata") refused: ${checked.reason}`);
        return;
      }
      withSession((started) => started.setMetadata(checked.value));
    },
    locale(tag) {
      locale = resolveLocale(tag, browserLanguages());
      if (alive) mounted?.update(view());
      attention?.update();
    },
    sound(on) {
      soundOn = on;
    },
    async transcript() {
      // Also before the panel ever opened: the session starts, reads the stored conversation, and
      // fetches its messages if this tab has not had them.
      upTo(ALL);
      if (!alive) throw new Error(`${PREFIX} Parley("transcript"): the widget is shut down.`);
      await restored;
      try {
        const messages = await session!.currentMessages();
        return session!.getState().conversation ? transcriptOf(messages) : '';
      } catch (error) {
        const status = isApiError(error) ? error.status : null;
        emitter.emit('error', { kind: 'transcript', message: error instanceof Error ? error.message : String(error), status });
        throw error;
      }
    },
    newConversation(input: NewConversationInput = {}) {
      withSession((started) => started.prefillNew(input));
      setOpen(true);
    },
    on: (event, handler) => emitter.on(event, handler as (payload: unknown) => void),
    off: (event, handler) => emitter.off(event, handler as (payload: unknown) => void),
    reset: () => withSession((started) => started.reset()),
    shutdown() {
      if (!alive) return;
      alive = false;
      if (session) {
        attention!.destroy();
        session.destroy();
        tabs.stop();
      }
      waitingForSession.length = 0;
      bodySwaps?.disconnect();
      mounted?.destroy();
      root?.remove();
      claimed.delete(doc);
      doc.removeEventListener('click', onPageClick);
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
      emitter.clear();
    },
  };
  return api;
}

/** The session and its tab links: everything the widget does beyond drawing the launcher. */
function buildSession(
  win: Window,
  env: ParleyEnvironment,
  config: ResolvedConfig,
  connectivity: Connectivity,
  emit: SessionDeps['emit'],
  locale: () => string,
  onNewReplies: () => void,
) {
  const doc = win.document;
  const tabs = connectTabs(win, storageNamespace(config.apiUrl, config.clientKey));
  const session = createSession({
    tabs,
    client: createClient({
      apiUrl: config.apiUrl,
      clientKey: config.clientKey,
      authHeader: config.authHeader,
      fetch: env.fetch ?? win.fetch.bind(win),
      revalidation: 'http-cache',
    }),
    storage: createStorage({ backend: () => win.localStorage, apiUrl: config.apiUrl, clientKey: config.clientKey }),
    clock: systemClock,
    random: Math.random,
    newId: () => randomId(win),
    visibility: pageVisibility(doc),
    connectivity,
    config,
    emit,
    fallbackSubject: () => getStrings(locale()).subjectFallback,
    onNewReplies,
    pageInfo: () =>
      collectPageInfo(
        {
          location: win.location,
          document: doc,
          navigator: win.navigator,
          screen: win.screen,
          timeZone: safeTimeZone(),
          widgetVersion: VERSION,
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

/**
 * Pages that replace <body> on navigation (Turbo Drive, pjax, some SPA routers) take the root away
 * with the old body. The root, with its shadow tree, session and state, is put back at the end of
 * the new one (inline mode: into the new page's target, once it has one), so a conversation goes
 * on across visits. Only <html>'s own children are watched: one callback per body swap.
 */
function followBodySwaps(doc: Document, config: ResolvedConfig, root: WidgetRoot): MutationObserver | undefined {
  const Observer = doc.defaultView?.MutationObserver;
  if (!Observer) return undefined;
  const observer = new Observer(() => {
    if (root.isAttached()) return;
    const container = config.mode === 'inline' ? findTarget(doc, config.target) : doc.body;
    if (container) root.attach(container);
  });
  observer.observe(doc.documentElement, { childList: true });
  return observer;
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
