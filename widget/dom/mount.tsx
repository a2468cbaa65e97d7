// Puts the widget on the page: exactly one element, <div id="parley-root">, with an open shadow
// root holding everything else, and the Preact skin rendered from the session's state.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Connectivity } from '../core/poller';
import type { ResolvedConfig } from '../core/options';
import type { SessionActions, SessionState } from '../core/state';
import type { Strings } from '../i18n';
import { App } from '../ui/app';
import { applyStyles } from '../ui/styles';
import { anchorToViewport } from './viewport-anchor';

export const ROOT_ID = 'parley-root';

export interface View {
  open: boolean;
  locale: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

/** What the skin reads of the session, and calls. */
export interface SessionSource {
  subscribe(listener: () => void): () => unknown;
  getState(): SessionState;
  /** None before the session exists: the panel's contents, which call them, are not drawn then. */
  actions?: SessionActions;
}

export interface MountOptions {
  root: WidgetRoot;
  config: ResolvedConfig;
  session: SessionSource;
  connectivity: Connectivity;
  onOpenChange(open: boolean): void;
  /** "Save a copy" in the open conversation. */
  onSaveCopy?(): void;
}

function useExternal<T>(subscribe: (callback: () => void) => () => void, read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    setValue(read);
    return subscribe(() => setValue(read));
  }, [subscribe]);
  return value;
}

function Root({ options, view }: { options: MountOptions; view: View }) {
  const state = useExternal(options.session.subscribe, options.session.getState);
  const online = useExternal(options.connectivity.subscribe, options.connectivity.isOnline);
  // The view's fields are App's props of the same names; App keeps an inline panel open itself.
  return (
    <App {...view} config={options.config} state={state} actions={options.session.actions} onOpenChange={options.onOpenChange} online={online}
      onSaveCopy={options.onSaveCopy} />
  );
}

/**
 * Claims the page's one element, `<div id="parley-root">` at the end of `container`, with its open
 * shadow root already styled: the widget's reset applies before anything is drawn in it. A
 * floating root is held on the viewport whatever the page does to html and body.
 */
export function createRoot(doc: Document, container: Element, config: ResolvedConfig) {
  const host = doc.createElement('div');
  host.id = ROOT_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  const styles = applyStyles(shadow, config, { nonce: config.nonce, doc });
  container.appendChild(host);
  // Inline, the root is in the page's flow on purpose.
  const anchor = config.mode === 'inline' ? null : anchorToViewport(host, styles.setShift);
  return {
    shadow,
    styles,
    /** Whether the root is still in the document (a page that replaced its body took it away). */
    isAttached: () => host.isConnected,
    /**
     * Puts the same root, with its shadow tree and everything drawn in it, at the end of another
     * container (the new <body> of a page that replaced its body: Turbo Drive, pjax), and back on
     * the viewport (a root in the top layer left it with the document). Stand-ins with the root's
     * id that the page brought along (a snapshot cloned while the root was in it) are removed first.
     */
    attach(next: Element) {
      for (const stray of Array.from(next.querySelectorAll(`#${ROOT_ID}`))) if (stray !== host) stray.parentNode?.removeChild(stray);
      next.appendChild(host);
      anchor?.check();
    },
    /** Measures where the floating root is, and puts it back on the viewport if the page moved it. */
    checkPosition: () => anchor?.check(),
    remove() {
      anchor?.stop();
      styles.remove();
      // Not host.remove(): Prototype.js replaces it with one that throws for a detached element.
      host.parentNode?.removeChild(host);
    },
  };
}
export type WidgetRoot = ReturnType<typeof createRoot>;

/** Draws the widget in its root, from the session's state, and redraws it for every new view. */
export function mountWidget(options: MountOptions, initial: View) {
  const { shadow, styles } = options.root;
  const viewport = followViewport(shadow.ownerDocument.defaultView, styles.setViewport);
  let current = initial;
  const draw = (view: View) => {
    current = view;
    // Before the panel is drawn open: a page may have moved the viewport since the last measure.
    if (view.open) options.root.checkPosition();
    render(<Root options={options} view={view} />, shadow);
    viewport.active(view.open && options.config.mode !== 'inline');
  };
  draw(initial);
  return {
    update: draw,
    /** Draws from another session from now on (the real one, after a stand-in). */
    connect(session: SessionSource) {
      if (session === options.session) return;
      options = { ...options, session };
      draw(current);
    },
    destroy() {
      viewport.active(false);
      render(null, shadow);
    },
  };
}

/**
 * While the panel is open, tells the styles the visual viewport's size and offset: on phones the
 * on-screen keyboard shrinks the visual viewport only (not 100dvh), and the full-screen panel must
 * shrink with it or the composer hides behind the keyboard.
 */
function followViewport(win: Window | null, setViewport: (viewport: { height: number; top: number } | null) => void) {
  const visual = win?.visualViewport;
  const measure = () => visual && setViewport({ height: visual.height, top: visual.offsetTop });
  let following = false;
  return {
    active(on: boolean) {
      if (!visual || on === following) return;
      following = on;
      if (on) {
        visual.addEventListener('resize', measure);
        visual.addEventListener('scroll', measure);
        measure();
      } else {
        visual.removeEventListener('resize', measure);
        visual.removeEventListener('scroll', measure);
        setViewport(null);
      }
    },
  };
}
