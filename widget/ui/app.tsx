// The panel: renders the session's state with the site owner's config, calls the session's
// actions, and knows nothing of HTTP or storage. Drawn by widget/dom/mount.tsx in the loader's root,
// beside the loader's launcher (widget/loader/frame.ts), which also closes it on Escape.

import type { JSX } from 'preact';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { ResolvedConfig } from '../core/options';
import type { SessionActions, SessionState } from '../core/state';
import type { Strings } from '../i18n/en';
import { dateFormats } from './dates';
import { Panel } from './panel';

export interface AppProps {
  config: ResolvedConfig;
  strings: Strings;
  /** Resolved BCP 47 tag, for Intl formatting. */
  locale: string;
  dir: 'ltr' | 'rtl';
  state: SessionState;
  actions: SessionActions;
  /** Panel open (always true in inline mode). */
  open: boolean;
  onOpenChange(open: boolean): void;
  /** navigator.onLine-ish hint; an offline notice when false. */
  online: boolean;
  /** "Save a copy" of the conversation. */
  onSaveCopy?(): void;
  /** The loader's launcher, where focus goes back when the panel closes; none without one. */
  launcher: HTMLElement | null;
}

/** Whether the focused element (of the node's own document or shadow root) is inside it. */
function containsFocus(node: Node): boolean {
  return node.contains((node.getRootNode() as Document | ShadowRoot).activeElement);
}

// Focus never scrolls the page: the panel is fixed in the viewport, and where a page moved the
// viewport of fixed boxes (widget/dom/viewport-anchor.ts) a scroll would jump the page to its foot.
const NO_SCROLL = { preventScroll: true };

function focusInto(panel: HTMLElement) {
  const target = panel.querySelector<HTMLElement>('[data-autofocus]') ?? panel;
  target.focus(NO_SCROLL);
}

export function App(props: AppProps): JSX.Element {
  const { config, strings, locale, dir, state, open, onOpenChange } = props;
  const inline = config.mode === 'inline';
  const isOpen = inline || open;
  const formats = useMemo(() => dateFormats(locale), [locale]);
  const panelRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(isOpen);
  // Where focus was before the panel opened, for a page without our launcher (data-launcher=false).
  const returnFocusTo = useRef<HTMLElement | null>(null);
  // Whether focus was inside the panel when it closed; computed before the DOM hides it.
  const focusWasInside = useRef(false);
  // The form gives way to the conversation (or the conversation to "ended"): the focused element
  // disappears, and focus would fall to the page's body, out of reach of Escape. Follow it.
  const lastPhase = useRef(state.phase);
  const focusInsideBeforePhase = useRef(false);
  if (lastPhase.current !== state.phase && panelRef.current) {
    focusInsideBeforePhase.current = containsFocus(panelRef.current);
  }

  if (wasOpen.current !== isOpen) {
    const panel = panelRef.current;
    if (isOpen) {
      const doc = panel?.ownerDocument;
      const active = doc?.activeElement;
      returnFocusTo.current = active && active !== doc.body && 'focus' in active ? (active as HTMLElement) : null;
    } else {
      focusWasInside.current = Boolean(panel && containsFocus(panel));
    }
  }

  useLayoutEffect(() => {
    // Only on a change: the first render, even when open, never takes focus from the page.
    if (wasOpen.current === isOpen) return;
    wasOpen.current = isOpen;
    if (isOpen) {
      if (panelRef.current) focusInto(panelRef.current);
    } else if (focusWasInside.current) {
      focusWasInside.current = false;
      const target = props.launcher ?? returnFocusTo.current;
      if (target?.isConnected) target.focus(NO_SCROLL);
    }
  }, [isOpen]);

  useLayoutEffect(() => {
    if (lastPhase.current === state.phase) return;
    lastPhase.current = state.phase;
    const panel = panelRef.current;
    if (!panel || !isOpen || !focusInsideBeforePhase.current) return;
    focusInsideBeforePhase.current = false;
    if (!containsFocus(panel)) focusInto(panel);
  }, [state.phase]);

  return (
    <Panel
      config={config}
      strings={strings}
      formats={formats}
      dir={dir}
      state={state}
      actions={props.actions}
      open={isOpen}
      online={props.online}
      inline={inline}
      panelRef={panelRef}
      onClose={() => onOpenChange(false)}
      onSaveCopy={props.onSaveCopy}
    />
  );
}
