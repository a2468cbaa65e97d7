// Host pages whose own JavaScript patches the built-ins (Prototype.js, MooTools, zone.js, Bluebird
// as window.Promise, a fetch polyfill forced over the native fetch) or whose CSS framework
// restyles everything (Bootstrap, Tailwind's preflight). Each loads the real library, served from node_modules, except Prototype's
// browser build, which is not on npm: test/e2e/fixtures/prototype-patches.js reproduces it.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'tailwindcss';
import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot, type TestPage } from './helpers/browser';
import { createRequests, sendRequests } from './helpers/demo';
import { fixtureSuite } from './helpers/fixtures';
import { expectMessageShown, looks, openWidget, parley, sendReply, startConversation, timesShown, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const script = (src: string) => `<script src="${src}"></script>`;

/**
 * What each patched page loads before the widget's tag, as the site would, and an expression that
 * is true in the page once the library has done its patching (so that a test cannot pass on a
 * page where the library failed to load).
 */
const PATCHED_PAGES = {
  // Magento 1 and Rails 2 shops: prototype.js first in <head>.
  prototype: { head: script('/fixtures/prototype-patches.js'), loaded: "typeof Array.prototype.toJSON === 'function' && Array.from === window.$A" },
  // MooTools Core 1.5.2 (Core, Array, String, Function, Number, Object, JSON); the npm package is its
  // DOM-less build, whose language layer is the browser build's.
  mootools: {
    head: script('/node_modules/mootools/lib/mootools-core-1.5.2-server.js'),
    loaded: "window.MooTools.version === '1.5.2' && Array.from.toString().indexOf('[native code]') < 0",
  },
  // An Angular app: polyfills (zone.js) before everything else. It patches Promise, fetch, timers,
  // addEventListener, MutationObserver…
  'zone.js': {
    head: script('/node_modules/zone.js/bundles/zone.umd.js'),
    loaded: "typeof Zone === 'function' && !!window.fetch[Zone.__symbol__('OriginalDelegate')]",
  },
  // Bluebird's browser build replaces window.Promise, as old sites loaded it.
  bluebird: { head: script('/node_modules/bluebird/js/browser/bluebird.min.js'), loaded: "typeof window.Promise.promisify === 'function'" },
  // whatwg-fetch installs itself only where fetch is missing; sites that want its XHR-based fetch
  // everywhere (upload progress, old proxies) put it in by hand, fetch alone…
  'whatwg-fetch (fetch only)': {
    head: `${script('/node_modules/whatwg-fetch/dist/fetch.umd.js')}<script>window.fetch = WHATWGFetch.fetch;</script>`,
    loaded: 'window.fetch.polyfill === true',
  },
  // …or remove the native one first, so that it installs itself whole (fetch, Headers, Request, Response).
  'whatwg-fetch (installed whole)': {
    head: `<script>delete window.fetch;</script>${script('/node_modules/whatwg-fetch/dist/fetch.umd.js')}`,
    loaded: 'window.fetch.polyfill === true && window.Headers === WHATWGFetch.Headers',
  },
} as const;

/** Page errors (uncaught exceptions) and `[Parley]` errors: none is expected on any of these pages. */
function problems({ console, parleyLines }: TestPage): string[] {
  return [...console.filter((entry) => entry.type === 'pageerror').map((entry) => entry.text), ...parleyLines('error')];
}

/** Opens `url` and waits for the widget; `loaded`, when given, must hold in the page. */
async function visit({ page }: TestPage, url: string, loaded?: string): Promise<void> {
  await page.goto(url);
  if (loaded) expect(await page.evaluate(loaded), `${loaded} in the page`).toBe(true);
  await waitForWidget(page);
}

/**
 * A whole conversation as a customer has it, on the page open at `url`: start, read the team's
 * reply, answer, reload and find it all again. The helpdesk must hold exactly what was typed,
 * once, with the metadata intact.
 */
async function holdConversation({ page }: TestPage, url: string, label: string): Promise<void> {
  expect(page.url()).toBe(url);
  // A site's metadata with an array and a nested object: JSON that patched built-ins mangle.
  await parley(page, 'metadata', { plan: 'pro', tags: ['vip', 'wholesale'], cart: { items: [{ sku: 'K-1', qty: 2 }] } });
  await openWidget(page);
  const email = `${label.toLowerCase().replace(/\W+/g, '-')}.${unique('x').split(' ')[1]}@example.com`;
  const firstLine = unique(`Order help on a ${label} page`);
  await startConversation(page, { name: 'Ada Lovelace', email, message: `${firstLine}\nSecond line.` });
  await expectMessageShown(page, firstLine);

  const creates = createRequests(site.emulator);
  expect(creates).toHaveLength(1);
  const body = creates[0]!.body as Record<string, unknown>;
  expect(body).toMatchObject({ subject: firstLine, user_email: email, user_first_name: 'Ada', channel: 'web' });
  expect(body.metadata).toMatchObject({ plan: 'pro', tags: ['vip', 'wholesale'], cart: { items: [{ sku: 'K-1', qty: 2 }] } });

  const conversation = site.emulator.listConversations().find((item) => item.requester.email === email)!;
  const agentText = unique(`The team answers on the ${label} page`);
  site.emulator.agentReply(conversation.id, agentText);
  await expectMessageShown(page, agentText);

  const replyText = unique(`The customer answers on the ${label} page`);
  await sendReply(page, replyText);
  await expectMessageShown(page, replyText);
  await expect.poll(() => site.emulator.listMessages(conversation.id).filter((item) => item.body === replyText).length, { timeout: 10_000 }).toBe(1);
  expect(sendRequests(site.emulator).map((request) => request.body)).toEqual([{ body: replyText, user_email: email }]);
  expect(await widget(page).composer.inputValue()).toBe('');

  site.emulator.clearRequests();
  await page.reload();
  await waitForWidget(page);
  await openWidget(page);
  await expectMessageShown(page, agentText);
  for (const text of [firstLine, replyText]) expect(await timesShown(page, text)).toBe(1);
  // Resumed, not started again; and nothing left in the outbox to send a second time.
  expect(createRequests(site.emulator)).toHaveLength(0);
  // Polling goes on, and revalidates with the list's ETag: the helpdesk answers 304.
  const revalidated = () => site.emulator.requests.some((request) => request.method === 'GET' && request.path.endsWith('/messages/') && request.status === 304);
  await expect.poll(revalidated, { timeout: 15_000 }).toBe(true);
  expect(sendRequests(site.emulator)).toHaveLength(0);
  expect(site.emulator.listMessages(conversation.id).filter((item) => item.body === replyText)).toHaveLength(1);
}

describe('a page whose JavaScript patches the built-ins', () => {
  test.each(Object.keys(PATCHED_PAGES) as (keyof typeof PATCHED_PAGES)[])('%s: a whole conversation, delivered once, resumed after a reload', async (name) => {
    const { head, loaded } = PATCHED_PAGES[name];
    const url = site.page(`/patched-${name.replace(/\W+/g, '-')}.html`, site.html({ head, title: `A shop with ${name}` }));
    const opened = await browser.newPage();
    await visit(opened, url, loaded);
    await holdConversation(opened, url, name);
    expect(problems(opened)).toEqual([]);
  });

  test('prototype: two tabs of the shop share the conversation, each reply shown in both and sent once', async () => {
    const { head, loaded } = PATCHED_PAGES.prototype;
    const url = site.page('/patched-prototype-tabs.html', site.html({ head, title: 'A shop with prototype, two tabs' }));
    const first = await browser.newPage();
    await visit(first, url, loaded);
    await openWidget(first.page);
    const email = `two.tabs.${unique('x').split(' ')[1]}@example.com`;
    const message = unique('Asked in the first tab');
    await startConversation(first.page, { name: 'Ada', email, message });
    const conversation = site.emulator.listConversations().find((item) => item.requester.email === email)!;

    // A second tab of the same browser: the tabs share what one of them polls.
    const second = await first.context.newPage();
    const secondErrors: string[] = [];
    second.on('pageerror', (error) => secondErrors.push(`${error.name}: ${error.message}`));
    second.on('console', (line) => line.type() === 'error' && line.text().includes('[Parley]') && secondErrors.push(line.text()));
    await second.goto(url);
    await waitForWidget(second);
    await openWidget(second);
    await expectMessageShown(second, message);

    const answer = unique('The team answers both tabs');
    site.emulator.agentReply(conversation.id, answer);
    await expectMessageShown(first.page, answer);
    await expectMessageShown(second, answer);

    const reply = unique('Replied from the second tab');
    await sendReply(second, reply);
    await expectMessageShown(first.page, reply);
    await expectMessageShown(second, reply);
    expect(site.emulator.listMessages(conversation.id).filter((item) => item.body === reply)).toHaveLength(1);
    expect(sendRequests(site.emulator)).toHaveLength(1);
    expect([...problems(first), ...secondErrors]).toEqual([]);
  });
});

const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Tailwind as a site ships it: `@import "tailwindcss"` compiled by the tailwindcss package. */
async function tailwindCss(candidates: string[]): Promise<string> {
  const compiler = await compile('@import "tailwindcss";', {
    base: REPO_DIR,
    async loadStylesheet(id, base) {
      const path = id === 'tailwindcss' ? `${REPO_DIR}node_modules/tailwindcss/index.css` : new URL(id, `file://${base}/`).pathname;
      return { path, base: path.slice(0, path.lastIndexOf('/')), content: await readFile(path, 'utf8') };
    },
  });
  return compiler.build(candidates);
}

const BOOTSTRAP_BODY = `
  <nav class="navbar navbar-expand-lg bg-body-tertiary"><div class="container-fluid">
    <a class="navbar-brand" href="#">Shop</a>
    <div class="dropdown"><button class="btn btn-secondary dropdown-toggle" type="button" data-bs-toggle="dropdown" aria-expanded="false">Account</button>
      <ul class="dropdown-menu"><li><a class="dropdown-item" href="#">Orders</a></li></ul></div>
  </div></nav>
  <main class="container"><div class="row"><div class="col"><button class="btn btn-primary">Buy</button></div></div></main>`;

const TAILWIND_BODY = `
  <main class="mx-auto max-w-3xl p-8"><h2 class="text-2xl font-bold">Coffee</h2>
    <button class="rounded bg-indigo-600 px-4 py-2 text-white">Buy</button></main>`;

describe('a page that removed a built-in the widget needs', () => {
  // E.g. `delete window.fetch` to force a polyfill whose script then failed to load.
  test.each(['fetch', 'AbortController', 'Headers'])('without window.%s: one clear console error, no widget, no uncaught error', async (name) => {
    const url = site.page(`/without-${name}.html`, site.html({ head: `<script>delete window.${name};</script>`, title: `A shop without ${name}` }));
    const opened = await browser.newPage();
    await opened.page.goto(url);
    await expect.poll(() => opened.parleyLines('error').length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(opened.parleyLines('error')).toEqual([
      expect.stringMatching(new RegExp(`^\\[Parley\\] window\\.${name} is undefined: a script on this page removed or replaced it`)),
    ]);
    expect(opened.console.filter((entry) => entry.type === 'pageerror')).toEqual([]);
    // Nothing drawn that a customer could type into and lose.
    expect(await widget(opened.page).root.count()).toBe(0);
  });
});

/** True in the page once the framework is there: its reset took the body's margin, and its own parts. */
const FRAMEWORK_LOADED = {
  bootstrap: "getComputedStyle(document.body).margin === '0px' && typeof window.bootstrap.Dropdown === 'function'",
  tailwind: "getComputedStyle(document.body).margin === '0px' && getComputedStyle(document.querySelector('button')).backgroundColor !== 'rgb(239, 239, 239)'",
} as const;

describe('a page styled by a CSS framework', () => {
  test.each(['bootstrap', 'tailwind'] as const)('%s: the widget looks as on a plain page, and a conversation works', async (framework) => {
    const plainUrl = site.page('/plain.html', site.html({ title: 'A plain shop' }));
    const head =
      framework === 'bootstrap'
        ? `<link rel="stylesheet" href="/node_modules/bootstrap/dist/css/bootstrap.min.css">${script('/node_modules/bootstrap/dist/js/bootstrap.bundle.min.js')}`
        : '<link rel="stylesheet" href="/tailwind.css">';
    if (framework === 'tailwind')
      site.page(
        '/tailwind.css',
        await tailwindCss(['mx-auto', 'max-w-3xl', 'p-8', 'text-2xl', 'font-bold', 'rounded', 'bg-indigo-600', 'px-4', 'py-2', 'text-white']),
      );
    const url = site.page(
      `/${framework}.html`,
      site.html({ head, body: framework === 'bootstrap' ? BOOTSTRAP_BODY : TAILWIND_BODY, title: `A ${framework} shop` }),
    );

    const plain = await browser.newPage();
    await visit(plain, plainUrl);
    const expected = await looks(plain.page);

    const styled = await browser.newPage();
    await visit(styled, url, FRAMEWORK_LOADED[framework]);
    expect(await looks(styled.page)).toEqual(expected);
    await saveScreenshot(styled.page, `framework-${framework}`);

    // From a fresh load: looks() left the panel open.
    await visit(styled, url);
    await holdConversation(styled, url, framework);
    expect(problems(styled)).toEqual([]);
  });
});
