// The site owner's side: `Parley(…)` commands and events (product.md), the snippet's queue, and
// what a broken install does. Fixture pages, since each needs its own snippet.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite } from './helpers/browser';
import { apiRequests, createRequests, seedConversation } from './helpers/demo';
import { FIXTURE_CLIENT_KEY, fixtureSuite } from './helpers/fixtures';
import { expectMessageShown, openWidget, parley, parleyStorageKeys, startConversation, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

type Recorded = Array<[string, unknown]>;
const EVENTS = ['open', 'close', 'conversation', 'message', 'unread'] as const;

/** Subscribes a recorder to each event, in the page; half of them keep their unsubscribe function. */
async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(
    (names) => {
      const w = window as unknown as Record<string, unknown> & { Parley(...args: unknown[]): unknown };
      const events: Recorded = [];
      const handlers: Record<string, (payload: unknown) => void> = {};
      const unsubscribe: Record<string, unknown> = {};
      for (const name of names) {
        handlers[name] = (payload) => events.push([name, payload]);
        unsubscribe[name] = w.Parley('on', name, handlers[name]);
      }
      Object.assign(w, { __events: events, __handlers: handlers, __unsubscribe: unsubscribe });
    },
    [...EVENTS],
  );
}

const messagePolls = () => apiRequests(site.emulator, /\/messages\/$/, 'GET');

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __events: Recorded }).__events.slice());

describe('the command queue', () => {
  test('calls made before the script loads are replayed once, in order', async () => {
    const url = site.page(
      '/queue.html',
      site.html({
        head: `<script>
          window.__calls = [];
          Parley('on', 'ready', function (p) { window.__calls.push('ready ' + p.version); });
          Parley('on', 'open', function () { window.__calls.push('open'); });
          Parley('metadata', { plan: 'pro' });
          Parley('open');
        </script>`,
      }),
    );
    const { page } = await browser.newPage();
    await page.goto(url);
    await waitForWidget(page);
    const ui = widget(page);
    await ui.panel.waitFor();
    expect(await ui.launcher.getAttribute('aria-expanded')).toBe('true');
    // The stub's queue is drained, and later calls run at once.
    expect(await page.evaluate(() => (window as unknown as { Parley: { q?: unknown[] } }).Parley.q?.length ?? 0)).toBe(0);
    await parley(page, 'close');
    await parley(page, 'open');
    const calls = await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
    expect(calls.filter((call) => call === 'open')).toHaveLength(2);
    // events.ts: `ready` fires once the queued commands are replayed, so a queued handler hears it.
    expect(calls.filter((call) => call.startsWith('ready '))).toEqual([expect.stringMatching(/^ready \d+\.\d+\.\d+/)]);

    await startConversation(page, { message: unique('Queued metadata') });
    expect((createRequests(site.emulator)[0]!.body as { metadata: Record<string, unknown> }).metadata.plan).toBe('pro');
  });
});

describe('init', () => {
  test('a queued init completes a tag that has data-api-url but no data-client-key', async () => {
    const url = site.page(
      '/init-completes-tag.html',
      site.html({
        attributes: { 'data-client-key': null, 'data-title': 'Help from the tag' },
        head: `<script>Parley('init', { clientKey: '${FIXTURE_CLIENT_KEY}' }); Parley('open');</script>`,
      }),
    );
    const { page, parleyLines } = await browser.newPage();
    await page.goto(url);
    await waitForWidget(page);
    const ui = widget(page);
    await ui.panel.waitFor({ state: 'visible' });
    // The tag's options and the init's, together: the title from data-title, the key from init.
    expect(await ui.panel.getAttribute('aria-label')).toBe('Help from the tag');
    expect([...parleyLines('error'), ...parleyLines('warning')]).toEqual([]);
    await startConversation(page, { message: unique('Key from init') });
    expect(createRequests(site.emulator)).toHaveLength(1);
  });
});

