// What the loader draws in the root, in plain DOM: the wrapper every part of the widget inherits
// from (theme, direction, language), the launcher with its unread badge, the notice shown where
// the panel would be when the conversation code could not be loaded, and the slot the panel is
// drawn into once it is.

import type { ResolvedConfig } from '../core/options';
import type { LauncherStrings } from '../i18n/en';
import { plural } from '../i18n/plural';

export interface FrameView {
  open: boolean;
  /** The conversation code is on its way after a click: the launcher says so. */
  busy: boolean;
  /** The conversation code could not be loaded, and the customer asked for the panel. */
  failed: boolean;
  unread: number;
  locale: string;
  dir: 'ltr' | 'rtl';
  strings: LauncherStrings;
}

export interface FrameHandlers {
  /** The launcher was clicked (or pressed with Enter or Space). */
  onToggle(): void;
  /** Escape inside the widget, not taken by what had focus: the handler prevents its default if it acts. */
  onEscape(event: KeyboardEvent): void;
  /** The customer is about to use the launcher: pointer over it, focus, a touch. */
  onIntent(): void;
  onRetry(): void;
}

export interface Frame {
  element: HTMLElement;
  /** Where the panel is drawn. */
  slot: HTMLElement;
  /** None in inline mode, or when the site brings its own button (data-launcher="false"). */
  launcher: HTMLButtonElement | null;
  update(view: FrameView): void;
}

const SVG = 'http://www.w3.org/2000/svg';
export const PANEL_ID = 'parley-panel';
const UNREAD_ID = 'parley-unread';
// The icons of widget/ui/icons.tsx: a speech bubble, and a chevron while the panel is open.
const CHAT_ICON = 'M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z';
const CLOSE_ICON = 'M6 9l6 6 6-6';

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, parent: Node): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  parent.appendChild(node);
  return node;
}

export function createFrame(doc: Document, config: ResolvedConfig, handlers: FrameHandlers): Frame {
  const inline = config.mode === 'inline';
  const frame = doc.createElement('div');
  frame.className = `parley ${config.theme} ${inline ? 'inline' : 'floating'}`;
  frame.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) handlers.onEscape(event);
  });

  let launcher: HTMLButtonElement | null = null;
  let path: SVGPathElement | null = null;
  let badge: HTMLSpanElement | null = null;
  let description: HTMLSpanElement | null = null;
  if (!inline && config.launcher) {
    launcher = element(doc, 'button', 'launcher', frame);
    launcher.type = 'button';
    launcher.setAttribute('aria-controls', PANEL_ID);
    launcher.addEventListener('click', handlers.onToggle);
    for (const intent of ['pointerenter', 'focus', 'touchstart']) launcher.addEventListener(intent, handlers.onIntent, { passive: true });
    // Decorative: the button carries the name.
    const icon = launcher.appendChild(doc.createElementNS(SVG, 'svg'));
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('aria-hidden', 'true');
    path = icon.appendChild(doc.createElementNS(SVG, 'path'));
    badge = doc.createElement('span');
    badge.className = 'badge';
    badge.setAttribute('aria-hidden', 'true');
    // Its name is fixed by product.md, so the unread count is its description.
    description = doc.createElement('span');
    description.className = 'sr';
    description.id = UNREAD_ID;
  }

  const failed = element(doc, 'div', 'failed', frame);
  failed.setAttribute('role', 'alert');
  const failedText = element(doc, 'p', '', failed);
  const retry = element(doc, 'button', '', failed);
  retry.type = 'button';
  retry.addEventListener('click', handlers.onRetry);

  const slot = element(doc, 'div', 'slot', frame);

  return {
    element: frame,
    slot,
    launcher,
    update(view) {
      frame.dir = view.dir;
      frame.lang = view.locale;
      const { strings } = view;
      failed.hidden = !view.failed;
      // Written only while shown: a live region announces what is put in it.
      failedText.textContent = view.failed ? strings.loadFailed : '';
      retry.textContent = strings.loadRetry;
      if (!launcher) return;
      launcher.setAttribute('aria-label', view.open ? strings.closeChat : strings.openChat);
      launcher.setAttribute('aria-expanded', String(view.open));
      if (view.busy) launcher.setAttribute('aria-busy', 'true');
      else launcher.removeAttribute('aria-busy');
      path!.setAttribute('d', view.open ? CLOSE_ICON : CHAT_ICON);
      const showBadge = view.unread > 0 && !view.open;
      badge!.textContent = view.unread > 99 ? '99+' : String(view.unread);
      // In the tree only while shown (after the launcher: the slot and notice come later). Written
      // only then too: the first plural of a page costs Intl's plural and number data, about 25 ms.
      if (showBadge) {
        description!.textContent = plural(view.locale, strings.unread, view.unread);
        launcher.appendChild(badge!);
        launcher.after(description!);
        launcher.setAttribute('aria-describedby', UNREAD_ID);
      } else {
        badge!.parentNode?.removeChild(badge!);
        description!.parentNode?.removeChild(description!);
        launcher.removeAttribute('aria-describedby');
      }
    },
  };
}
