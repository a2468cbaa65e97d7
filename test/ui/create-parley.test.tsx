// The whole widget as a bundler user gets it: createParley() in a page (happy-dom), talking to the
// real emulator over loopback HTTP. What the customer and the host page notice.

import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParleyApi } from '../../widget/core/commands';
import { createParley, ParleyConfigError } from '../../widget/index';
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

function create(options: Record<string, unknown> = {}) {
  widget = createParley(
    { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url, ...options },
    // Node's own fetch: real loopback HTTP to the emulator.
    { window, console: log, fetch: globalThis.fetch },
  );
  return widget;
}

function inRoot() {
  const root = document.getElementById('parley-root')!;
  return { root, ui: within(root.shadowRoot as unknown as HTMLElement) };
}

/** Waits for the tasks after createParley's to draw the launcher. */
async function drawn() {
  await waitFor(() => expect(document.getElementById('parley-root')?.shadowRoot?.querySelector('button')).toBeTruthy());
  return inRoot();
}

async function start(options: Record<string, unknown> = {}) {
  create(options);
  return drawn();
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

  it('adds exactly one element, at the end of body, with an open shadow root', async () => {
    document.body.innerHTML = '<main>shop</main>';
    const { root, ui } = await start();
    expect(document.body.lastElementChild).toBe(root);
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    expect(root.shadowRoot?.mode).toBe('open');
    expect(ui.getByRole('button', { name: 'Open support chat' }).getAttribute('aria-expanded')).toBe('false');
  });

  it("draws the launcher in tasks after the caller's, and reads storage only after that", async () => {
    const read = localStorage.getItem.bind(localStorage);
    let launcherAtFirstRead: boolean | null = null;
    const getItem = vi.spyOn(localStorage, 'getItem').mockImplementation((key) => {
      launcherAtFirstRead ??= Boolean(document.getElementById('parley-root')?.shadowRoot?.querySelector('button'));
      return read(key);
    });
    try {
      create();
      // The caller's task only checks the options: nothing is on the page yet.
      expect(document.getElementById('parley-root')).toBeNull();
      const { ui } = await drawn();
      expect(ui.getByRole('button', { name: 'Open support chat' })).toBeTruthy();
      await waitFor(() => expect(getItem).toHaveBeenCalled());
      expect(launcherAtFirstRead).toBe(true);
    } finally {
      getItem.mockRestore();
    }
  });

  it('runs the commands that need no conversation without the conversation code, which comes on intent', async () => {
    const { root, ui } = await start();
    // The loader's own sheets (the static sheet with the theme, the viewport, the shift, the zoom);
    // the conversation code adds the panel's when it starts.
    const sheets = () => root.shadowRoot!.adoptedStyleSheets.length;
    expect(sheets()).toBe(4);
    widget!.locale('fr');
    widget!.sound(false);
    widget!.identify({ email: 'kim@example.com' });
    widget!.reset();
    const off = widget!.on('open', () => {});
    off();
    // The French texts arrive on their own, without the conversation code.
    const launcher = await ui.findByRole('button', { name: 'Ouvrir le chat d’assistance' });
    expect(sheets()).toBe(4);
    expect(helpdesk.requests).toHaveLength(0);
    fireEvent.pointerEnter(launcher);
    await waitFor(() => expect(sheets()).toBe(5), { timeout: 5000 });
  });

  it('draws at once what a command needs: open right after createParley shows the launcher busy, then the panel', async () => {
    const getItem = vi.spyOn(localStorage, 'getItem');
    try {
      create();
      widget!.open();
      const { ui } = inRoot();
      // The conversation code is on its way: the launcher is expanded and says it is busy.
      const launcher = ui.getByRole('button', { name: 'Close support chat' });
      expect(launcher.getAttribute('aria-busy')).toBe('true');
      expect(await ui.findByRole('dialog', { name: 'Support' })).toBeTruthy();
      expect(launcher.getAttribute('aria-expanded')).toBe('true');
      expect(launcher.hasAttribute('aria-busy')).toBe(false);
      expect(getItem).toHaveBeenCalled();
    } finally {
      getItem.mockRestore();
    }
  });

  it('keeps identify and metadata for the conversation code, which they do not load: they run, in order, once it is here', async () => {
    create();
    widget!.identify({ email: 'kim@example.com', firstName: 'Kim' });
    widget!.metadata({ plan: 'pro' });
    // Nothing was forced: the caller's task still only checked the options.
    expect(document.getElementById('parley-root')).toBeNull();
    const { ui } = await drawn();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(helpdesk.requests).toHaveLength(0);
    fireEvent.click(ui.getByRole('button', { name: 'Open support chat' }));
    // Then identify runs: the customer's conversations are asked for, and the form is prefilled.
    await waitFor(() => expect(helpdesk.requests.some((request) => request.method === 'GET' && request.path === '/api/v1/conversations/')).toBe(true));
    // Identified: no name or email to ask for; the metadata goes with the new conversation.
    fireEvent.input(await ui.findByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    expect(ui.queryByRole('textbox', { name: /Email/ })).toBeNull();
    fireEvent.click(ui.getByRole('button', { name: 'Start conversation' }));
    const createRequest = () => helpdesk.requests.find((request) => request.method === 'POST' && request.path === '/api/v1/conversations/create/');
    await waitFor(() => expect(createRequest()?.status).toBe(201));
    expect(createRequest()!.body).toMatchObject({ user_email: 'kim@example.com', user_first_name: 'Kim', metadata: expect.objectContaining({ plan: 'pro' }) });
  });

  it('a step that throws (a host page that broke the DOM) is reported once, and the widget shuts down cleanly', async () => {
    const createElement = document.createElement.bind(document);
    const broken = vi.spyOn(document, 'createElement').mockImplementation((name: string, options?: ElementCreationOptions) => {
      if (name === 'div' && !document.getElementById('parley-root')) throw new Error('createElement patched badly');
      return createElement(name, options);
    });
    try {
      create();
      await waitFor(() => expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/could not start/), expect.any(Error)));
    } finally {
      broken.mockRestore();
    }
    expect(document.getElementById('parley-root')).toBeNull();
    expect(() => widget!.open()).not.toThrow();
    expect(() => widget!.shutdown()).not.toThrow();
    expect(log.error).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(helpdesk.requests).toHaveLength(0);
  });

  it('refuses a second widget before the first is drawn, and a shut-down one never appears', async () => {
    create();
    expect(() => createParley({ clientKey: helpdesk.keys.client, apiUrl: helpdesk.url }, { window, console: log })).toThrow(/already mounted/);
    widget!.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.getElementById('parley-root')).toBeNull();
    // Shut down, the page is free for a new widget.
    const { ui } = await start();
    expect(ui.getByRole('button', { name: 'Open support chat' })).toBeTruthy();
  });

  it('makes no request and writes nothing on a first visit, even with the panel open', async () => {
    const { ui } = await start();
    fireEvent.click(ui.getByRole('button', { name: 'Open support chat' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(helpdesk.requests).toHaveLength(0);
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('opens and closes from the launcher, commands and data-parley-open, firing events', async () => {
    document.body.innerHTML = '<button data-parley-open>Contact us</button>';
    const { ui } = await start();
    const seen: string[] = [];
    widget!.on('open', () => seen.push('open'));
    const unsubscribe = widget!.on('close', () => seen.push('close'));
    fireEvent.click(document.querySelector('[data-parley-open]')!);
    expect(await ui.findByRole('dialog', { name: 'Support' })).toBeTruthy();
    expect(ui.getByRole('button', { name: 'Close support chat' }).getAttribute('aria-expanded')).toBe('true');
    widget!.close();
    widget!.toggle();
    unsubscribe();
    widget!.toggle();
    expect(seen).toEqual(['open', 'close', 'open']);
  });

  it('runs a whole conversation: form, create, team reply, customer reply', async () => {
    const { ui } = await start({ teamName: 'Acme Support' });
    widget!.open();
    fireEvent.input(await ui.findByRole('textbox', { name: 'Name' }), { target: { value: 'Jane Doe' } });
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
    await waitFor(() => expect(helpdesk.listMessages(conversation.id).at(-1)).toMatchObject({ body: 'Great, thanks', sender_email: 'jane@example.com' }), {
      timeout: 5000,
    });
    expect(Object.keys(localStorage).every((key) => key.startsWith('parley:v1:'))).toBe(true);
  }, 20_000);

  it('switches language live', async () => {
    const { ui } = await start({ locale: 'en' });
    widget!.locale('fr');
    // English until the French file is here, then launcher and panel together.
    expect(ui.getByRole('button', { name: 'Open support chat' })).toBeTruthy();
    await ui.findByRole('button', { name: 'Ouvrir le chat d’assistance' });
    widget!.open();
    await ui.findByRole('button', { name: 'Démarrer la conversation' });
    widget!.locale('ja-JP');
    await ui.findByRole('button', { name: '会話を始める' });
    expect(ui.getByRole('button', { name: 'サポートチャットを閉じる' }).getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById('parley-root')!.shadowRoot!.querySelector('.parley')!.getAttribute('lang')).toBe('ja-JP');
  });

  it('refuses metadata that is not plain JSON, and says why', async () => {
    await start();
    widget!.metadata({ when: new Date() } as unknown as Record<string, unknown>);
    expect(log.error.mock.calls.flat().join(' ')).toMatch(/metadata/);
  });

  it('shutdown removes everything and stops all activity', async () => {
    const { ui } = await start();
    widget!.open();
    expect(await ui.findByRole('dialog')).toBeTruthy();
    widget!.shutdown();
    expect(document.getElementById('parley-root')).toBeNull();
    widget!.open();
    expect(document.getElementById('parley-root')).toBeNull();
    widget = null;
  });

  it('refuses to mount a second widget on the same page', async () => {
    await start();
    expect(() => createParley({ clientKey: helpdesk.keys.client, apiUrl: helpdesk.url }, { window, console: log })).toThrow(/already mounted/);
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
  });
});

describe('ready', () => {
  it('fires once the launcher is drawn, after the code that created the widget, so subscribing right after never misses it', async () => {
    create();
    const seen: unknown[] = [];
    widget!.on('ready', (payload) => seen.push(payload));
    expect(seen).toEqual([]);
    await waitFor(() => expect(seen).toEqual([{ version: expect.stringMatching(/^\d+\.\d+\.\d+/) }]));
    expect(inRoot().ui.getByRole('button', { name: 'Open support chat' })).toBeTruthy();
  });

  it('fires after a command that drew the widget at once, not during it', async () => {
    create();
    const seen: string[] = [];
    widget!.open();
    widget!.on('ready', () => seen.push('ready'));
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual(['ready']);
  });
});

describe('a page that replaces its body (pjax, Barba, SPA routers)', () => {
  it('puts the same root, its launcher and its state, at the end of the new body, and drops a cloned stand-in', async () => {
    const { root } = await start();
    const launcher = root.shadowRoot!.querySelector('button')!;
    const next = document.createElement('body');
    // A snapshot of the old body, taken while the root was in it (Turbo's cache does this).
    next.innerHTML = '<main>Next page</main><div id="parley-root"></div>';
    document.body.replaceWith(next);
    await waitFor(() => expect(document.body.lastElementChild).toBe(root));
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    expect(root.shadowRoot!.querySelector('button')).toBe(launcher);
  });

  it('inline mode: into the new page\u2019s target, once one has it', async () => {
    document.body.innerHTML = '<section id="help"></section>';
    const { root } = await start({ mode: 'inline', target: '#help' });
    const without = document.createElement('body');
    without.innerHTML = '<main>No help section here</main>';
    document.body.replaceWith(without);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.isConnected).toBe(false);
    const withTarget = document.createElement('body');
    withTarget.innerHTML = '<main>Help</main><section id="help"></section>';
    document.body.replaceWith(withTarget);
    await waitFor(() => expect(root.parentElement?.id).toBe('help'));
  });
});

describe('when the team replies (issue 15)', () => {
  // Node's fetch does not take happy-dom's AbortSignal, so a request that shutdown cancels goes on
  // to the end: the tests let it end before the emulator stops, or it fails on a closed port.
  let inFlight = 0;
  const countingFetch: typeof fetch = (input, init) => {
    inFlight += 1;
    return globalThis.fetch(input, init).finally(() => (inFlight -= 1));
  };
  const lastRequestsDone = () => waitFor(() => expect(inFlight).toBe(0));
  const createCounted = (options: Record<string, unknown> = {}) => {
    widget = createParley({ clientKey: helpdesk.keys.client, apiUrl: helpdesk.url, ...options }, { window, console: log, fetch: countingFetch });
    return widget;
  };
  /** A conversation started here, with the panel closed again: the state a customer who looked away is in. */
  async function conversationStarted() {
    createCounted({ teamName: 'Acme Support' });
    const { ui } = await drawn();
    widget!.open();
    fireEvent.input(await ui.findByRole('textbox', { name: /Email/ }), { target: { value: 'jane@example.com' } });
    fireEvent.input(ui.getByRole('textbox', { name: 'Message' }), { target: { value: 'My parcel is <late>' } });
    fireEvent.click(ui.getByRole('button', { name: 'Start conversation' }));
    await ui.findByRole('log', { name: 'Conversation' }, { timeout: 5000 });
    widget!.close();
    return helpdesk.listConversations()[0]!;
  }

  /** A customer who started a conversation and left the page; the team replied meanwhile. Nothing in flight, nothing recorded. */
  async function awayWhileTeamReplies(reply: string) {
    const conversation = await conversationStarted();
    widget!.shutdown();
    helpdesk.agentReply(conversation.id, reply);
    await lastRequestsDone();
    helpdesk.clearRequests();
    return conversation;
  }

  it('counts unread replies in the title over the page’s own, follows the page’s title, and gives it back on reset and shutdown', async () => {
    document.title = 'Shop';
    await awayWhileTeamReplies('It ships today.');

    // The next page load finds the reply unread.
    createCounted();
    await waitFor(() => expect(document.title).toBe('(1) New reply · Shop'), { timeout: 5000 });
    document.title = 'Checkout';
    await waitFor(() => expect(document.title).toBe('(1) New reply · Checkout'));
    widget!.shutdown();
    expect(document.title).toBe('Checkout');

    createCounted();
    await waitFor(() => expect(document.title).toBe('(1) New reply · Checkout'), { timeout: 5000 });
    widget!.reset();
    expect(document.title).toBe('Checkout');
    await lastRequestsDone();
  }, 20_000);

  it('gives the conversation as text before the panel ever opened, as the log shows it: no note, bodies as written', async () => {
    const conversation = await conversationStarted();
    widget!.shutdown();
    helpdesk.agentReply(conversation.id, 'Use <b>code</b> SHIP & save');
    helpdesk.agentReply(conversation.id, 'Internal: VIP customer', { type: 'note' });

    // A new page: the widget has not even started its session when the site asks.
    createCounted({ teamName: 'Acme Support' });
    const text = await widget!.transcript();
    expect(text.split('\n')[0]).toBe(`Support · ${location.hostname}`);
    expect(text).toMatch(/\nYou · [^\n]+\nMy parcel is <late>\n/);
    expect(text).toMatch(/\nAcme Support · [^\n]+\nUse <b>code<\/b> SHIP & save\n/);
    expect(text).not.toContain('VIP');
    expect(text).not.toContain('@');
    await lastRequestsDone();
  }, 20_000);

  it('a returning customer gets the conversation code when the page is idle: the unread count comes without a click', async () => {
    await awayWhileTeamReplies('It ships today.');
    createCounted();
    const counts: number[] = [];
    widget!.on('unread', ({ count }) => counts.push(count));
    const { ui } = await drawn();
    await waitFor(() => expect(counts.at(-1)).toBe(1), { timeout: 5000 });
    expect(ui.getByRole('button', { name: 'Open support chat' }).getAttribute('aria-expanded')).toBe('false');
    await lastRequestsDone();
  }, 20_000);

  it('under Save-Data, waits for the customer instead', async () => {
    await awayWhileTeamReplies('It ships today.');
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
    try {
      createCounted();
      const { ui } = await drawn();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(helpdesk.requests).toHaveLength(0);
      fireEvent.click(ui.getByRole('button', { name: 'Open support chat' }));
      // The stored conversation, with the reply that came while the customer was away.
      await waitFor(() => expect(ui.getByRole('log', { name: 'Conversation' }).textContent).toContain('It ships today.'), { timeout: 5000 });
    } finally {
      delete (navigator as { connection?: unknown }).connection;
    }
    await lastRequestsDone();
  }, 20_000);

  it('gives no text when there is no conversation', async () => {
    createCounted();
    await expect(widget!.transcript()).resolves.toBe('');
  });
});