describe('identify', () => {
  test('skips the name and email, lists that customer’s conversations, and resumes one', async () => {
    const email = `ada.${Date.now()}@example.com`;
    const older = await seedConversation(site.emulator, email, unique('Older: refund for a dented grinder'));
    const newer = await seedConversation(site.emulator, email, unique('Newer: change my delivery day'));
    const someoneElse = await seedConversation(site.emulator, `other.${Date.now()}@example.com`, unique('Not Ada'));
    site.emulator.setStatus(older.id, 'resolved');
    const agentText = unique('Tuesday works, changed.');
    site.emulator.agentReply(newer.id, agentText);
    site.emulator.clearRequests();

    const { page } = await browser.newPage();
    await page.goto(site.page('/identify.html', site.html()));
    await waitForWidget(page);
    await recordEvents(page);
    await parley(page, 'identify', { email, firstName: 'Ada', lastName: 'Lovelace' });
    await openWidget(page);
    const ui = widget(page);
    await ui.messageField.waitFor();
    expect(await ui.nameField.count()).toBe(0);
    expect(await ui.emailField.count()).toBe(0);

    await ui.conversationsList.waitFor({ timeout: 10_000 });
    const items = await ui.conversationsList.getByRole('listitem').allInnerTexts();
    expect(items).toHaveLength(2);
    // Each with its status (product.md names no order).
    expect(items.find((item) => item.includes(newer.subject))).toContain('Open');
    expect(items.find((item) => item.includes(older.subject))).toContain('Resolved');
    expect(items.join('\n')).not.toContain(someoneElse.subject);

    await ui.conversationsList.getByRole('button', { name: new RegExp(newer.subject) }).click();
    await expectMessageShown(page, agentText);
    await expectMessageShown(page, `${newer.subject}: details`);
    expect(createRequests(site.emulator)).toHaveLength(0);
    expect(await recorded(page)).toContainEqual(['conversation', expect.objectContaining({ id: newer.id, created: false })]);
  });

  test('a new conversation goes out under the identified customer', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/identify-new.html', site.html()));
    await waitForWidget(page);
    const email = `grace.${Date.now()}@example.com`;
    await parley(page, 'identify', { email, firstName: 'Grace', lastName: 'Hopper' });
    await openWidget(page);
    await startConversation(page, { message: unique('First time here') });
    expect(createRequests(site.emulator)[0]!.body).toMatchObject({ user_email: email, user_first_name: 'Grace', user_last_name: 'Hopper' });
  });
});

describe('metadata', () => {
  test('is merged into the next create (the site’s keys win), and a non-JSON value is refused without blocking it', async () => {
    const { page, parleyLines } = await browser.newPage();
    await page.goto(site.page('/metadata.html', site.html()));
    await waitForWidget(page);
    await parley(page, 'metadata', { plan: 'pro', page_title: 'Checkout (from the site)', cart: { items: 2 } });
    await page.evaluate(() => (window as unknown as { Parley(...a: unknown[]): void }).Parley('metadata', { when: new Date(0), plan: 'free' }));
    await page.evaluate(() => (window as unknown as { Parley(...a: unknown[]): void }).Parley('metadata', { callback: () => 1 }));
    expect(parleyLines('error').filter((line) => line.includes('metadata'))).toHaveLength(2);

    await openWidget(page);
    await startConversation(page, { email: 'meta@example.com', message: unique('With metadata') });
    const metadata = (createRequests(site.emulator)[0]!.body as { metadata: Record<string, unknown> }).metadata;
    expect(metadata).toMatchObject({ plan: 'pro', page_title: 'Checkout (from the site)', cart: { items: 2 }, page_url: `${site.siteUrl}/metadata.html` });
    expect(metadata).not.toHaveProperty('when');
    expect(metadata).not.toHaveProperty('callback');
  });
});

