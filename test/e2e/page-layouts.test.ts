// The demo's other host pages: an Arabic right-to-left shop, the panel inline in a help page, and
// a single-page app that never reloads.

import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { createRequests, demoSuite } from './helpers/demo';
import { expectMessageShown, NAMES, openWidget, startConversation, timesShown, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

describe('a printed page', () => {
  test('carries no launcher and no open panel, and the widget is back on screen after printing', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await openWidget(page);
    const ui = widget(page);
    await page.emulateMedia({ media: 'print' });
    await ui.launcher.waitFor({ state: 'hidden' });
    await ui.panel.waitFor({ state: 'hidden' });
    await page.emulateMedia({ media: 'screen' });
    await ui.launcher.waitFor();
    await ui.panel.waitFor();
  });

  test('inline, the panel is part of the page, and prints with it', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/inline.html'));
    await waitForWidget(page);
    const ui = widget(page);
    await ui.panel.waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await ui.panel.isVisible()).toBe(true);
  });
});

describe('the Arabic (RTL) shop', () => {
  test('the panel is right-to-left with Arabic accessible names, and the launcher sits on the left', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/rtl.html'));
    await waitForWidget(page);
    const ui = widget(page, NAMES.ar);
    await ui.launcher.waitFor();
    expect(await ui.launcher.getAttribute('aria-label')).toBe(NAMES.ar.openChat);
    const launcher = (await ui.launcher.boundingBox())!;
    expect(launcher.x).toBe(20);

    await openWidget(page, NAMES.ar);
    expect(await ui.launcher.getAttribute('aria-label')).toBe(NAMES.ar.closeChat);
    expect(await ui.panel.getAttribute('dir')).toBe('rtl');
    expect(await ui.dialog.getAttribute('aria-label')).toBe(NAMES.ar.title);
    for (const part of [ui.closeButton, ui.nameField, ui.emailField, ui.messageField, ui.startButton]) await part.waitFor();
    // The panel opens on the launcher's side.
    expect((await ui.panel.boundingBox())!.x).toBe(20);
    await saveScreenshot(page, 'rtl-form');

    const message = unique('أين طلبي؟');
    await ui.emailField.fill('rtl@example.com');
    await ui.messageField.fill(message);
    await ui.startButton.click();
    await ui.log.waitFor({ timeout: 10_000 });
    await ui.composer.waitFor();
    await ui.sendButton.waitFor();
    await expect.poll(() => ui.log.innerText()).toContain(message);
    await saveScreenshot(page, 'rtl');
  });
});

describe('the site owner’s own words in a panel of another direction', () => {
  test('the English shop read by an Arabic-speaking customer: its title and greeting read left to right, the panel’s own texts right to left', async () => {
    const { page } = await browser.newPage({ locale: 'ar' });
    await page.goto(demo.url('/'));
    await openWidget(page, NAMES.ar);
    const ui = widget(page, NAMES.ar);
    expect(await ui.panel.getAttribute('dir')).toBe('rtl');
    const direction = (selector: string) => ui.panel.locator(selector).evaluate((element) => getComputedStyle(element).direction);
    // "Hi! Questions about beans, brewing or an order? A roaster will answer here." keeps its full
    // stop at its end, on the right.
    expect(await direction('.greeting')).toBe('ltr');
    // The title keeps the panel's start, on the right, and reads left to right there.
    expect(await direction('.title')).toBe('rtl');
    expect(await direction('.title bdi')).toBe('ltr');
    expect(await direction('form')).toBe('rtl');
    await saveScreenshot(page, 'english-shop-arabic-panel');
  });
});

describe('the help page with an inline panel', () => {
  test('the panel is inside the target element, always shown, with no launcher', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/inline.html'));
    await waitForWidget(page);
    expect(await page.locator('#support > #parley-root').count()).toBe(1);
    const ui = widget(page);
    expect(await ui.launcher.count()).toBe(0);
    await ui.panel.waitFor();
    // The role product.md fixes for the panel, named by the page's data-title.
    const title = await page.locator('script[src="/parley.js"]').getAttribute('data-title');
    expect(await ui.root.getByRole('dialog', { name: title!, exact: true }).count()).toBe(1);
    // Inside the section's box, not floating over the page.
    const section = (await page.locator('#support').boundingBox())!;
    const panel = (await ui.panel.boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(section.x);
    expect(panel.x + panel.width).toBeLessThanOrEqual(section.x + section.width + 0.5);
    expect(panel.y).toBeGreaterThanOrEqual(section.y);
    // Shown without any request: a first visit still leaves no trace.
    expect(demo.emulator.requests).toEqual([]);

    const message = unique('Inline question about returns');
    await startConversation(page, { email: 'inline@example.com', message });
    await expectMessageShown(page, message);
    await page.locator('#support').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'inline');
  });
});

describe('the single-page app', () => {
  test('survives pushState navigation: one root, the conversation kept, the URL of the moment reported', async () => {
    const { page, parleyLines } = await browser.newPage();
    await page.goto(demo.url('/spa/'));
    await waitForWidget(page);
    await page.getByRole('link', { name: 'AeroPress', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/spa/aeropress');

    await openWidget(page);
    const message = unique('My AeroPress drips through');
    await startConversation(page, { email: 'spa@example.com', message });
    const metadata = (createRequests(demo.emulator)[0]!.body as { metadata: Record<string, unknown> }).metadata;
    expect(metadata.page_url).toBe(demo.url('/spa/aeropress'));
    expect(metadata.page_title).toBe('AeroPress · Brew guides');

    await page.getByRole('link', { name: 'V60', exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/spa/v60');
    await page.goBack();
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/spa/aeropress');
    expect(await page.locator('#parley-root').count()).toBe(1);
    const ui = widget(page);
    expect(await ui.panel.isVisible()).toBe(true);
    expect(await timesShown(page, message)).toBe(1);

    const conversation = demo.emulator.listConversations().find((item) => item.subject === message)!;
    const answer = unique('Flip it and use a paper filter');
    demo.emulator.agentReply(conversation.id, answer);
    await expectMessageShown(page, answer);

    // A careless re-render pastes the snippet again: still one widget, and the console says why.
    await ui.closeButton.click();
    await page.getByRole('button', { name: 'Paste the snippet again' }).click();
    await expect.poll(() => parleyLines().filter((line) => /loaded twice/i.test(line))).toHaveLength(1);
    expect(await page.locator('#parley-root').count()).toBe(1);
    await openWidget(page);
    expect(await timesShown(page, message)).toBe(1);
    expect(createRequests(demo.emulator)).toHaveLength(1);
  });
});
