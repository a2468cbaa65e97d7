// What the loader does with the host page beyond its root: the page's own openers
// ([data-parley-open]), pages that replace their body, the target of inline mode, Save-Data.

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
