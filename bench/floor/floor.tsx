// The floor: the least a chat launcher can be with the same stack as Parley (Preact, hooks, ofetch)
// and the same page contract (one script tag, a shadow root, a round button, a panel with one
// form, a poll once a conversation exists). Parley is measured against it: whatever Parley costs
// above this is Parley's own.

import { ofetch } from 'ofetch';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const CSS = `
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#4f46e5;color:#fff;font:600 24px system-ui;cursor:pointer}
.panel{position:fixed;right:20px;bottom:88px;width:340px;padding:16px;border-radius:16px;background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.2);font:15px system-ui}
form{display:grid;gap:8px}`;

interface Message {
  id: string;
  body: string;
}

const script = document.currentScript as HTMLScriptElement | null;
const api = ofetch.create({
  baseURL: script?.dataset.apiUrl ?? '',
  headers: { Authorization: `Bearer ${script?.dataset.clientKey ?? ''}` },
});

function Floor() {
  const [open, setOpen] = useState(false);
  const [conversation, setConversation] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);

  useEffect(() => {
    if (!conversation) return;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const list = await api<{ results: Message[] }>(`/api/v1/conversations/${conversation}/messages/`).catch(() => null);
      if (list) setMessages(list.results);
      timer = setTimeout(poll, 3000);
    };
    void poll();
    return () => clearTimeout(timer);
  }, [conversation]);

  const start = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const created = await api<{ id: string }>('/api/v1/conversations/create/', {
      method: 'POST',
      body: { subject: 'Support request', description: data.get('message'), user_email: data.get('email') },
    });
    setConversation(created.id);
  };

  return (
    <>
      <button type="button" class="launcher" aria-label="Open support chat" onClick={() => setOpen(!open)}>
        ?
      </button>
      {open && (
        <div class="panel" role="dialog" aria-label="Support">
          {conversation ? (
            messages.map((message) => <p key={message.id}>{message.body}</p>)
          ) : (
            <form onSubmit={start}>
              <input name="email" type="email" aria-label="Email" required />
              <textarea name="message" aria-label="Message" required />
              <button type="submit">Start conversation</button>
            </form>
          )}
        </div>
      )}
    </>
  );
}

const host = document.createElement('div');
host.id = 'floor-root';
const shadow = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = CSS;
shadow.appendChild(style);
document.body.appendChild(host);
render(<Floor />, shadow);
