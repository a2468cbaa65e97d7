// What the loader does with the host page beyond its root: the page's own openers
// ([data-parley-open]), pages that replace their body, the target of inline mode, Save-Data.

import { hasStoredWork } from '../core/conversation-store';
import type { ResolvedConfig } from '../core/options';
import type { WidgetRoot } from './root';

const INTENTS = ['pointerover', 'focusin', 'touchstart'];

/**
 * Any element of the host page with data-parley-open opens the panel (product.md); pointing at
 * one, focusing or touching it is intent. Returns the function that stops listening.
 */
export function watchOpeners(doc: Document, on: { open(): void; intent(): void }): () => void {
  const opener = (event: Event) => {
    const target = event.target as Element | null;
    return target && typeof target.closest === 'function' ? target.closest('[data-parley-open]') : null;
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

/** The customer's browser asks for less data (Save-Data): nothing is loaded before they ask. */
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

export const saveData = (win: Window) => (win.navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;

/**
 * Pages that replace <body> on navigation (Turbo Drive, pjax, some SPA routers) take the root away
 * with the old body. The root, with its shadow tree, session and state, is put back at the end of
 * the new one (inline mode: into the new page's target, once it has one), so a conversation goes
 * on across visits. Only <html>'s own children are watched: one callback per body swap.
 */
export function followBodySwaps(doc: Document, config: ResolvedConfig, root: WidgetRoot): MutationObserver | undefined {
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

export function findTarget(doc: Document, target: string | Element | null): Element | null {
  if (!target) return null;
  if (typeof target !== 'string') return target;
  try {
    return doc.querySelector(target);
  } catch {
    return null; // not a valid selector: reported as "no element matches"
  }
}
