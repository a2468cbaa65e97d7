// renderWidget(): the panel as the widget draws it: the loader's root (<div id="parley-root"> at the
// end of body with an open shadow root, styled, with its launcher) and the App in its slot, then
// queries bound to that shadow root.

import { act, configure, fireEvent, prettyDOM, within } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, type Mock, vi } from 'vitest';
import { resolveConfig } from '../../widget/core/config';
import type { ResolvedConfig } from '../../widget/core/options';
import { type ChatMessage, initialState, type SessionActions, type SessionState } from '../../widget/core/state';
import { getStrings, textDirection } from '../../widget/i18n';
import { createRoot } from '../../widget/loader/root';
import { App, type AppProps } from '../../widget/ui/app';
import { applyPanelStyles } from '../../widget/ui/styles';

export type ActionSpies = { [K in keyof SessionActions]: Mock<SessionActions[K]> };

/** The product's defaults, as the entry resolves them (pinned in test/core/config.test.ts). */
export const defaultConfig: ResolvedConfig = (() => {
  const resolved = resolveConfig({ clientKey: 'bnc_cl_test', apiUrl: 'https://helpdesk.example.com' });
  if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
  return resolved.config;
})();

export function sessionState(partial: Partial<SessionState> = {}): SessionState {
  return { ...initialState(), ...partial };
}

let messageCount = 0;
export function chatMessage(partial: Partial<ChatMessage> = {}): ChatMessage {
  messageCount += 1;
  return {
    key: `m${messageCount}`,
    id: `msg_${messageCount}`,
    author: 'team',
    body: `Message ${messageCount}`,
    createdAt: '2025-03-14T10:00:00',
    delivery: 'sent',
    ...partial,
  };
}

/** An active conversation with these messages. */
export function activeState(messages: ChatMessage[], partial: Partial<SessionState> = {}): SessionState {
  return sessionState({
    phase: 'active',
    conversation: {
      id: 'conv_1',
      number: 1,
      subject: 'Order #42',
      status: 'open',
      priority: 'normal',
      channel: 'web',
      metadata: {},
      requester: { email: 'jane@example.com', firstName: 'Jane', lastName: null },
      createdAt: '2025-03-14T10:00:00',
      updatedAt: '2025-03-14T10:00:00',
    },
    messages,
    ...partial,
  });
}

export interface RenderWidgetOptions extends Partial<Omit<AppProps, 'config' | 'actions' | 'launcher'>> {
  config?: Partial<ResolvedConfig>;
}

// Testing Library prints the DOM on a failed query, and cannot print a ShadowRoot.
configure({
  getElementError(message, container) {
    const markup = container instanceof ShadowRoot ? container.innerHTML : prettyDOM(container);
    const error = new Error([message, markup].filter(Boolean).join('\n\n'));
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

const mounted = new Set<() => void>();
afterEach(() => {
  for (const cleanup of mounted) cleanup();
  mounted.clear();
});

export function renderWidget(options: RenderWidgetOptions = {}) {
  const actions: ActionSpies = {
    startConversation: vi.fn(async () => {}),
    sendReply: vi.fn(),
    retry: vi.fn(),
    setDraft: vi.fn(),
    setFormDraft: vi.fn(),
    startNew: vi.fn(),
    resume: vi.fn(async () => {}),
    provideEmail: vi.fn(),
    dismissNotice: vi.fn(),
  };

  const locale = options.locale ?? 'en';
  let props: Omit<AppProps, 'launcher'>;
  // Controlled like the entry does it: the panel follows onOpenChange.
  const onOpenChange = vi.fn((open: boolean) => rerender({ open }));
  const { config: configPatch, ...rest } = options;
  const config = { ...defaultConfig, ...configPatch };
  props = {
    config,
    strings: getStrings(locale),
    locale,
    dir: textDirection(locale),
    state: sessionState(),
    actions,
    open: false,
    onOpenChange,
    online: true,
    ...rest,
  };

  // The loader's part, as widget/loader/create-parley.ts wires it: its launcher and Escape ask
  // onOpenChange, and the unread badge follows the state.
  const root = createRoot(document, document.body, config, {
    onToggle: () => props.onOpenChange(!props.open),
    onEscape(event) {
      if (!props.open || props.config.mode === 'inline') return;
      event.preventDefault();
      props.onOpenChange(false);
    },
    onIntent: () => {},
    onRetry: () => {},
  });
  const { shadow: shadowRoot } = root;
  const host = document.getElementById('parley-root')!;
  const styles = applyPanelStyles(shadowRoot, { nonce: null, doc: document });
  const draw = () =>
    act(() => {
      const { open, locale: shown, dir, strings, state } = props;
      root.frame.update({ open, busy: false, failed: false, unread: state.unreadCount, locale: shown, dir, strings });
      render(<App {...props} launcher={root.frame.launcher} />, root.frame.slot);
    });
  function rerender(patch: RenderWidgetOptions = {}) {
    const { config: nextConfig, ...nextRest } = patch;
    props = { ...props, ...nextRest, ...(nextConfig ? { config: { ...props.config, ...nextConfig } } : {}) };
    draw();
  }
  draw();

  const cleanup = () => {
    act(() => render(null, root.frame.slot));
    styles.remove();
    root.remove();
  };
  mounted.add(cleanup);

  return {
    ...within(shadowRoot as unknown as HTMLElement),
    host,
    shadowRoot,
    actions,
    onOpenChange,
    rerender,
    cleanup,
    get props() {
      return props;
    },
    /** The element focused inside the widget, if any. */
    activeElement: () => shadowRoot.activeElement,
  };
}

/** The accessible description: the texts aria-describedby points at, within the shadow root. */
export function descriptionOf(element: Element): string {
  const root = element.getRootNode() as ShadowRoot | Document;
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? root.getElementById(id)?.textContent?.trim() : ''))
    .filter(Boolean)
    .join(' ');
}

/** Types into a field as the browser reports it: the new value, then an input event. */
export function typeInto(field: HTMLElement, value: string) {
  act(() => {
    fireEvent.input(field, { target: { value } });
  });
}
