// The whole widget as a bundler user gets it: createParley() in a page (happy-dom), talking to the
// real emulator over loopback HTTP. What the customer and the host page notice.

import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParleyApi } from '../../widget/core/commands';
import { ParleyConfigError, createParley } from '../../widget/index';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let helpdesk: TestEmulator;
let widget: ParleyApi | null = null;
const log = { error: vi.fn(), warn: vi.fn() };

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000 });
  localStorage.clear();
  log.error.mockClear();
  log.warn.mockClear();
});
afterEach(async () => {
  widget?.shutdown();
  widget = null;
  document.body.innerHTML = '';
  await helpdesk.cleanup();
});

function start(options: Record<string, unknown> = {}) {
  widget = createParley(
    { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url, ...options },
    // Node's own fetch: real loopback HTTP to the emulator.
    { window, console: log, fetch: globalThis.fetch },
  );
  const root = document.getElementById('parley-root')!;
  return { root, ui: within(root.shadowRoot as unknown as HTMLElement) };
}

describe('createParley', () => {
  it('refuses a server key and says it is a secret', () => {
    expect(() => createParley({ clientKey: 'bnc_sv_leaked', apiUrl: helpdesk.url }, { window, console: log })).toThrow(ParleyConfigError);
    try {
      createParley({ clientKey: 'bnc_sv_leaked', apiUrl: helpdesk.url }, { window, console: log });
    } catch (error) {
      expect((error as ParleyConfigError).problems.join(' ')).toMatch(/secret/i);
    }
    expect(document.getElementById('parley-root')).toBeNull();
  });

  it('adds exactly one element, at the end of body, with an open shadow root', () => {
    document.body.innerHTML = '<main>shop</main>';
    const { root, ui } = start();
    expect(document.body.lastElementChild).toBe(root);
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    expect(root.shadowRoot?.mode).toBe('open');
    expect(ui.getByRole('button', { name: 'Open support chat' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the launcher before reading storage; reads it after that frame, or at once when the panel opens', async () => {
    const getItem = vi.spyOn(localStorage, 'getItem');
    try {
      const { ui } = start();
      expect(ui.getByRole('button', { name: 'Open support chat' })).toBeTruthy();
      expect(getItem).not.toHaveBeenCalled();
      await waitFor(() => expect(getItem).toHaveBeenCalled());

      widget!.shutdown();
      document.body.innerHTML = '';
      getItem.mockClear();
      start();
      widget!.open();
      expect(getItem).toHaveBeenCalled();
    } finally {
      getItem.mockRestore();
    }
  });

  it('makes no request and writes nothing on a first visit, even with the panel open', async () => {
    const { ui } = start();
    fireEvent.click(ui.getByRole('button', { name: 'Open support chat' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(helpdesk.requests).toHaveLength(0);
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('opens and closes from the launcher, commands and data-parley-open, firing events', () => {
    document.body.innerHTML = '<button data-parley-open>Contact us</button>';
    const { ui } = start();
    const seen: string[] = [];
    widget!.on('open', () => seen.push('open'));
    const unsubscribe = widget!.on('close', () => seen.push('close'));
    fireEvent.click(document.querySelector('[data-parley-open]')!);
    expect(ui.getByRole('dialog', { name: 'Support' })).toBeTruthy();
    expect(ui.getByRole('button', { name: 'Close support chat' }).getAttribute('aria-expanded')).toBe('true');
    widget!.close();
    widget!.toggle();
    unsubscribe();
    widget!.toggle();
    expect(seen).toEqual(['open', 'close', 'open']);
  });

  it('runs a whole conversation: form, create, team reply, customer reply', async () => {
    const { ui } = start({ teamName: 'Acme Support' });
    widget!.open();
    fireEvent.input(ui.getByRole('textbox', { name: 'Name' }), { target: { value: 'Jane Doe' } });
    fireEvent.input(ui.getByRole('textbox', { name: /Email/ }), { target: { value: 'jane@example.com' } });
    fireEvent.input(ui.getByRole('textbox', { name: 'Message' }), { target: { value: 'My parcel is late' } });
    fireEvent.click(ui.getByRole('button', { name: 'Start conversation' }));
    const log = await ui.findByRole('log', { name: 'Conversation' }, { timeout: 5000 });
    const conversation = helpdesk.listConversations()[0]!;
    expect(conversation).toMatchObject({ subject: 'My parcel is late', channel: 'web' });
    expect(conversation.metadata).toMatchObject({ page_url: location.href, widget_version: expect.any(String) });

    helpdesk.agentReply(conversation.id, 'Sorry! It ships today.');
    await waitFor(() => expect(within(log).getByText('Sorry! It ships today.')).toBeTruthy(), { timeout: 8000 });
    expect(within(log).getAllByText('Acme Support').length).toBeGreaterThan(0);
    expect(log.textContent).not.toContain('agent@parley.test');

    fireEvent.input(ui.getByRole('textbox', { name: 'Write a reply' }), { target: { value: 'Great, thanks' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(helpdesk.listMessages(conversation.id).at(-1)).toMatchObject({ body: 'Great, thanks', sender_email: 'jane@example.com' }), { timeout: 5000 });
    expect(Object.keys(localStorage).every((key) => key.startsWith('parley:v1:'))).toBe(true);
  }, 20_000);

  it('switches language live', () => {
    const { ui } = start({ locale: 'en' });
    widget!.locale('fr');
    expect(ui.queryByRole('button', { name: 'Open support chat' })).toBeNull();
    expect(ui.getAllByRole('button').length).toBeGreaterThan(0);
  });

  it('refuses metadata that is not plain JSON, and says why', () => {
    start();
    widget!.metadata({ when: new Date() } as unknown as Record<string, unknown>);
    expect(log.error.mock.calls.flat().join(' ')).toMatch(/metadata/);
  });

  it('shutdown removes everything and stops all activity', async () => {
    const { ui } = start();
    widget!.open();
    expect(ui.getByRole('dialog')).toBeTruthy();
    widget!.shutdown();
    expect(document.getElementById('parley-root')).toBeNull();
    widget!.open();
    expect(document.getElementById('parley-root')).toBeNull();
    widget = null;
  });

  it('refuses to mount a second widget on the same page', () => {
    start();
    expect(() => createParley({ clientKey: helpdesk.keys.client, apiUrl: helpdesk.url }, { window, console: log })).toThrow(/already mounted/);
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
  });
});

describe('ready', () => {
  it('fires after the code that created the widget, so subscribing right after never misses it', async () => {
    const { ui } = start();
    const seen: unknown[] = [];
    widget!.on('ready', (payload) => seen.push(payload));
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([{ version: expect.stringMatching(/^\d+\.\d+\.\d+/) }]);
    expect(ui.getByRole('button', { name: 'Open support chat' })).toBeTruthy();
  });
});
