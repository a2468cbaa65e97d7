// A visitor who never uses the chat leaves no trace with the helpdesk and none in their browser.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite } from './helpers/browser';
import { demoSuite } from './helpers/demo';
import { openWidget, parleyStorageKeys, startConversation, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

const traces = (page: Page) =>
  page.evaluate(() => ({
    localStorage: Object.keys(localStorage).filter((key) => key.startsWith('parley')),
    sessionStorage: Object.keys(sessionStorage),
    cookie: document.cookie,
  }));

describe('a first visit', () => {
  test('sends nothing and stores nothing until the customer starts a conversation', async () => {
    const { page, context } = await browser.newPage();
    await context.clock.install();
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    // A minute of page time: longer than any poll interval of a closed panel.
    await context.clock.runFor(60_000);
    await openWidget(page);
    const ui = widget(page);
    await ui.nameField.fill('Just Looking');
    await ui.messageField.fill('Typing, not sending');
    await context.clock.runFor(60_000);
    await widget(page).closeButton.click();
    await context.clock.runFor(10_000);
    // Real time for any request those timers started.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(demo.emulator.requests).toEqual([]);
    expect(await traces(page)).toEqual({ localStorage: [], sessionStorage: [], cookie: '' });

    await openWidget(page);
    await startConversation(page, { email: 'acting@example.com', message: unique('Now I act') });
    expect(demo.emulator.requests.length).toBeGreaterThan(0);
    expect(await parleyStorageKeys(page)).not.toEqual([]);
  });
});
