// Puts the widget on the page: exactly one element, <div id="parley-root">, with an open shadow
// root holding everything else, styled before anything is drawn in it, and the loader's frame
// (frame.ts) in it. A floating root is held on the viewport whatever the page does to html and body.

import type { ResolvedConfig } from '../core/options';
import { anchorToViewport } from '../dom/viewport-anchor';
import { createFrame, type Frame, type FrameHandlers } from './frame';
import { type AppliedStyles, applyStyles } from './styles';

export const ROOT_ID = 'parley-root';

export interface WidgetRoot {
  shadow: ShadowRoot;
  styles: AppliedStyles;
  frame: Frame;
  /** Whether the root is still in the document (a page that replaced its body took it away). */
  isAttached(): boolean;
  /**
   * Puts the same root, with its shadow tree and everything drawn in it, at the end of another
   * container (the new <body> of a page that replaced its body: Turbo Drive, pjax), and back on
   * the viewport (a root in the top layer left it with the document). Stand-ins with the root's
   * id that the page brought along (a snapshot cloned while the root was in it) are removed first.
   */
  attach(container: Element): void;
  /** Measures where the floating root is, and puts it back on the viewport if the page moved it. */
  checkPosition(): void;
  remove(): void;
}

export function createRoot(doc: Document, container: Element, config: ResolvedConfig, handlers: FrameHandlers): WidgetRoot {
  const host = doc.createElement('div');
  host.id = ROOT_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  const styles = applyStyles(shadow, config, { nonce: config.nonce, doc });
  const frame = createFrame(doc, config, handlers);
  shadow.appendChild(frame.element);
  container.appendChild(host);
  // Inline, the root is in the page's flow on purpose.
  const anchor = config.mode === 'inline' ? null : anchorToViewport(host, styles);
  return {
    shadow,
    styles,
    frame,
    isAttached: () => host.isConnected,
    attach(next) {
      for (const stray of Array.from(next.querySelectorAll(`#${ROOT_ID}`))) if (stray !== host) stray.parentNode?.removeChild(stray);
      next.appendChild(host);
      anchor?.check();
    },
    checkPosition: () => anchor?.check(),
    remove() {
      anchor?.stop();
      styles.remove();
      // Not host.remove(): Prototype.js replaces it with one that throws for a detached element.
      host.parentNode?.removeChild(host);
    },
  };
}
