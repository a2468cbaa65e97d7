// The script tag's runtime, shared by dist/parley.js (the loader) and dist/parley.standalone.js:
// reads the tag's data-* options, guards against a second load, replays the snippet's queue,
// starts the widget in a task of its own, runs the commands given before that, and from then on
// runs `Parley(…)` calls at once. Nothing here throws into the host page. The entries
// (widget/embed.ts, widget/standalone.ts) call it with the page's window and their own way of
// building the widget.
//
// The snippet (product.md):
//   window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) };

import { checkCall, type ParleyApi, PREFIX, runCommand } from '../core/commands';
import { optionsFromDataset } from '../core/config';
import type { ParleyOptions } from '../core/options';
import { nextTask, whenIdle, whenParsed } from '../dom/page';
import { ParleyConfigError, VERSION } from './create-parley';

type QueuedCall = ArrayLike<unknown>;
interface ParleyGlobal {
  (command: string, ...args: unknown[]): unknown;
  q?: QueuedCall[];
  /** Set by a loaded bundle: a second copy sees it and stays out of the way. */
  version?: string;
}

/** `script`: the tag that loaded the widget (document.currentScript), for its data-* options and nonce. */
export function installSnippet(page: Window, script: HTMLScriptElement | null, create: (options: ParleyOptions) => ParleyApi): void {
  const win = page as Window & { Parley?: ParleyGlobal };
  const log = console;
  const existing = win.Parley;
  if (existing && typeof existing.version === 'string') {
    // A page that replaces its body (Turbo Drive) runs the tag of each new body again: the widget
    // goes on, and that is no second install. Two tags in one page are.
    const tags = script ? Array.from(win.document.scripts).filter((tag) => tag.src === script.src).length : 2;
    if (tags > 1) log.warn(`${PREFIX} parley.js was loaded twice; the widget is already running (v${existing.version}), this copy does nothing.`);
    return;
  }
  const queue: QueuedCall[] = existing?.q ? Array.from(existing.q) : [];
  const fromTag = optionsFromDataset(script ? { ...script.dataset } : {});
  let api: ParleyApi | null = null;
  /** The options of a start that has not run yet: an init given meanwhile adds its own. */
  let pending: Partial<ParleyOptions> | null = null;
  let refused = false;
  let shutDown = false;
  // Commands given before the widget starts (no data-client-key on the tag: before init) wait; a
  // transcript's promise is given at once and settled with the command's own once it runs.
  const waiting: Array<[unknown, unknown[], ((result: unknown) => void)?]> = [];

  // The widget starts in a task of its own: the one that runs this script also lays the page out.
  // A tag that runs while the page is still being parsed (in <head> without defer, async) waits
  // for the whole document first. Until then, an init (the snippet's queued one, say, beside a tag
  // with data-api-url but no data-client-key) completes the options rather than being turned away.
  function start(options: Partial<ParleyOptions> = {}) {
    if (pending) return void Object.assign(pending, options);
    pending = { ...options };
    whenParsed(win.document, () =>
      nextTask(win, () => {
        const given = pending;
        pending = null;
        try {
          const nonce = script?.nonce ? { nonce: script.nonce } : {};
          api = create({ ...fromTag.options, ...given, ...nonce } as ParleyOptions);
        } catch (error) {
          refused = true;
          if (error instanceof ParleyConfigError) for (const problem of error.problems) log.error(`${PREFIX} ${problem}`);
          else log.error(`${PREFIX} The widget could not start:`, error);
          return;
        }
        for (const [command, args, settle] of waiting.splice(0)) {
          const result = Parley(command, ...args);
          settle?.(result);
        }
      }),
    );
  }

  function Parley(command: unknown, ...args: unknown[]): unknown {
    if (command === 'init') {
      if (api || shutDown) log.warn(`${PREFIX} Parley("init") ignored: the widget is already started.`);
      else if (checkCall(command, args, log)) start(args[0] as ParleyOptions);
      return undefined;
    }
    if (!api) {
      if (shutDown) return undefined;
      // A bad call is reported now, not when (or if) the widget starts.
      if (!checkCall(command, args, log)) return undefined;
      if (refused && !pending) log.warn(`${PREFIX} Parley("${command as string}") waits for a Parley("init") that succeeds.`);
      const call: [unknown, unknown[], ((result: unknown) => void)?] = [command, args];
      waiting.push(call);
      if (command === 'transcript') return new Promise((resolve) => (call[2] = resolve));
      // product.md: 'on' returns an unsubscribe function, also before the widget has started.
      if (command !== 'on') return undefined;
      return () => {
        if (waiting.includes(call)) waiting.splice(waiting.indexOf(call), 1);
        else if (api) runCommand(api, 'off', args, log);
      };
    }
    const result = runCommand(api, command, args, log);
    if (command === 'shutdown') {
      api = null;
      shutDown = true;
    }
    return result;
  }
  (Parley as ParleyGlobal).version = VERSION;
  win.Parley = Parley as ParleyGlobal;

  for (const problem of fromTag.errors) log.error(`${PREFIX} ${problem}`);
  const tagStarts = fromTag.options.clientKey !== undefined || fromTag.options.apiUrl !== undefined;
  if (tagStarts) start();
  for (const call of queue) {
    try {
      Parley(...(Array.from(call) as [unknown, ...unknown[]]));
    } catch (error) {
      log.error(`${PREFIX} a queued command failed:`, error);
    }
  }
  // A tag without data-client-key waits for Parley("init"). When none has come by the page's load,
  // the likeliest cause is a plugin that combines, defers or delays scripts and dropped the tag's
  // attributes: without a word, the site owner would only see no launcher. A tag that starts the
  // widget itself asks for no idle work.
  if (!tagStarts) {
    whenIdle(win, () => {
      if (!api && !pending && !refused && !shutDown) {
        log.warn(
          `${PREFIX} waiting: the tag has no data-client-key, and no Parley("init", …) came by the page's load. If the tag had data-* attributes, a plugin that combines, defers or delays scripts dropped them: exclude parley.js from it.`,
        );
      }
    });
  }
}