describe('events', () => {
  test('open, close, conversation, message and unread fire; off and the returned unsubscribe stop them', async () => {
    const url = site.page(
      '/events.html',
      site.html({ head: `<script>window.__unread = []; Parley('on', 'unread', function (p) { window.__unread.push(p.count); });</script>` }),
    );
    const { page } = await browser.newPage();
    await page.goto(url);
    await waitForWidget(page);
    await recordEvents(page);
    await openWidget(page);
    await parley(page, 'close');
    await parley(page, 'open');
    const first = unique('Events please');
    await startConversation(page, { email: `events.${Date.now()}@example.com`, message: first });
    const conversation = site.emulator.listConversations().find((item) => item.subject === first)!;
    // The reply must come after the conversation's first poll, or it is part of what was loaded.
    await expect.poll(() => messagePolls().some((request) => request.status === 200), { timeout: 10_000 }).toBe(true);
    const agentText = unique('An answer that is an event');
    site.emulator.agentReply(conversation.id, agentText);
    await expectMessageShown(page, agentText);
    await expect.poll(() => recorded(page)).toContainEqual(['message', expect.objectContaining({ body: agentText })]);
    const names = (await recorded(page)).map(([name]) => name);
    expect(names.slice(0, 4)).toEqual(['open', 'close', 'open', 'conversation']);
    expect((await recorded(page)).find(([name]) => name === 'conversation')![1]).toMatchObject({ id: conversation.id, created: true });

    // Unread: the team answers while the customer is away; back on the page, the count says so.
    await parley(page, 'close');
    const whileAway = unique('Answered while you were away');
    site.emulator.agentReply(conversation.id, whileAway);
    await page.reload();
    await waitForWidget(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __unread: number[] }).__unread), { timeout: 10_000 }).toEqual([1]);
    await widget(page).root.getByText('1 unread').waitFor({ state: 'attached' });
    await recordEvents(page);
    await openWidget(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __unread: number[] }).__unread)).toEqual([1, 0]);

    // Half unsubscribe through the returned function, half through Parley('off').
    await page.evaluate(() => {
      const w = window as unknown as { Parley(...a: unknown[]): unknown; __handlers: Record<string, unknown>; __unsubscribe: Record<string, () => void> };
      w.__unsubscribe.open!();
      w.__unsubscribe.message!();
      w.Parley('off', 'close', w.__handlers.close);
      w.Parley('off', 'unread', w.__handlers.unread);
    });
    const before = await recorded(page);
    await parley(page, 'close');
    await parley(page, 'open');
    const after = unique('Nobody is listening');
    site.emulator.agentReply(conversation.id, after);
    await expectMessageShown(page, after);
    expect(await recorded(page)).toEqual(before);
  });
  test('a team reply that arrives with the first poll of a new conversation is a message event too', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/first-poll.html', site.html()));
    await waitForWidget(page);
    await recordEvents(page);
    await openWidget(page);
    // The new conversation's first look at its messages fails, so the reply below is in the
    // first list the widget gets: there is no history yet, so it is news.
    site.emulator.failNext({ method: 'GET', path: /\/messages\/$/ }, 1, 503, { retryAfter: '1' });
    const first = unique('Quick question');
    await startConversation(page, { email: `quick.${Date.now()}@example.com`, message: first });
    const conversation = site.emulator.listConversations().find((item) => item.subject === first)!;
    const answer = unique('Quick answer');
    site.emulator.agentReply(conversation.id, answer);
    await expectMessageShown(page, answer);
    await expect.poll(() => recorded(page)).toContainEqual(['message', expect.objectContaining({ body: answer })]);
  });
});

