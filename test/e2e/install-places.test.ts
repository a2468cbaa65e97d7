// Where site owners actually paste the tag (issue 14): in <head> without defer or async (the most
// common install mistake; CMS "header scripts" boxes do exactly that), async, at the end of
// <body>, injected later by a tag manager. Each must show one launcher and hold a conversation.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, type ConsoleEntry } from './helpers/browser';
import { FIXTURE_CLIENT_KEY, fixtureSuite } from './helpers/fixtures';
import { expectMessageShown, openWidget, startConversation, unique, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

/** A long body, so that the parser is still busy with it when a head script has run. */
const LONG_BODY = `<main>${'<p>Paragraph of the host page, long enough to take the parser a while.</p>'.repeat(2000)}</main>`;

/** Uncaught errors, and the widget's own console errors (the fixture site has no favicon: its 404 is not one). */
const problems = (console: ConsoleEntry[]) =>
  console.filter((entry) => entry.type === 'pageerror' || (entry.type === 'error' && entry.text.includes('[Parley]')));

async function expectWorkingWidget(page: Page, label: string) {
  const ui = widget(page);
  await ui.launcher.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.locator('#parley-root').count()).toBe(1);
  // At the end of body, as product.md promises, wherever the tag was.
  expect(await page.evaluate(() => document.body.lastElementChild?.id)).toBe('parley-root');
  await openWidget(page);
  const message = unique(label);
  await startConversation(page, { email: 'head@example.com', message });
  const conversation = site.emulator.listConversations().find((item) => item.subject === message);
  expect(conversation).toBeDefined();
  const answer = unique('Answer');
  site.emulator.agentReply(conversation!.id, answer);
  await expectMessageShown(page, answer);
}

describe('the tag works wherever it is pasted', () => {
  test('in <head> without defer or async, before the body exists', async () => {
    const { page, console } = await browser.newPage();
    await page.goto(site.page('/head-blocking.html', site.html({ tag: site.scriptTag({}, ''), body: LONG_BODY })));
    await expectWorkingWidget(page, 'From a head tag');
    expect(problems(console)).toEqual([]);
  });

  test('in <head> with async', async () => {
    const { page, console } = await browser.newPage();
    await page.goto(site.page('/head-async.html', site.html({ tag: site.scriptTag({}, 'async'), body: LONG_BODY })));
    await expectWorkingWidget(page, 'From an async tag');
    expect(problems(console)).toEqual([]);
  });

  test('at the end of <body>, without defer', async () => {
    const { page, console } = await browser.newPage();
    await page.goto(site.page('/body-end.html', site.html({ tag: null, body: `${LONG_BODY}${site.scriptTag({}, '')}` })));
    await expectWorkingWidget(page, 'From the end of body');
    expect(problems(console)).toEqual([]);
  });

  test('injected after load by a tag manager, with the snippet queue already holding commands', async () => {
    const { page, console } = await browser.newPage();
    const inject = `
      Parley('on', 'ready', function () { document.title = 'ready fired'; });
      window.addEventListener('load', function () {
        setTimeout(function () {
          var script = document.createElement('script');
          script.src = '/parley.js';
          script.async = true;
          script.setAttribute('data-client-key', ${JSON.stringify(FIXTURE_CLIENT_KEY)});
          script.setAttribute('data-api-url', ${JSON.stringify(site.emulator.url)});
          document.head.appendChild(script);
        }, 300);
      });`;
    await page.goto(site.page('/tag-manager.html', site.html({ tag: null, head: `<script>${inject}</script>` })));
    await expectWorkingWidget(page, 'From a tag manager');
    expect(await page.title()).toBe('ready fired');
    expect(problems(console)).toEqual([]);
  });

  test('in <head> without defer, and again at the end of <body>: one widget, one console warning', async () => {
    const { page, parleyLines } = await browser.newPage();
    const html = site.html({ tag: site.scriptTag({}, ''), body: site.scriptTag({}, '') });
    await page.goto(site.page('/head-and-body.html', html));
    await expectWorkingWidget(page, 'From two tags');
    expect(parleyLines().filter((line) => /loaded twice/i.test(line))).toHaveLength(1);
  });
});

describe('a tag that lost its attributes', () => {
  test('to a plugin that combines or delays scripts: no widget, and one console warning that says why, once the page has loaded', async () => {
    const { page, parleyLines } = await browser.newPage();
    await page.goto(site.page('/stripped.html', site.html({ tag: '<script src="/parley.js" defer></script>' })));
    await expect.poll(() => parleyLines('warning')).toEqual([expect.stringMatching(/no data-client-key, and no Parley\("init", …\) came by the page's load/)]);
    expect(parleyLines('warning')[0]).toMatch(/a plugin that combines, defers or delays scripts dropped them: exclude parley\.js from it/);
    expect(await page.locator('#parley-root').count()).toBe(0);
    expect(parleyLines('error')).toEqual([]);
  });
});
