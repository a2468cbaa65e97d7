// Pages that replace <body> or all it holds (issue 14): Hotwire Turbo Drive, Rails' default since
// 7, htmx's hx-boost, and React mounted on <body>, each loaded from npm as a site loads it. The conversation must go on across visits:
// one launcher, the same panel, polling and the outbox intact, no listener left behind per visit.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { fixtureSuite, vendor } from './helpers/fixtures';
import { expectMessageShown, openWidget, sendReply, startConversation, timesShown, unique, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const TURBO = `<script src="${vendor('@hotwired/turbo/dist/turbo.es2017-umd.js')}"></script>`;
const PAGES = ['one', 'two', 'three'];

/** Counts the listeners that are added and not removed on window and document, by anyone. */
const COUNT_LISTENERS = () => {
  const live = new Map<EventTarget, number>();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<typeof add>) {
    live.set(this, (live.get(this) ?? 0) + 1);
    return add.apply(this, args);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, ...args: Parameters<typeof remove>) {
    live.set(this, (live.get(this) ?? 0) - 1);
    return remove.apply(this, args);
  };
  (window as unknown as { __listeners(): number }).__listeners = () => (live.get(window) ?? 0) + (live.get(document) ?? 0);
  // Added once, before Turbo starts: each of its page renders counts.
  const counter = window as unknown as { __renders: number };
  counter.__renders = 0;
  document.addEventListener('turbo:load', () => counter.__renders++);
};

/** Three pages that link to each other; the tag in <head> (as Rails' layouts have it) or at the end of <body>. */
function turboSite(tagPlace: 'head' | 'body'): string {
  const tag = site.scriptTag();
  for (const name of PAGES) {
    const links = PAGES.map((other) => `<a href="/turbo-${tagPlace}/${other}.html">Page ${other}</a>`).join(' ');
    const body = `<nav>${links}</nav><p>Turbo page ${name}.</p>${tagPlace === 'body' ? tag : ''}`;
    site.page(`/turbo-${tagPlace}/${name}.html`, site.html({ title: `Turbo ${name}`, head: TURBO, tag: tagPlace === 'head' ? tag : null, body }));
  }
  return `${site.siteUrl}/turbo-${tagPlace}/one.html`;
}

/** Follows a link the way a customer does, and waits for Turbo to render the next page. */
async function visit(page: Page, name: string) {
  const rendered = () => page.evaluate(() => (window as unknown as { __renders: number }).__renders);
  const before = await rendered();
  await page.getByRole('link', { name: `Page ${name}` }).click();
  await expect.poll(rendered).toBeGreaterThan(before);
  await expect.poll(() => page.title()).toBe(`Turbo ${name}`);
}

async function expectOneRootAtTheEnd(page: Page) {
  expect(await page.locator('#parley-root').count()).toBe(1);
  expect(await page.evaluate(() => document.body.lastElementChild?.id)).toBe('parley-root');
}

/**
 * After visits in the same document: the panel is still open on the conversation with its first
 * message once, the poller still brings the team's replies, and the outbox still delivers, once.
 * Returns the reply sent.
 */
async function expectConversationGoesOn(page: Page, conversationId: string, first: string): Promise<string> {
  expect(await page.evaluate(() => (window as unknown as { __firstDocument?: boolean }).__firstDocument)).toBe(true);
  await widget(page).log.waitFor({ state: 'visible' });
  expect(await timesShown(page, first)).toBe(1);
  const answer = unique('Answer after a visit');
  site.emulator.agentReply(conversationId, answer);
  await expectMessageShown(page, answer);
  const reply = unique('Reply after a visit');
  await sendReply(page, reply);
  await expect.poll(() => site.emulator.listMessages(conversationId).filter((message) => message.body === reply).length).toBe(1);
  return reply;
}

describe.each(['head', 'body'] as const)('Turbo Drive, the tag in <%s>', (tagPlace) => {
  test('the conversation goes on across visits: same panel, replies both ways, one launcher', async () => {
    const { page, console, parleyLines } = await browser.newPage();
    await page.addInitScript(COUNT_LISTENERS);
    await page.goto(turboSite(tagPlace));
    const ui = widget(page);
    await openWidget(page);
    const first = unique(`Turbo ${tagPlace}`);
    await startConversation(page, { email: `turbo-${tagPlace}@example.com`, message: first });
    const conversation = site.emulator.listConversations().find((item) => item.subject === first)!;
    // The same document all along: Turbo swapped the body, it did not load a page.
    await page.evaluate(() => ((window as unknown as { __firstDocument: boolean }).__firstDocument = true));

    await visit(page, 'two');
    await expectOneRootAtTheEnd(page);
    const reply = await expectConversationGoesOn(page, conversation.id, first);
    await saveScreenshot(page, `turbo-${tagPlace}-after-visit`);

    // More visits, then back through Turbo's snapshot cache: still one root, no listener piling up.
    const listenersAfterOneVisit = await page.evaluate(() => (window as unknown as { __listeners(): number }).__listeners());
    await visit(page, 'three');
    await visit(page, 'one');
    await visit(page, 'two');
    await expectOneRootAtTheEnd(page);
    expect(await page.evaluate(() => (window as unknown as { __listeners(): number }).__listeners())).toBe(listenersAfterOneVisit);
    await page.goBack();
    await expect.poll(() => page.title()).toBe('Turbo one');
    await expect.poll(() => page.locator('#parley-root').count()).toBe(1);
    await expectOneRootAtTheEnd(page);
    await ui.log.waitFor({ state: 'visible' });

    // Closed, the launcher is the one on the page and it opens the same conversation again.
    await ui.closeButton.click();
    await visit(page, 'three');
    await expectOneRootAtTheEnd(page);
    expect(await ui.launcher.count()).toBe(1);
    await openWidget(page);
    expect(await timesShown(page, reply)).toBe(1);

    expect(console.filter((entry) => entry.type === 'pageerror')).toEqual([]);
    expect(parleyLines('error')).toEqual([]);
    // Turbo runs a tag in the new body again on every visit: that is not a second install.
    expect(parleyLines().filter((line) => /loaded twice/i.test(line))).toEqual([]);
  });
});

