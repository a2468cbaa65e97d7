import { act } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { activeState, chatMessage, renderWidget } from '../helpers/render-widget';

const year = new Date().getFullYear();
const at = (day: number, time: string) => `${year}-01-${String(day).padStart(2, '0')}T${time}:00`;

function renderConversation(...args: Parameters<typeof activeState>) {
  return renderWidget({ open: true, state: activeState(...args) });
}

describe('the conversation', () => {
  it('is a polite live log named Conversation', () => {
    const widget = renderConversation([chatMessage({ body: 'Hello!' })]);
    const log = widget.getByRole('log', { name: 'Conversation' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.textContent).toContain('Hello!');
  });

  it('groups consecutive messages by sender, each group labelled once', () => {
    const widget = renderWidget({
      open: true,
      config: { teamName: 'Acme Team' },
      state: activeState([
        chatMessage({ author: 'customer', body: 'My order is late' }),
        chatMessage({ author: 'customer', body: 'Order 42' }),
        chatMessage({ author: 'team', body: 'Looking into it' }),
        chatMessage({ author: 'customer', body: 'Thanks' }),
      ]),
    });
    const labels = [...widget.getByRole('log').querySelectorAll('.author')].map((label) => label.textContent);
    expect(labels).toEqual(['You', 'Acme Team', 'You']);
  });

  it('signs team messages with the team name, else the title, never an address', () => {
    const team = chatMessage({ author: 'team', body: 'Hi, this is support' });
    const withTitle = renderWidget({ open: true, config: { title: 'Acme Help' }, state: activeState([team]) });
    const labels = [...withTitle.getByRole('log').querySelectorAll('.author')].map((label) => label.textContent);
    expect(labels).toEqual(['Acme Help']);
    expect(withTitle.getByRole('log').textContent).not.toContain('@');
  });

  it('shows hostile bodies as the literal text they are', () => {
    const bodies = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'javascript:alert(1)', '<a href="javascript:alert(1)">x</a>'];
    const widget = renderConversation(bodies.map((body) => chatMessage({ body })));
    for (const body of bodies) expect(widget.getByText(body)).toBeTruthy();
    expect(widget.shadowRoot.querySelector('img, script, iframe')).toBeNull();
    expect(widget.queryByRole('link')).toBeNull();
  });

  it('links http(s) URLs to a new tab without an opener or referrer, and keeps line breaks', () => {
    const widget = renderConversation([chatMessage({ body: 'Steps:\n1. see https://example.com/help.\n2. reply' })]);
    const link = widget.getByRole('link', { name: 'https://example.com/help' });
    expect(link.getAttribute('href')).toBe('https://example.com/help');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(link.closest('.bubble')?.textContent).toBe('Steps:\n1. see https://example.com/help.\n2. reply');
  });

  it('shows local times and a separator when the day changes', () => {
    const widget = renderConversation([
      chatMessage({ createdAt: at(5, '09:30'), body: 'First' }),
      chatMessage({ createdAt: at(5, '09:45'), body: 'Second' }),
      chatMessage({ createdAt: at(6, '08:05'), body: 'Next day' }),
    ]);
    const day = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long' });
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
    const separators = [...widget.getByRole('log').querySelectorAll('.day')].map((separator) => separator.textContent);
    expect(separators).toEqual([day.format(new Date(at(5, '09:30'))), day.format(new Date(at(6, '08:05')))]);
    expect(widget.getByText(time.format(new Date(at(5, '09:45'))))).toBeTruthy();
  });

  it('survives a message with a broken date', () => {
    const widget = renderConversation([chatMessage({ createdAt: 'not a date', body: 'Still shown' })]);
    expect(widget.getByText('Still shown')).toBeTruthy();
  });

  describe("the customer's own messages", () => {
    it('show when they are sending and when they are sent', () => {
      const widget = renderConversation([
        chatMessage({ author: 'customer', body: 'One', delivery: 'sent' }),
        chatMessage({ author: 'customer', body: 'Two', delivery: 'sending', id: null }),
      ]);
      expect(widget.getByText('Sent')).toBeTruthy();
      expect(widget.getByText('Sending…')).toBeTruthy();
      expect(widget.queryByRole('button', { name: 'Retry' })).toBeNull();
    });

    it('show a failure with its reason and a Retry button', () => {
      const failed = chatMessage({ author: 'customer', body: 'Lost', delivery: 'failed', id: null, error: 'Network error' });
      const widget = renderConversation([failed]);
      expect(widget.getByText('Not sent: Network error')).toBeTruthy();
      act(() => widget.getByRole('button', { name: 'Retry' }).click());
      expect(widget.actions.retry).toHaveBeenCalledWith(failed.key);
    });

    it('are never marked on the team’s messages', () => {
      const widget = renderConversation([chatMessage({ author: 'team', delivery: 'sent' })]);
      expect(widget.queryByText('Sent')).toBeNull();
    });
  });

  it('says it is loading while a stored conversation is fetched', () => {
    const widget = renderWidget({ open: true, state: activeState([], { phase: 'resuming' }) });
    expect(widget.getByText('Loading the conversation…')).toBeTruthy();
    expect(widget.getByRole('log', { name: 'Conversation' })).toBeTruthy();
  });

  it('sets no style attribute anywhere (strict CSP)', () => {
    const widget = renderConversation([chatMessage({ author: 'customer', delivery: 'failed', error: 'x' }), chatMessage({ body: 'https://example.com' })]);
    expect(widget.shadowRoot.querySelectorAll('[style]')).toHaveLength(0);
  });
});

describe('a long conversation', () => {
  const many = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      chatMessage({ key: `m${index}`, id: `m${index}`, body: `Message ${index}`, author: index % 2 ? 'team' : 'customer', createdAt: at(2, '10:00') }),
    );
  const bodies = (widget: ReturnType<typeof renderWidget>) => widget.getAllByText(/^Message \d+$/).map((node) => node.textContent);

  it('shows the latest 100 messages, and earlier ones on request', () => {
    const messages = many(250);
    const widget = renderWidget({ open: true, state: activeState(messages) });
    expect(bodies(widget)).toHaveLength(100);
    expect(bodies(widget)[0]).toBe('Message 150');
    act(() => widget.getByRole('button', { name: 'Show earlier messages' }).click());
    expect(bodies(widget)).toHaveLength(200);
    act(() => widget.getByRole('button', { name: 'Show earlier messages' }).click());
    expect(bodies(widget)).toHaveLength(250);
    expect(widget.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });

  it('appends a new message without dropping the first one shown', () => {
    const messages = many(150);
    const widget = renderWidget({ open: true, state: activeState(messages) });
    const firstShown = widget.getByText('Message 50');
    widget.rerender({ state: activeState([...messages, chatMessage({ key: 'new', body: 'Message 150', createdAt: at(2, '10:01') })]) });
    expect(bodies(widget)).toHaveLength(101);
    expect(widget.getByText('Message 50')).toBe(firstShown);
  });

  it('renders no log at all while the panel is closed', () => {
    const widget = renderWidget({ open: false, state: activeState(many(20)) });
    expect(widget.host.shadowRoot!.querySelector('[role="log"]')).toBeNull();
  });
});
