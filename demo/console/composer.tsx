// The agent's composer: a reply the customer sees in the widget, or an internal note they never do.
// A failed send keeps the text, like the widget does for its customers.

import { useState } from 'preact/hooks';

interface Props {
  ended: boolean;
  agentEmail: string;
  onAgentEmail(email: string): void;
  onSend(body: string, kind: 'reply' | 'note'): Promise<void>;
}

export function Composer(props: Props) {
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canSend = text.trim() !== '' && props.agentEmail.trim() !== '' && !sending;

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      await props.onSend(text.trim(), kind);
      setText('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
  };

  return (
    <form class={`composer composer-${kind}`} onSubmit={submit}>
      <div class="composer-tabs" role="radiogroup" aria-label="Message type">
        <button type="button" role="radio" aria-checked={kind === 'reply'} onClick={() => setKind('reply')}>
          Reply to customer
        </button>
        <button type="button" role="radio" aria-checked={kind === 'note'} onClick={() => setKind('note')}>
          Internal note
        </button>
      </div>
      {props.ended && kind === 'reply' && (
        <p class="composer-hint">This conversation has ended: the API refuses new messages unless the “ended conversations accept messages” switch is on.</p>
      )}
      <label class="sr-only" for="composer-text">
        {kind === 'reply' ? 'Reply' : 'Internal note'}
      </label>
      <textarea
        id="composer-text"
        rows={3}
        value={text}
        placeholder={kind === 'reply' ? 'Write a reply; it appears in the customer’s widget…' : 'Write a note for your team; the customer never sees it…'}
        onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p class="composer-error" role="alert">
          Not sent: {error}
        </p>
      )}
      <div class="composer-foot">
        <label class="composer-as">
          As
          <input
            type="email"
            value={props.agentEmail}
            aria-label="Agent email (the sender of replies and notes)"
            onChange={(event) => props.onAgentEmail((event.target as HTMLInputElement).value)}
          />
        </label>
        <span class="composer-shortcut">Ctrl+Enter</span>
        <button type="submit" class="button button-primary" disabled={!canSend}>
          {sending ? 'Sending…' : kind === 'reply' ? 'Send reply' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