// htmx 2's hx-boost turns links into requests whose page replaces what <body> holds: the body element
// stays, its children go, the root with them. The tag in <head> runs once, as htmx leaves <head> be.
const HTMX = `<script src="${vendor('htmx.org/dist/htmx.min.js')}"></script>`;

function htmxSite(): string {
  for (const name of PAGES) {
    const links = PAGES.map((other) => `<a href="/htmx/${other}.html">Page ${other}</a>`).join(' ');
    const page = site.html({ title: `htmx ${name}`, head: HTMX, tag: site.scriptTag(), body: `<nav>${links}</nav><p>htmx page ${name}.</p>` });
    site.page(`/htmx/${name}.html`, page.replace('<body', '<body hx-boost="true"'));
  }
  return `${site.siteUrl}/htmx/one.html`;
}

describe('htmx, hx-boost on <body>', () => {
  test('the conversation goes on across visits: same panel, replies both ways, one launcher', async () => {
    const { page, console, parleyLines } = await browser.newPage();
    await page.goto(htmxSite());
    await openWidget(page);
    const first = unique('htmx');
    await startConversation(page, { email: 'htmx@example.com', message: first });
    const conversation = site.emulator.listConversations().find((item) => item.subject === first)!;
    await page.evaluate(() => ((window as unknown as { __firstDocument: boolean }).__firstDocument = true));

    for (const name of ['two', 'three']) {
      await page.getByRole('link', { name: `Page ${name}` }).click();
      await expect.poll(() => page.getByText(/^htmx page/).textContent()).toBe(`htmx page ${name}.`);
      await expectOneRootAtTheEnd(page);
    }
    await expectConversationGoesOn(page, conversation.id, first);
    await saveScreenshot(page, 'htmx-after-visits');

    expect(console.filter((entry) => entry.type === 'pageerror')).toEqual([]);
    expect(parleyLines('error')).toEqual([]);
  });
});

// React mounted on <body> (createRoot(document.body), as some single-page apps do): its first render
// clears what body holds, the widget's root with it. React 18, the last with a build a page loads
// as a plain script.
const REACT = ['react/umd/react.production.min.js', 'react-dom/umd/react-dom.production.min.js']
  .map((file) => `<script src="${vendor(file)}"></script>`)
  .join('');
const MOUNT_ON_BODY = `<script>
  window.mountApp = function () {
    var h = React.createElement;
    function Shop() {
      var state = React.useState(0);
      return h('main', null, h('h1', null, 'React shop'), h('button', { onClick: function () { state[1](state[0] + 1); } }, 'Added ' + state[0] + ' to the cart'));
    }
    ReactDOM.createRoot(document.body).render(h(Shop));
  };
</script>`;

describe('React mounted on <body>', () => {
  test('the launcher and the conversation come back after its first render, and stay through its updates', async () => {
    const { page, console, parleyLines } = await browser.newPage();
    await page.goto(site.page('/react-body.html', site.html({ head: `${REACT}${MOUNT_ON_BODY}` })));
    await openWidget(page);
    const first = unique('React');
    await startConversation(page, { email: 'react@example.com', message: first });
    const conversation = site.emulator.listConversations().find((item) => item.subject === first)!;
    await page.evaluate(() => ((window as unknown as { __firstDocument: boolean }).__firstDocument = true));

    // The app mounts late (after a data fetch, say): body is cleared, the root put back.
    const removals = await page.evaluateHandle(() => {
      const removed = { count: 0 };
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.removedNodes) if ((node as Element).id === 'parley-root') removed.count++;
      }).observe(document.body, { childList: true });
      return removed;
    });
    await page.evaluate(() => (window as unknown as { mountApp(): void }).mountApp());
    await page.getByRole('button', { name: 'Added 0 to the cart' }).click();
    expect(await removals.evaluate((removed) => removed.count)).toBe(1);
    await page.getByRole('button', { name: 'Added 1 to the cart' }).waitFor();
    await expectOneRootAtTheEnd(page);
    await expectConversationGoesOn(page, conversation.id, first);
    await page.getByRole('button', { name: 'Added 1 to the cart' }).click();
    await page.getByRole('button', { name: 'Added 2 to the cart' }).waitFor();
    await expectOneRootAtTheEnd(page);
    await saveScreenshot(page, 'react-on-body');

    expect(console.filter((entry) => entry.type === 'pageerror')).toEqual([]);
    expect(parleyLines('error')).toEqual([]);
  });
});
