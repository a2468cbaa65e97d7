// What the loader does with the host page beyond its root: the page's own openers
// ([data-parley-open]), pages that replace their body, the target of inline mode, Save-Data.

import { hasStoredWork } from '../core/conversation-store';
import type { ResolvedConfig } from '../core/options';
import type { WidgetRoot } from './root';

const INTENTS = ['pointerover', 'focusin', 'touchstart'];

/**
 * Any element of the host page with data-parley-open opens the panel (product.md); pointing at
 * one, focusing or touching it is intent. Returns the function that stops listening.
 *
 * A site built of web components has its buttons in shadow roots, and the document sees their
 * events as coming from the component that holds them: there the event's path is searched. Open
 * shadow roots only: the path hides what a closed one holds.
 */
export function watchOpeners(doc: Document, on: { open(): void; intent(): void }): () => void {
  const opener = (event: Event) => {
    const target = event.target as Element | null;
    if (target?.closest?.('[data-parley-open]')) return true;
    // Only for a shadow host is the path worth building (pointerover runs for every element entered).
    if (!target?.shadowRoot) return false;
    for (const node of event.composedPath()) if ((node as Element).hasAttribute?.('data-parley-open')) return true;
    return false;
  };
  const onClick = (event: Event) => {
    if (!opener(event)) return;
    event.preventDefault();
    on.open();
  };
  const onIntent = (event: Event) => opener(event) && on.intent();
  doc.addEventListener('click', onClick);
  for (const name of INTENTS) doc.addEventListener(name, onIntent, { passive: true });
  return () => {
    doc.removeEventListener('click', onClick);
    for (const name of INTENTS) doc.removeEventListener(name, onIntent);
  };
}

/**
 * Whether the page's storage holds the widget's conversation or replies (under `namespace`), or
 * with `prefix`, any key of Parley's. False when storage is blocked: the widget kept nothing there.
 */
export function holdsStored(win: Window, prefix: string | null, namespace: string): boolean {
  try {
    const store = win.localStorage;
    if (prefix === null) return hasStoredWork(store, namespace);
    for (let i = 0; i < store.length; i++) if (store.key(i)?.startsWith(prefix)) return true;
  } catch {
    // Blocked storage.
  }
  return false;
}

/** The customer's browser asks for less data (Save-Data): nothing is loaded before they ask. */
export const saveData = (win: Window) => (win.navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;

/**
 * Pages that replace their body on navigation take the root away with it: Turbo Drive and some
 * SPA routers put in a new <body>; htmx's hx-boost (htmx 2) and jQuery's `$('body').html(…)` keep
 * <body> and replace what it holds; a framework mounted on <body> (Vue's mount, React's createRoot)
 * empties it first. The root, with its shadow tree, session and state, is put back at the end of
 * the body (inline mode: into the page's target, once it has one), so a conversation goes on
 * across visits. Only the children of <html> and of the body in place are watched, not the page's
 * whole tree: one callback per swap. Returns the function that stops watching.
 *
 * At most once per task: a page script that removed every element it did not make as soon as it
 * appeared would otherwise trade removals and returns with the widget in one endless burst of
 * microtasks, and hang the page.
 */
export function followBodySwaps(doc: Document, config: ResolvedConfig, root: WidgetRoot): () => void {
  const win = doc.defaultView;
  const Observer = win?.MutationObserver;
  if (!Observer) return () => {};
  let returned = false;
  let stopped = false;
  const watchBody = () => doc.body && observer.observe(doc.body, { childList: true });
  const putBack = () => {
    if (stopped) return;
    watchBody();
    if (root.isAttached() || returned) return;
    const container = config.mode === 'inline' ? findTarget(doc, config.target) : doc.body;
    if (!container) return;
    root.attach(container);
    returned = true;
    win.setTimeout(() => {
      returned = false;
      putBack();
    });
  };
  const observer = new Observer(putBack);
  observer.observe(doc.documentElement, { childList: true });
  watchBody();
  return () => {
    stopped = true;
    observer.disconnect();
  };
}

export function findTarget(doc: Document, target: string | Element | null): Element | null {
  if (!target) return null;
  if (typeof target !== 'string') return target;
  try {
    return doc.querySelector(target);
  } catch {
    return null; // not a valid selector: reported as "no element matches"
  }
}
