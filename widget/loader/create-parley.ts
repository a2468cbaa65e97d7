// The widget as every visitor gets it: options checked, the root and the launcher drawn, the
// events and every command. The conversation code (the app: panel, session, client, outbox,
// poller, tabs) is loaded only when it is wanted, through `chunks`:
// - on intent: pointer over or focus on the launcher or a [data-parley-open] element, a touch;
// - on a click, and on a command that needs it (open, toggle, newConversation, transcript, a
//   reset with something stored);
// - at once when the panel starts open (data-open, inline mode);
// - when the page is idle, for a returning customer with a stored conversation or replies on
//   their way (not under Save-Data), so the badge and the events go on without a click.
// Commands for the app given before it arrives wait in one queue and run in the order given.

import type { AppControl, AppHost, AppModule, ParleyEventMap, View } from '../contract';
import { type IdentifyInput, type Logger, type NewConversationInput, type ParleyApi, PREFIX } from '../core/commands';
import { createEmitter } from '../core/emitter';
import { validateMetadata } from '../core/metadata';
import type { ParleyOptions } from '../core/options';
import { STORAGE_PREFIX, storageNamespace } from '../core/storage';
import { nextTask, whenIdle } from '../dom/page';
import type { Strings } from '../i18n/en';
import { type Language, resolveLocale } from '../i18n/locale';
import { followBodySwaps, holdsStored, saveData, watchOpeners } from './host-page';
import { createRoot, type WidgetRoot } from './root';
import { checkSetup, release } from './setup';
import { createSpeech } from './speech';

export { ParleyConfigError } from './setup';

declare const __PARLEY_VERSION__: string;
export const VERSION: string = typeof __PARLEY_VERSION__ === 'string' ? __PARLEY_VERSION__ : '0.0.0-dev';

/** Where the loader gets the rest of the widget from. */
export interface Chunks {
  app(): Promise<AppModule>;
  /** A language's texts, the launcher's and the panel's (never English: the loader and the app carry it). */
  strings(language: Exclude<Language, 'en'>): Promise<Strings>;
}

export interface ParleyEnvironment {
  window: Window;
  console?: Logger;
  /** Defaults to the window's fetch. */
  fetch?: typeof fetch;
}

