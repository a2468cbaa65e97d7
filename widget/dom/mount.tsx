// Draws the panel in the loader's root (widget/loader/root.ts), from the session's state, and
// redraws it for every new view.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { View } from '../contract';
import type { ResolvedConfig } from '../core/options';
import type { SessionForUi } from '../core/session/interfaces';
import type { Connectivity } from '../core/world';
import type { WidgetRoot } from '../loader/root';
import { App } from '../ui/app';

export interface MountOptions {
  root: WidgetRoot;
  config: ResolvedConfig;
  /** What the skin reads of the session, and calls. */
  session: SessionForUi;
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
    <App
      {...view}
      config={options.config}
      state={state}
      actions={options.session.actions}
      onOpenChange={options.onOpenChange}
      online={online}
      onSaveCopy={options.onSaveCopy}
      launcher={options.root.frame.launcher}
    />
  );
}

export function mountPanel(options: MountOptions, initial: View) {
  const { root } = options;
  const viewport = followViewport(root.shadow.ownerDocument.defaultView, root.styles.setViewport);
  const draw = (view: View) => {
    // Before the panel is drawn open: a page may have moved the viewport since the last measure.
    if (view.open) root.checkPosition();
    render(<Root options={options} view={view} />, root.frame.slot);
    viewport.active(view.open && options.config.mode !== 'inline');
  };
  draw(initial);
  return {
    update: draw,
    destroy() {
      viewport.active(false);
      render(null, root.frame.slot);
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