describe('reset and shutdown', () => {
  test('reset forgets the customer: every parley: key removed, the form is back, still running', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/reset.html', site.html()));
    await waitForWidget(page);
    await page.evaluate(() => localStorage.setItem('site-own-key', 'kept'));
    await openWidget(page);
    await startConversation(page, { email: `reset.${Date.now()}@example.com`, message: unique('Before logout') });
    await widget(page).composer.fill('a draft that is stored');
    await expect.poll(() => parleyStorageKeys(page)).not.toEqual([]);

    await parley(page, 'reset');
    expect(await parleyStorageKeys(page)).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('site-own-key'))).toBe('kept');
    const ui = widget(page);
    await ui.messageField.waitFor();
    expect(await ui.log.count()).toBe(0);
    expect(await ui.emailField.inputValue()).toBe('');

    await page.reload();
    await openWidget(page);
    await ui.messageField.waitFor();
    expect(await ui.log.count()).toBe(0);
  });

  test('shutdown removes the widget and stops every request; later calls do nothing', async () => {
    const { page, context } = await browser.newPage();
    // Page time runs as usual, until the test jumps it forward.
    await context.clock.install();
    await page.goto(site.page('/shutdown.html', site.html()));
    await waitForWidget(page);
    await openWidget(page);
    await startConversation(page, { email: `bye.${Date.now()}@example.com`, message: unique('Shut me down') });
    // The panel is open on a conversation: the widget polls every few seconds.
    const polls = () => messagePolls().length;
    const seen = polls();
    await expect.poll(polls, { timeout: 10_000 }).toBeGreaterThan(seen);

    await parley(page, 'shutdown');
    expect(await page.locator('#parley-root').count()).toBe(0);
    // A request already on the wire when shutdown ran may still land just after it.
    const quietFrom = Date.now() + 250;
    const lateRequests = () => site.emulator.requests.filter((request) => request.at > quietFrom);
    await context.clock.runFor(10_000);
    // Real time too, for any request the jump would have started.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(lateRequests()).toEqual([]);

    const outcome = await page.evaluate(() => {
      const P = (window as unknown as { Parley(...a: unknown[]): unknown }).Parley;
      try {
        P('open');
        P('newConversation', { message: 'hello?' });
        P('identify', { email: 'late@example.com' });
        P('init', { clientKey: 'bnc_cl_fixture_public', apiUrl: 'http://127.0.0.1:1' });
        return { threw: false, root: document.getElementById('parley-root') !== null };
      } catch (error) {
        return { threw: true, root: false, error: String(error) };
      }
    });
    expect(outcome).toEqual({ threw: false, root: false });
    await context.clock.runFor(5_000);
    expect(lateRequests()).toEqual([]);
  });
});

describe('a broken install', () => {
  test('loaded twice: mounts once and says so', async () => {
    const { page, parleyLines } = await browser.newPage();
    const tag = site.scriptTag();
    await page.goto(site.page('/twice.html', site.html({ tag: `${tag}${tag}` })));
    await waitForWidget(page);
    await expect.poll(() => parleyLines().filter((line) => /loaded twice/i.test(line))).toHaveLength(1);
    expect(await page.locator('#parley-root').count()).toBe(1);
    await openWidget(page);
    expect(await widget(page).launcher.count()).toBe(1);
  });

  test.each([
    ['a server key', { 'data-client-key': 'bnc_sv_leaked_secret' }, /server key/i],
    ['no API url', { 'data-api-url': null }, /apiUrl is missing/],
    ['a bad colour', { 'data-color': 'tomato-ish' }, /colou?r/i],
  ])('%s: one clear console error and nothing mounted', async (_label, attributes, reason) => {
    const { page, parleyLines, console } = await browser.newPage();
    const path = `/bad-${Object.keys(attributes)[0]}.html`;
    await page.goto(site.page(path, site.html({ attributes })));
    await page.waitForLoadState('load');
    await expect.poll(() => parleyLines('error')).toHaveLength(1);
    expect(parleyLines('error')[0]).toMatch(reason);
    // The leaked key itself is never echoed whole.
    expect(console.map((entry) => entry.text).join('\n')).not.toContain('bnc_sv_leaked_secret');
    expect(console.filter((entry) => entry.type === 'pageerror')).toEqual([]);
    expect(await page.locator('#parley-root').count()).toBe(0);
    expect(site.emulator.requests).toEqual([]);
  });
});
