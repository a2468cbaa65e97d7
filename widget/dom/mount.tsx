// Puts the widget on the page: exactly one element, <div id="parley-root">, with an open shadow
// root holding everything else, and the Preact skin rendered from the session's state.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Connectivity } from '../core/poller';
import type { ResolvedConfig } from '../core/options';
import type { Session } from '../core/session';
import type { Strings } from '../i18n';
import { App } from '../ui/app';
import { applyStyles } from '../ui/styles';

export const ROOT_ID = 'parley-root';

export interface View {
  open: boolean;
  locale: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

export interface MountOptions {
  doc: Document;
  config: ResolvedConfig;
  session: Session;
  connectivity: Connectivity;
  /** Where the root goes: body, or the inline-mode target. */
  container: Element;
  onOpenChange(open: boolean): void;
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
    <App {...view} config={options.config} state={state} actions={options.session.actions} onOpenChange={options.onOpenChange} online={online} />
  );
}

export function mountWidget(options: MountOptions, initial: View) {
  const host = options.doc.createElement('div');
  host.id = ROOT_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  const styles = applyStyles(shadow, options.config, { nonce: options.config.nonce, doc: options.doc });
  options.container.appendChild(host);
  const viewport = followViewport(options.doc.defaultView, styles.setViewport);
  const draw = (view: View) => {
    render(<Root options={options} view={view} />, shadow);
    viewport.active(view.open && options.config.mode !== 'inline');
  };
  draw(initial);
  return {
    host,
    update: draw,
    destroy() {
      viewport.active(false);
      render(null, shadow);
      styles.remove();
      host.remove();
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
