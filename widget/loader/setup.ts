// Whether a widget can start here, checked before anything is drawn: the options (every problem
// at once), the page's built-ins, the element it goes into, and that the page has no widget yet.

import { type Logger, PREFIX } from '../core/commands';
import { resolveConfig } from '../core/config';
import type { ParleyOptions, ResolvedConfig } from '../core/options';
import { missingBuiltins } from '../dom/required-builtins';
import { findTarget } from './host-page';
import { ROOT_ID } from './root';

/** Thrown by createParley when the options are unusable; `problems` lists each one. */
export class ParleyConfigError extends Error {
  override readonly name = 'ParleyConfigError';
  constructor(readonly problems: string[]) {
    super(`${PREFIX} The widget did not start:\n- ${problems.join('\n- ')}`);
  }
}

/** Documents with a widget, from its first task on: the root element itself comes a task later. */
const claimed = new WeakSet<Document>();

/** The checked configuration and the element the root goes into; throws ParleyConfigError. Claims the document. */
export function checkSetup(options: ParleyOptions, env: { window: Window; fetch?: typeof fetch }, log: Logger): { config: ResolvedConfig; container: Element } {
  const doc = env.window.document;
  const resolved = resolveConfig(options);
  if (!resolved.ok) throw new ParleyConfigError(resolved.errors);
  for (const warning of resolved.warnings) log.warn(`${PREFIX} ${warning}`);
  const config = resolved.config;
  const missing = missingBuiltins(env.window, { fetch: env.fetch });
  if (missing.length) throw new ParleyConfigError(missing);
  const inline = config.mode === 'inline';
  const container = inline ? findTarget(doc, config.target) : doc.body;
  if (!container) {
    throw new ParleyConfigError([
      inline
        ? `inline mode: no element matches target ${JSON.stringify(config.target)}.`
        : 'the page has no <body> yet: call createParley once the document is parsed (DOMContentLoaded).',
    ]);
  }
  if (doc.getElementById(ROOT_ID) || claimed.has(doc)) throw new ParleyConfigError(['a Parley widget is already mounted on this page.']);
  claimed.add(doc);
  return { config, container };
}

/** The widget of this document was shut down: another may start. */
export const release = (doc: Document) => claimed.delete(doc);
