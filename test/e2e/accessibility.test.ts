// WCAG 2.1 AA by axe-core in each state of the panel, light and dark, and the whole journey by
// keyboard alone.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, browserSuite, saveScreenshot } from './helpers/browser';
import { createRequests, demoSuite } from './helpers/demo';
import { animationsDone, expectMessageShown, openWidget, startConversation, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

async function expectNoViolations(page: Page): Promise<void> {
  // The entry animation fades the panel in: contrast is only meaningful once it is over.
  await animationsDone(page);
  const { violations, checked } = await axeViolations(page);
  expect(violations).toEqual([]);
  // A sanity check that axe did look inside the shadow root.
  expect(checked).toBeGreaterThan(5);
}

describe.each(['light', 'dark'] as const)('axe, %s colour scheme', (colorScheme) => {
  test('no WCAG 2.1 AA violation: closed, form, conversation', async () => {
    const { page } = await browser.newPage({ colorScheme });
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    await widget(page).launcher.waitFor();
    await expectNoViolations(page);

    await openWidget(page);
    await expectNoViolations(page);
    if (colorScheme === 'dark') await saveScreenshot(page, 'dark-form');

    const message = unique(`Axe in ${colorScheme}, see https://example.com/help`);
    await startConversation(page, { name: 'Ada', email: `axe.${colorScheme}.${Date.now()}@example.com`, message });
    const conversation = demo.emulator.listConversations().find((item) => item.subject === message)!;
    const answer = unique('Here is a link: https://example.com/guide and a second line\nwith more text.');
    demo.emulator.agentReply(conversation.id, answer);
    await expectMessageShown(page, 'Here is a link');
    await expectNoViolations(page);
    if (colorScheme === 'dark') await saveScreenshot(page, 'dark');
  });
});

// Windows contrast themes (forced colours) replace every background with the system's and drop
// shadows: a launcher, a panel or a button drawn by its background alone would vanish.
describe('forced colours (a Windows contrast theme)', () => {
  test('the launcher, the panel, its buttons and the messages keep a visible edge', async () => {
    const { page } = await browser.newPage({ forcedColors: 'active' });
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    const ui = widget(page);
    await ui.launcher.waitFor();
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    /** The part's edge as drawn: a line of some width in a colour that is not its background's. */
    const edgeShown = (selector: string) =>
      ui.root.evaluate((root, selector) => {
        const element = root.shadowRoot!.querySelector(selector);
        if (!element) return `${selector}: not found`;
        const style = getComputedStyle(element);
        const shown = style.borderTopStyle !== 'none' && Number.parseFloat(style.borderTopWidth) >= 1 && style.borderTopColor !== style.backgroundColor;
        return shown || `${selector}: ${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor} on ${style.backgroundColor}`;
      }, selector);
    expect(await edgeShown('.launcher')).toBe(true);

    await openWidget(page);
    for (const part of ['.panel', '.btn']) expect(await edgeShown(part)).toBe(true);
    await startConversation(page, { email: `contrast.${Date.now()}@example.com`, message: unique('Seen in a contrast theme') });
    await ui.composer.waitFor();
    for (const part of ['.panel', '.bubble', '.send']) expect(await edgeShown(part)).toBe(true);
    await saveScreenshot(page, 'forced-colors');
  });
});

/** Where the keyboard focus is: the host page's element, or inside the widget's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.id === 'parley-root' ? active.shadowRoot?.activeElement : null;
    const describe = (element: Element | null | undefined) =>
      element ? element.getAttribute('aria-label') || (element.id ? `#${element.id}` : element.tagName.toLowerCase()) : null;
    return { inWidget: Boolean(inner), element: describe(inner ?? active) };
  });

describe('keyboard only', () => {
  test('Tab reaches the launcher, Enter opens into the panel, the form is sent, Escape returns to the launcher', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    await widget(page).launcher.waitFor();

    // The launcher is the last thing on the page: Tab through everything before it.
    let presses = 0;
    while ((await focused(page)).element !== 'Open support chat') {
      await page.keyboard.press('Tab');
      presses += 1;
      if (presses > 80) throw new Error(`Tab never reached the launcher; focus is on ${JSON.stringify(await focused(page))}`);
    }
    await page.keyboard.press('Enter');
    await widget(page).panel.waitFor();
    expect(await focused(page)).toEqual({ inWidget: true, element: '#parley-name' });

    await page.keyboard.type('Kit Keyboard');
    await page.keyboard.press('Tab');
    expect((await focused(page)).element).toBe('#parley-email');
    await page.keyboard.type('kit@example.com');
    await page.keyboard.press('Tab');
    expect((await focused(page)).element).toBe('#parley-message');
    const message = unique('Typed without a mouse');
    await page.keyboard.type(message);
    await page.keyboard.press('Tab');
    expect((await focused(page)).element).toBe('button');
    await page.keyboard.press('Enter');
    await expectMessageShown(page, message);
    expect(createRequests(demo.emulator)).toHaveLength(1);
    expect(createRequests(demo.emulator)[0]!.body).toMatchObject({ user_email: 'kit@example.com', user_first_name: 'Kit' });

    // The form is replaced by the conversation: focus must not fall back to the page (where Escape
    // and the next keystrokes would go nowhere); the reply box is where a keyboard user goes on.
    expect((await focused(page)).inWidget).toBe(true);
    await page.keyboard.press('Escape');
    await widget(page).panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toEqual({ inWidget: true, element: 'Open support chat' });
  });

  test('Escape from the composer closes too, and Enter on the launcher brings the conversation back with focus in the reply box', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await openWidget(page);
    await startConversation(page, { email: 'keys@example.com', message: unique('Second keyboard run') });
    await widget(page).composer.focus();
    await page.keyboard.press('Escape');
    await widget(page).panel.waitFor({ state: 'hidden' });
    expect((await focused(page)).element).toBe('Open support chat');
    await page.keyboard.press('Enter');
    await widget(page).panel.waitFor();
    expect((await focused(page)).element).toBe('Write a reply');
  });
});
