// What loads when (issue 12): dist/parley.js alone draws the launcher; the conversation code comes
// from beside it on intent, on a click, or for a returning customer when the page is idle; a file
// that cannot load is explained where the panel would be, with a retry. Under a strict CSP (with
// and without 'strict-dynamic'), Trusted Types and Subresource Integrity, from a sub-folder, and
// as the one standalone file.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import fr from '../../widget/i18n/fr';
import ko from '../../widget/i18n/ko';
import zhHant from '../../widget/i18n/zh-Hant';
import type { BuildManifest } from '../../widget/loader/chunks';
import { browserSuite, DIST_DIR } from './helpers/browser';
import { fixtureSuite, SUB_FOLDER } from './helpers/fixtures';
import { expectMessageShown, openWidget, startConversation, unique, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const appRequests = (from = 0) => site.widgetRequests.slice(from).filter((path) => /parley-app\.[\w-]+\.js$/.test(path));
const quiet = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A whole conversation: the form, the team's answer shown. */
async function converse(page: Page, label: string) {
  const message = unique(label);
  await startConversation(page, { email: 'loading@example.com', message });
  const conversation = site.emulator.listConversations().find((item) => item.subject === message)!;
  const answer = unique('Answer');
  site.emulator.agentReply(conversation.id, answer);
  await expectMessageShown(page, answer);
}

describe('what a page view loads', () => {
  test('a first visit that shows no intent fetches the loader only, and draws the launcher', async () => {
    const { page, console, parleyLines } = await browser.newPage();
    await page.goto(site.page('/first.html', site.html()));
    await widget(page).launcher.waitFor({ state: 'visible' });
    // Past the load and the page's idle time.
    await quiet(1500);
    expect(site.widgetRequests).toEqual(['/parley.js']);
    expect([...parleyLines('error'), ...console.filter((entry) => entry.type === 'pageerror').map((entry) => entry.text)]).toEqual([]);
  });

  test('pointing at the launcher loads the conversation code; the click then opens the panel', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/hover.html', site.html()));
    const ui = widget(page);
    await ui.launcher.hover();
    await expect.poll(appRequests).toHaveLength(1);
    await openWidget(page);
    await converse(page, 'After a hover');
    expect(appRequests()).toHaveLength(1);
  });

  test('with the keyboard alone: Tab to the launcher, Enter, and the first field has focus', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/keyboard.html', site.html()));
    const ui = widget(page);
    await ui.launcher.waitFor({ state: 'visible' });
    await page.keyboard.press('Tab');
    await expect.poll(() => ui.launcher.evaluate((element) => element.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await ui.panel.waitFor({ state: 'visible' });
    await expect.poll(() => page.evaluate(() => document.getElementById('parley-root')?.shadowRoot?.activeElement?.tagName)).toMatch(/^(INPUT|TEXTAREA)$/);
    expect(await ui.launcher.getAttribute('aria-expanded')).toBe('true');
  });

  test('a data-parley-open element loads on intent and opens on click', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/opener.html', site.html({ body: '<button data-parley-open>Talk to us</button>' })));
    await widget(page).launcher.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Talk to us' }).hover();
    await expect.poll(appRequests).toHaveLength(1);
    await page.getByRole('button', { name: 'Talk to us' }).click();
    await widget(page).panel.waitFor({ state: 'visible' });
  });

  // A site built of web components: its header's "Talk to us" button lives in a shadow root, and
  // the click reaches the document as a click on the header element.
  test('a data-parley-open element inside the page’s own shadow root loads on intent and opens on click', async () => {
    const { page } = await browser.newPage();
    const header =
      '<site-header></site-header><script>customElements.define("site-header", class extends HTMLElement { connectedCallback() {' +
      ' this.attachShadow({ mode: "open" }).innerHTML = "<nav><button data-parley-open><span>Talk to us</span></button></nav>"; } });</script>';
    await page.goto(site.page('/opener-in-shadow.html', site.html({ body: header })));
    await widget(page).launcher.waitFor({ state: 'visible' });
    const start = site.widgetRequests.length;
    await page.getByRole('button', { name: 'Talk to us' }).hover();
    await expect.poll(() => appRequests(start)).toHaveLength(1);
    await page.getByRole('button', { name: 'Talk to us' }).click();
    await widget(page).panel.waitFor({ state: 'visible' });
  });

  test('a returning customer gets the unread badge without a click', async () => {
    const { page } = await browser.newPage();
    const url = site.page('/returning.html', site.html());
    await page.goto(url);
    await openWidget(page);
    const message = unique('Before leaving');
    await startConversation(page, { email: 'back@example.com', message });
    const conversation = site.emulator.listConversations().find((item) => item.subject === message)!;

    await page.goto(site.page('/elsewhere.html', site.html({ tag: null, stub: false })));
    site.emulator.agentReply(conversation.id, unique('While away'));
    const before = site.widgetRequests.length;
    await page.goto(url);
    const launcher = widget(page).launcher;
    await expect.poll(() => launcher.locator('.badge').textContent(), { timeout: 15_000 }).toBe('1');
    expect(appRequests(before)).toHaveLength(1);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('languages', () => {
  const languageRequests = () => site.widgetRequests.filter((path) => /^\/parley-(?!app\.|languages\.)[\w-]+\.[\w-]+\.js$/.test(path));
  const indexRequests = () => site.widgetRequests.filter((path) => /^\/parley-languages\.[\w-]+\.js$/.test(path));

  test('another language’s texts are a file of their own, fetched at once: the launcher is named in it, the panel speaks it, and locale switches', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/french.html', site.html({ attributes: { 'data-locale': 'fr' } })));
    const launcher = widget(page).root.getByRole('button', { name: 'Ouvrir le chat d’assistance' });
    await launcher.waitFor();
    expect(await widget(page).root.locator('.parley').getAttribute('lang')).toBe('fr');
    await quiet(1000);
    // The languages' index and French: no conversation code before intent.
    expect(site.widgetRequests).toEqual(['/parley.js', expect.stringMatching(/^\/parley-languages\./), expect.stringMatching(/^\/parley-fr\./)]);
    await launcher.click();
    await widget(page).root.getByRole('button', { name: 'Démarrer la conversation' }).waitFor();
    expect(languageRequests()).toEqual([expect.stringMatching(/^\/parley-fr\./)]);

    await page.evaluate(() => (window as unknown as { Parley: (command: string, tag: string) => void }).Parley('locale', 'he'));
    // Launcher and panel switch together once the file is here, right to left.
    await widget(page).root.getByRole('button', { name: 'סגירת צ׳אט התמיכה' }).waitFor();
    expect(await widget(page).root.locator('.parley').getAttribute('dir')).toBe('rtl');
    expect(await widget(page).panel.getAttribute('dir')).toBe('rtl');
    expect(languageRequests()).toEqual([expect.stringMatching(/^\/parley-fr\./), expect.stringMatching(/^\/parley-he\./)]);
    expect(indexRequests()).toHaveLength(1);
  });

  test('a browser’s regional tag picks the file its people read: zh-TW → Traditional Chinese', async () => {
    const { page } = await browser.newPage({ locale: 'zh-TW' });
    await page.goto(site.page('/taiwan.html', site.html()));
    // The launcher speaks English for as long as the file takes, then Traditional Chinese.
    await widget(page).root.getByRole('button', { name: zhHant.openChat }).click();
    await widget(page).root.getByRole('textbox', { name: zhHant.email }).waitFor();
    expect(languageRequests()).toEqual([expect.stringMatching(/^\/parley-zh-Hant\./)]);
  });

  test('an English-speaking customer loads no language file, nor the index', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/english.html', site.html()));
    await openWidget(page);
    expect([...languageRequests(), ...indexRequests()]).toEqual([]);
  });
});

describe('a file that cannot load', () => {
  test('the customer who clicked is told where the panel would be, error fires, the console names the file, and Try again works once it is back', async () => {
    const { page, parleyLines } = await browser.newPage();
    site.withoutChunks(true);
    await page.goto(site.page('/missing.html', site.html({ head: '<script>window.errors = []; Parley("on", "error", (e) => errors.push(e));</script>' })));
    const ui = widget(page);
    await ui.launcher.click();
    const alert = page.locator('#parley-root').getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('The chat could not be loaded. Check your connection and try again.Try again');
    expect(await ui.panel.count()).toBe(0);
    const errors = await page.evaluate(() => (window as unknown as { errors: Array<{ kind: string; message: string }> }).errors);
    expect(errors.at(-1)).toMatchObject({ kind: 'load', message: expect.stringMatching(/parley-app\.[\w-]+\.js could not be loaded: not found/) });
    expect(parleyLines('error').join('\n')).toMatch(/http:\/\/127\.0\.0\.1:\d+\/parley-app\.[\w-]+\.js could not be loaded/);

    site.withoutChunks(false);
    await page.locator('#parley-root').getByRole('button', { name: 'Try again' }).click();
    await ui.panel.waitFor({ state: 'visible' });
    expect(await alert.isVisible()).toBe(false);
    await converse(page, 'After a retry');
  });
});

describe('a file whose request stalls', () => {
  test('the customer who clicked is told after 15 s, error fires, and Try again opens the panel once the file has come after all', async () => {
    const { page, context, parleyLines } = await browser.newPage();
    await context.clock.install();
    // A connection gone dead: the conversation code's request is held, neither answered nor failed.
    const held: Array<() => Promise<void>> = [];
    await page.route(/\/parley-app\.[\w-]+\.js$/, (route) => void held.push(() => route.continue()));
    await page.goto(site.page('/stalled.html', site.html({ head: '<script>window.errors = []; Parley("on", "error", (e) => errors.push(e));</script>' })));
    const ui = widget(page);
    await ui.launcher.click();
    await expect.poll(() => held.length).toBe(1);
    const alert = page.locator('#parley-root').getByRole('alert');
    await context.clock.runFor(14_000);
    expect(await ui.launcher.getAttribute('aria-busy')).toBe('true');
    expect(await alert.isVisible()).toBe(false);

    await context.clock.runFor(1_000);
    await expect.poll(() => alert.textContent()).toBe('The chat could not be loaded. Check your connection and try again.Try again');
    expect(await ui.launcher.getAttribute('aria-busy')).toBeNull();
    const errors = await page.evaluate(() => (window as unknown as { errors: Array<{ kind: string; message: string }> }).errors);
    expect(errors.at(-1)).toMatchObject({ kind: 'load', message: expect.stringMatching(/parley-app\.[\w-]+\.js did not arrive within 15 s/) });
    expect(parleyLines('error').join('\n')).toMatch(/did not arrive within 15 s: the connection is very slow or stalled/);

    // The file comes after all, and has run: trying again opens the panel without another request.
    await held[0]!();
    await expect.poll(() => page.evaluate(() => 'app' in ((window as unknown as { ParleyChunks?: object }).ParleyChunks ?? {}))).toBe(true);
    await page.locator('#parley-root').getByRole('button', { name: 'Try again' }).click();
    await ui.panel.waitFor({ state: 'visible' });
    expect(held).toHaveLength(1);
    expect(await alert.isVisible()).toBe(false);
  });

  test('Try again while the first request is still dead: a request of its own, and the panel opens when it is answered', async () => {
    const { page, context } = await browser.newPage();
    await context.clock.install();
    const held: Array<{ url: string; release(): Promise<void> }> = [];
    await page.route(/\/parley-app\.[\w-]+\.js(\?.*)?$/, (route) => void held.push({ url: route.request().url(), release: () => route.continue() }));
    await page.goto(site.page('/stalled-retry.html', site.html()));
    const ui = widget(page);
    await ui.launcher.click();
    await expect.poll(() => held.length).toBe(1);
    await context.clock.runFor(15_000);
    await page.locator('#parley-root').getByRole('button', { name: 'Try again' }).click();
    expect(await ui.launcher.getAttribute('aria-busy')).toBe('true');
    // A second script of the same address would wait on the first, which never answers.
    await expect.poll(() => held.length).toBe(2);
    expect(held[1]!.url).toBe(`${held[0]!.url}?retry=1`);
    await held[1]!.release();
    await ui.panel.waitFor({ state: 'visible' });
    await converse(page, 'After a stall');
  });

  test('Try again, then the first request arrives after all: the panel opens without waiting for the second', async () => {
    const { page, context } = await browser.newPage();
    await context.clock.install();
    const held: Array<{ url: string; release(): Promise<void> }> = [];
    await page.route(/\/parley-app\.[\w-]+\.js(\?.*)?$/, (route) => void held.push({ url: route.request().url(), release: () => route.continue() }));
    await page.goto(site.page('/stalled-arrives.html', site.html()));
    const ui = widget(page);
    await ui.launcher.click();
    await expect.poll(() => held.length).toBe(1);
    await context.clock.runFor(15_000);
    await page.locator('#parley-root').getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => held.length).toBe(2);

    // The first answer comes; the second request stays dead.
    await held[0]!.release();
    await ui.panel.waitFor({ state: 'visible' });
    expect(await ui.launcher.getAttribute('aria-busy')).toBeNull();
    await converse(page, 'The first answer came');
    // The dead second request does not report a failure 15 s later.
    await context.clock.runFor(15_000);
    expect(await page.locator('#parley-root').getByRole('alert').isVisible()).toBe(false);
    expect(await ui.panel.isVisible()).toBe(true);
  });
});

describe('under the page’s security policies', () => {
  const NONCE = 'cGFybGV5LWxvYWRpbmc=';
  const csp = (scriptSrc: string, extra = '') =>
    `default-src 'none'; script-src ${scriptSrc}; style-src 'nonce-${NONCE}'; connect-src ${site.emulator.url}${extra}`;
  const strictPage = (path: string, policy: string, tagExtra = '') =>
    site.page(
      path,
      site
        .html({ tag: site.scriptTag({}, `defer nonce="${NONCE}"${tagExtra}`), head: '' })
        .replace(`<script>window.Parley`, `<script nonce="${NONCE}">window.Parley`),
      {
        headers: { 'Content-Security-Policy': policy },
      },
    );

  test.each([
    ['a nonce', `'nonce-${NONCE}'`],
    ["a nonce and 'strict-dynamic'", `'nonce-${NONCE}' 'strict-dynamic'`],
  ])('a strict CSP with %s: the files load with the tag’s nonce, and a whole conversation works', async (_name, scriptSrc) => {
    const { page, console } = await browser.newPage();
    await page.goto(strictPage(`/csp-${scriptSrc.length}.html`, csp(scriptSrc)));
    await openWidget(page);
    await converse(page, 'Under CSP');
    expect(console.filter((entry) => /Content Security Policy|pageerror/.test(entry.text) || entry.type === 'pageerror')).toEqual([]);
  });

  test('Trusted Types enforced: the files load through the "parley" policy', async () => {
    const { page, console } = await browser.newPage();
    const policy = `${csp(`'nonce-${NONCE}'`)}; require-trusted-types-for 'script'; trusted-types parley`;
    await page.goto(strictPage('/trusted-types.html', policy));
    await openWidget(page);
    await converse(page, 'Under Trusted Types');
    // Another language: the languages' index, then its file, through the same policy.
    await page.evaluate(() => (window as unknown as { Parley: (command: string, tag: string) => void }).Parley('locale', 'ko'));
    await widget(page).root.getByRole('button', { name: ko.closeChat }).waitFor();
    expect(console.filter((entry) => /Trusted Type|Content Security Policy/.test(entry.text) || entry.type === 'pageerror')).toEqual([]);
  });

  test('Subresource Integrity on the tag: the conversation code is loaded pinned to its hash', async () => {
    const { page } = await browser.newPage();
    const loader = readFileSync(`${DIST_DIR}parley.js`);
    const integrity = `sha384-${createHash('sha384').update(loader).digest('base64')}`;
    const manifest = JSON.parse(readFileSync(`${DIST_DIR}manifest.json`, 'utf8')) as BuildManifest;
    // Records the integrity of each script the widget adds.
    const recorder = `<script>window.added = []; new MutationObserver((records) => { for (const record of records) for (const node of record.addedNodes) if (node.tagName === 'SCRIPT' && node.src) added.push([node.src, node.integrity]); }).observe(document.documentElement, { childList: true, subtree: true });</script>`;
    await page.goto(site.page('/sri.html', site.html({ head: recorder, tag: site.scriptTag({}, `defer integrity="${integrity}" crossorigin="anonymous"`) })));
    await openWidget(page);
    const added = await page.evaluate(() => (window as unknown as { added: string[][] }).added);
    expect(added).toContainEqual([`${site.siteUrl}/${manifest.app.file}`, manifest.app.integrity]);
    await converse(page, 'Pinned');
    // A language: the index is pinned by the loader, the language's file by the index.
    await page.evaluate(() => (window as unknown as { Parley: (command: string, tag: string) => void }).Parley('locale', 'fr'));
    await widget(page).root.getByRole('button', { name: fr.closeChat }).waitFor();
    const more = await page.evaluate(() => (window as unknown as { added: string[][] }).added);
    expect(more).toContainEqual([`${site.siteUrl}/${manifest.languages.file}`, manifest.languages.integrity]);
    expect(more).toContainEqual([`${site.siteUrl}/${manifest.strings.fr!.file}`, manifest.strings.fr!.integrity]);
  });
});

describe('where dist/ is hosted', () => {
  test('in a sub-folder: the files come from beside the loader', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/sub-folder.html', site.html({ tag: site.scriptTag().replace('src="/parley.js"', `src="${SUB_FOLDER}parley.js"`) })));
    await openWidget(page);
    expect(appRequests()).toEqual([expect.stringMatching(new RegExp(`^${SUB_FOLDER}parley-app\\.`))]);
    await converse(page, 'From a sub-folder');
  });

  test('the standalone file alone: nothing else is fetched, and the whole flow works', async () => {
    const { page } = await browser.newPage();
    await page.goto(site.page('/standalone.html', site.html({ tag: site.scriptTag().replace('src="/parley.js"', 'src="/parley.standalone.js"') })));
    await openWidget(page);
    await converse(page, 'Standalone');
    await page.evaluate(() => (window as unknown as { Parley: (command: string, tag: string) => void }).Parley('locale', 'fr'));
    await widget(page).root.getByRole('button', { name: 'Fermer le chat d’assistance' }).waitFor();
    expect(site.widgetRequests).toEqual(['/parley.standalone.js']);
  });
});
