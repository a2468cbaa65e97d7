// The agent console's layout and the state shared by its parts: the conversation list, the
// selected conversation (kept in the URL hash, so a reload keeps it), who the agent is.

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsoleApi, ConsoleConfig } from './api';
import { ConversationList, type ListFilter } from './conversation-list';
import { ConversationView } from './conversation-view';
import { EmulatorPanel } from './emulator-panel';
import { usePoll } from './use-poll';
import { useStoredState } from './use-stored-state';

const LIST_REFRESH_MS = 2000;

function selectedFromHash(): string | null {
  const match = /^#c=(.+)$/.exec(location.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function App({ api, config }: { api: ConsoleApi; config: ConsoleConfig }) {
  const conversations = usePoll(() => api.listConversations(), LIST_REFRESH_MS, 'list');
  const [selectedId, setSelectedId] = useState<string | null>(selectedFromHash);
  const [filter, setFilter] = useState<ListFilter>('all');
  const [agentEmail, setAgentEmail] = useStoredState('parley-console-agent', config.agentEmail);
  const [agentEmails, setAgentEmails] = useStoredState<string[]>('parley-console-agents', [config.agentEmail]);
  const [lastSeen, setLastSeen] = useStoredState<Record<string, string>>('parley-console-seen', {});
  const [panelOpen, setPanelOpen] = useState(false);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!panelOpen) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setPanelOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panelOpen]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    const onHash = () => setSelectedId(selectedFromHash());
    window.addEventListener('hashchange', onHash);
    return () => {
      clearInterval(timer);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const sorted = useMemo(() => [...(conversations.data ?? [])].sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at)), [conversations.data]);
  const selected = sorted.find((conversation) => conversation.id === selectedId) ?? null;

  // Opening a conversation marks it read, and keeps it read while it is on screen.
  useEffect(() => {
    if (selected && lastSeen[selected.id] !== selected.updated_at) {
      setLastSeen({ ...lastSeen, [selected.id]: selected.updated_at });
    }
  }, [selected?.id, selected?.updated_at]);

  const select = (id: string | null) => {
    history.replaceState(null, '', id ? `#c=${encodeURIComponent(id)}` : location.pathname);
    setSelectedId(id);
  };

  const rememberAgent = (email: string) => {
    setAgentEmail(email);
    const normalized = email.trim().toLowerCase();
    if (normalized && !agentEmails.includes(normalized)) setAgentEmails([...agentEmails, normalized]);
  };

  const siteUrl = location.origin;
  return (
    <div class={`console${selected ? ' has-selection' : ''}${panelOpen ? ' panel-open' : ''}`}>
      <header class="topbar">
        <div class="topbar-brand">
          <svg class="topbar-logo" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="9" fill="currentColor" />
            <path d="M9 10h14v9h-8l-5 4v-4H9z" fill="#fff" />
          </svg>
          <span class="topbar-title">
            Parley <span>Agent console</span>
          </span>
        </div>
        <p class="topbar-warning" role="note">
          <strong>Local demo.</strong>{' '}
          <span class="label-long">
            This page holds a server key ({config.serverKey.slice(0, 7)}…) to talk to the local emulator. A real server key stays on your backend, never in a
            web page.
          </span>
          <span class="label-short">It holds a server key; a real one never goes in a web page.</span>
        </p>
        <div class="topbar-actions">
          <a class="button button-quiet" href={`${siteUrl}/`} target="_blank" rel="noopener">
            <span class="label-long">Open the shop ↗</span>
            <span class="label-short">Shop ↗</span>
          </a>
          <button class="button button-quiet panel-toggle" type="button" aria-expanded={panelOpen} onClick={() => setPanelOpen(!panelOpen)}>
            <span class="label-long">Emulator controls</span>
            <span class="label-short">Controls</span>
          </button>
        </div>
      </header>
      <ConversationList
        conversations={sorted}
        error={conversations.error}
        loaded={conversations.loadedAt !== null}
        selectedId={selected?.id ?? null}
        onSelect={select}
        filter={filter}
        onFilter={setFilter}
        lastSeen={lastSeen}
        now={now}
        siteUrl={siteUrl}
      />
      <main class="detail">
        {selected ? (
          <ConversationView
            key={selected.id}
            api={api}
            conversation={selected}
            agentEmail={agentEmail}
            agentEmails={new Set(agentEmails)}
            onAgentEmail={rememberAgent}
            onChanged={conversations.refresh}
            onBack={() => select(null)}
          />
        ) : (
          <div class="detail-empty">
            <h2>{sorted.length ? 'Pick a conversation' : 'Waiting for the first conversation'}</h2>
            <p>
              {sorted.length
                ? 'Its messages, the page it started on and the metadata the widget sent will show here.'
                : 'Open the shop, click the chat button and write something: it appears on the left within two seconds.'}
            </p>
          </div>
        )}
      </main>
      <EmulatorPanel api={api} siteUrl={siteUrl} onClose={() => setPanelOpen(false)} />
    </div>
  );
}
