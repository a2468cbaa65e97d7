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
  return (
    <App
      config={options.config}
      strings={view.strings}
      locale={view.locale}
      dir={view.dir}
      state={state}
      actions={options.session.actions}
      open={options.config.mode === 'inline' || view.open}
      onOpenChange={options.onOpenChange}
      online={online}
    />
  );
}

export function mountWidget(options: MountOptions, initial: View) {
  const host = options.doc.createElement('div');
  host.id = ROOT_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  const styles = applyStyles(shadow, options.config, { nonce: options.config.nonce, doc: options.doc });
  options.container.appendChild(host);
  const draw = (view: View) => render(<Root options={options} view={view} />, shadow);
  draw(initial);
  return {
    host,
    update: draw,
    destroy() {
      render(null, shadow);
      styles.remove();
      host.remove();
    },
  };
}
