// The script-tag entry, and the only module with side effects: reads the tag's data-* options,
// guards against a second load, starts the widget, replays the snippet's queue, and from then on
// runs `Parley(…)` calls at once. Nothing here throws into the host page.
//
// The snippet (product.md):
//   window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) };

import { PREFIX, type ParleyApi, runCommand } from './core/commands';
import { optionsFromDataset } from './core/config';
import type { ParleyOptions } from './core/options';
import { ParleyConfigError, VERSION, createParley } from './parley';

type QueuedCall = ArrayLike<unknown>;
interface ParleyGlobal {
  (command: string, ...args: unknown[]): unknown;
  q?: QueuedCall[];
  /** Set by a loaded bundle: a second copy sees it and stays out of the way. */
  version?: string;
}

(() => {
  const win = window as unknown as Window & { Parley?: ParleyGlobal };
  const log = console;
  const existing = win.Parley;
  if (existing && typeof existing.version === 'string') {
    log.warn(`${PREFIX} parley.js was loaded twice; the widget is already running (v${existing.version}), this copy does nothing.`);
    return;
  }
  const script = document.currentScript as HTMLScriptElement | null;
  const queue: QueuedCall[] = existing?.q ? Array.from(existing.q) : [];
  let api: ParleyApi | null = null;
  let shutDown = false;
  // Commands given before init (no data-client-key on the tag) wait for it.
  const waiting: Array<[unknown, unknown[]]> = [];

  function start(options: ParleyOptions) {
    try {
      api = createParley(options, { window: win });
    } catch (error) {
      if (error instanceof ParleyConfigError) for (const problem of error.problems) log.error(`${PREFIX} ${problem}`);
      else log.error(`${PREFIX} The widget could not start:`, error);
      return;
    }
    for (const [command, args] of waiting.splice(0)) runCommand(api, command, args, log);
  }

  function Parley(command: unknown, ...args: unknown[]): unknown {
    if (command === 'init') {
      if (api || shutDown) {
        log.warn(`${PREFIX} Parley("init") ignored: the widget is already started.`);
        return undefined;
      }
      const options = args[0];
      if (typeof options !== 'object' || options === null) {
        log.error(`${PREFIX} Parley("init") expects an options object, e.g. Parley("init", { clientKey, apiUrl }).`);
        return undefined;
      }
      start({ ...fromTag.options, ...(options as ParleyOptions), ...(script?.nonce ? { nonce: script.nonce } : {}) });
      return undefined;
    }
    if (!api) {
      if (shutDown) return undefined;
      waiting.push([command, args]);
      return undefined;
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

  const fromTag = optionsFromDataset(script ? { ...script.dataset } : {});
  for (const problem of fromTag.errors) log.error(`${PREFIX} ${problem}`);
  if (fromTag.options.clientKey !== undefined || fromTag.options.apiUrl !== undefined) {
    start({ ...(fromTag.options as ParleyOptions), ...(script?.nonce ? { nonce: script.nonce } : {}) });
  }
  for (const call of queue) {
    const [command, ...args] = Array.from(call);
    try {
      Parley(command, ...args);
    } catch (error) {
      log.error(`${PREFIX} a queued command failed:`, error);
    }
  }
})();