export function createWidget(options: ParleyOptions, env: ParleyEnvironment, chunks: Chunks): ParleyApi {
  const win = env.window;
  const doc = win.document;
  const log: Logger = env.console ?? console;
  const { config, container } = checkSetup(options, env, log);
  const inline = config.mode === 'inline';

  const emitter = createEmitter<ParleyEventMap>({
    onHandlerError: (error, event) => log.error(`${PREFIX} A "${event}" handler threw:`, error),
  });
  emitter.on('error', (payload) => log.error(`${PREFIX} ${payload.kind} failed: ${payload.message}`));
  const browserLanguages = () => (win.navigator.languages?.length ? win.navigator.languages : [win.navigator.language ?? 'en']);
  const speech = createSpeech(resolveLocale(config.locale, browserLanguages()), chunks.strings, log);
  let alive = true;
  /** The panel is open, or asked for and on its way; inline, always. */
  let open = config.open || inline;
  /** The 'open' event waits for the panel: the customer asked for it before the app was here. */
  let openPending = false;
  let soundOn = config.sound;
  let unread = 0;
  let root: WidgetRoot | undefined;
  let app: AppControl | null = null;
  let loading: Promise<AppControl | null> | null = null;
  /** The last load failed: where the panel would be, the customer is told, with a retry. */
  let failed = false;
  const queue: Array<(app: AppControl) => void> = [];

  const view = (): View => ({ open, ...speech.spoken() });
  const draw = () => root?.frame.update({ open, busy: open && !app && !failed, failed: open && failed && !app, unread, ...speech.spoken() });

  const host: AppHost = {
    window: win,
    fetch: env.fetch,
    log,
    config,
    get root() {
      return root!;
    },
    emit: emitter.emit,
    setOpen: (next) => setOpen(next),
    setUnread(count) {
      unread = count;
      draw();
    },
    soundOn: () => soundOn,
    version: VERSION,
  };

  function load(): Promise<AppControl | null> {
    if (app || !alive) return Promise.resolve(app);
    if (loading) return loading;
    loading = Promise.all([chunks.app(), speech.fetch()]).then(
      ([module]) => {
        loading = null;
        // Drawn first, in case a command asked for the app before the root's own task ran.
        if (!alive || !drawRoot()) return null;
        speech.addEnglishPanel(module.english);
        failed = false;
        try {
          // A panel the customer asked for opens now, from closed, so that focus follows it; one
          // that starts open (data-open, inline) is drawn open and leaves focus on the page.
          app = module.startApp(host, { ...view(), open: open && !openPending });
        } catch (error) {
          log.error(`${PREFIX} The widget could not start:`, error);
          api.shutdown();
          return null;
        }
        for (const run of queue.splice(0)) run(app);
        // The language changed while the app was on its way.
        if (!speech.speaksWanted()) showLanguage();
        if (openPending) {
          openPending = false;
          app.update(view());
          emitter.emit('open', {});
        }
        draw();
        return app;
      },
      (error: unknown) => {
        loading = null;
        if (!alive) return null;
        failed = true;
        draw();
        const message = error instanceof Error ? error.message : String(error);
        emitter.emit('error', { kind: 'load', message, status: null });
        return null;
      },
    );
    return loading;
  }

  /** Shows the widget in the customer's language once its texts are here. */
  function showLanguage() {
    void speech.fetch().then(() => {
      if (!alive) return;
      draw();
      app?.update(view());
    });
  }

  const withApp = (run: (app: AppControl) => void) => (app ? run(app) : void queue.push(run));

  function setOpen(next: boolean) {
    if (!alive || inline || next === open) return;
    open = next;
    failed = false;
    if (!app) {
      openPending = open;
      // The launcher says at once that the panel is coming, even before the root's own task.
      if (open && drawRoot()) void load();
      return draw();
    }
    draw();
    app.update(view());
    emitter.emit(open ? 'open' : 'close', {});
  }

  // The root and the launcher, in a task after the caller's. False when the page broke the DOM.
  let drawn = false;
  let stopFollowingBody: (() => void) | undefined;
  function drawRoot(): boolean {
    if (drawn || !alive) return Boolean(root);
    drawn = true;
    try {
      root = createRoot(doc, container!, config, {
        onToggle: () => setOpen(!open),
        onEscape(event) {
          if (!open || inline) return;
          event.preventDefault();
          setOpen(false);
        },
        onIntent: () => void load(),
        onRetry() {
          failed = false;
          draw();
          void load();
        },
      });
      draw();
      stopFollowingBody = followBodySwaps(doc, config, root);
      // Another language's texts, launcher's included, are a file of their own: fetched at once.
      if (!speech.speaksWanted()) showLanguage();
    } catch (error) {
      log.error(`${PREFIX} The widget could not start:`, error);
      api.shutdown();
      return false;
    }
    // After the caller's synchronous code: the snippet's queued Parley('on', 'ready', …) is
    // replayed before this.
    queueMicrotask(() => alive && emitter.emit('ready', { version: VERSION }));
    if (open) void load();
    else {
      whenIdle(win, () => {
        if (alive && !app && !saveData(win) && storedWork()) void load();
      });
    }
    return true;
  }
  nextTask(win, drawRoot);

  /** Whether this browser holds a conversation or replies of this widget, or with a prefix, anything of Parley's. */
  const storedWork = (prefix?: string) => holdsStored(win, prefix ?? null, storageNamespace(config.apiUrl, config.clientKey));

  const stopOpeners = watchOpeners(doc, { open: () => setOpen(true), intent: () => void load() });

  const api: ParleyApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify: (identity: IdentifyInput) => withApp((started) => started.identify(identity)),
    metadata(data) {
      const checked = validateMetadata(data);
      if (!checked.ok) return log.error(`${PREFIX} Parley("metadata") refused: ${checked.reason}`);
      withApp((started) => started.metadata(checked.value));
    },
    locale(tag) {
      speech.want(resolveLocale(tag, browserLanguages()));
      showLanguage();
    },
    sound(on) {
      soundOn = on;
    },
    async transcript() {
      // Also before the panel ever opened: the app reads the stored conversation.
      const started = await load();
      if (!started) throw new Error(`${PREFIX} Parley("transcript"): ${alive ? 'the conversation code could not be loaded.' : 'the widget is shut down.'}`);
      return started.transcript();
    },
    newConversation(input: NewConversationInput = {}) {
      withApp((started) => started.newConversation(input));
      setOpen(true);
      void load();
    },
    on: (event, handler) => emitter.on(event, handler as (payload: unknown) => void),
    off: (event, handler) => emitter.off(event, handler as (payload: unknown) => void),
    reset() {
      withApp((started) => started.reset());
      // With nothing of Parley's stored, there is nothing for the app to remove.
      if (!app && storedWork(STORAGE_PREFIX)) void load();
    },
    shutdown() {
      if (!alive) return;
      alive = false;
      queue.length = 0;
      app?.destroy();
      app = null;
      stopFollowingBody?.();
      root?.remove();
      release(doc);
      stopOpeners();
      emitter.clear();
    },
  };
  return api;
}
