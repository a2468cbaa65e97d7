// The widget as a customer meets it: locators by role and accessible name (product.md's table),
// inside #parley-root's open shadow root, which Playwright's locators pierce.

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import ar from '../../../widget/i18n/ar';

/** The accessible names of product.md, and their Arabic translations (widget/i18n/ar.ts). */
export const NAMES = {
  en: {
    openChat: 'Open support chat',
    closeChat: 'Close support chat',
    close: 'Close',
    name: 'Name',
    email: 'Email',
    message: 'Message',
    start: 'Start conversation',
    conversation: 'Conversation',
    writeReply: 'Write a reply',
    send: 'Send',
    retry: 'Retry',
    startNew: 'Start a new conversation',
    yourConversations: 'Your conversations',
  },
  ar: {
    openChat: ar.openChat,
    closeChat: ar.closeChat,
    title: ar.title,
    close: ar.close,
    name: ar.name,
    email: ar.email,
    message: ar.message,
    start: ar.startConversation,
    conversation: ar.conversation,
    writeReply: ar.writeReply,
    send: ar.send,
  },
} as const;

type Names = (typeof NAMES)['en'] | (typeof NAMES)['ar'];

export function widget(page: Page, names: Names = NAMES.en) {
  const root = page.locator('#parley-root');
  const exact = (name: string) => ({ name, exact: true });
  const panel = root.locator('#parley-panel');
  return {
    root,
    launcher: root.getByRole('button', { name: new RegExp(`^(${names.openChat}|${names.closeChat})$`) }),
    panel,
    dialog: root.getByRole('dialog'),
    closeButton: panel.getByRole('button', exact(names.close)),
    nameField: root.getByRole('textbox', exact(names.name)),
    emailField: root.getByRole('textbox', exact(names.email)),
    messageField: root.getByRole('textbox', exact(names.message)),
    startButton: root.getByRole('button', exact(names.start)),
    log: root.getByRole('log', exact(names.conversation)),
    composer: root.getByRole('textbox', exact(names.writeReply)),
    sendButton: root.getByRole('button', exact(names.send)),
    startNewButton: root.getByRole('button', exact('startNew' in names ? names.startNew : '')),
    conversationsList: root.getByRole('list', exact('yourConversations' in names ? names.yourConversations : '')),
  };
}

/** The widget's host element is on the page (the bundle ran and mounted). */
export async function waitForWidget(page: Page): Promise<void> {
  await widget(page).root.waitFor({ state: 'attached', timeout: 10_000 });
}

/** Waits for the widget's finite animations and transitions (the panel's entry) to end. */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (document.getElementById('parley-root')?.shadowRoot?.getAnimations() ?? []).every(
      (animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
    ),
  );
}

/** Clicks the launcher and waits for the panel, in place (boxes and contrast are final). */
export async function openWidget(page: Page, names: Names = NAMES.en): Promise<void> {
  const parts = widget(page, names);
  await parts.launcher.click();
  await parts.panel.waitFor({ state: 'visible' });
  await animationsDone(page);
}

export interface Customer {
  name?: string;
  email?: string;
  message: string;
}

/** Fills the first-message form and submits it; waits for the conversation to show. */
export async function startConversation(page: Page, customer: Customer): Promise<void> {
  const parts = widget(page);
  if (customer.name !== undefined) await parts.nameField.fill(customer.name);
  if (customer.email !== undefined) await parts.emailField.fill(customer.email);
  await parts.messageField.fill(customer.message);
  await parts.startButton.click();
  await parts.log.waitFor({ state: 'visible', timeout: 10_000 });
}

/** Types a reply in the composer and sends it with the Send button. */
export async function sendReply(page: Page, text: string): Promise<void> {
  const parts = widget(page);
  await parts.composer.fill(text);
  await parts.sendButton.click();
}

/** How many times `text` appears in the conversation log as the customer reads it. */
export async function timesShown(page: Page, text: string): Promise<number> {
  const log = widget(page).log;
  if ((await log.count()) === 0) return 0;
  const shown = (await log.innerText()).replace(/\r\n/g, '\n');
  return shown.split(text).length - 1;
}

/** Waits until `text` is in the conversation log, exactly once. */
export async function expectMessageShown(page: Page, text: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => timesShown(page, text), { timeout, message: `"${text}" shown once in the log` }).toBe(1);
}

/** All text inside the shadow root, visible or not (including attributes' values via outerHTML). */
export async function shadowHtml(page: Page): Promise<string> {
  return page.evaluate(() => document.getElementById('parley-root')?.shadowRoot?.innerHTML ?? '');
}

/** `parley:` keys in localStorage. */
export async function parleyStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('parley:')));
}

/** A locator's computed style properties (the element lives in the shadow root). */
export async function computedStyle(locator: Locator, properties: string[]): Promise<Record<string, string>> {
  return locator.evaluate((element, names) => {
    const style = getComputedStyle(element);
    return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
  }, properties);
}

/** Runs a `Parley(…)` command in the page (functions can't cross; use page.evaluate for those). */
export async function parley(page: Page, command: string, ...args: unknown[]): Promise<void> {
  await page.evaluate(([name, rest]) => (window as unknown as { Parley(...a: unknown[]): unknown }).Parley(name, ...(rest as unknown[])), [
    command,
    args,
  ] as const);
}

/** A string no other test writes, so that counts in the log and the emulator are exact. */
export function unique(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 8)}`;
}

/** Boxes and styles that a customer would see change if the host page's CSS leaked in. */
export async function looks(page: Page) {
  const ui = widget(page);
  const typography = ['font-size', 'font-family', 'font-weight', 'font-style', 'letter-spacing', 'word-spacing', 'text-transform', 'line-height', 'color'];
  const boxes = [
    'width',
    'height',
    'padding-top',
    'padding-left',
    'border-top-width',
    'border-top-style',
    'border-radius',
    'box-sizing',
    'transform',
    'opacity',
  ];
  const closed = {
    launcher: await ui.launcher.boundingBox(),
    launcherStyle: await computedStyle(ui.launcher, [...boxes, 'box-shadow', 'cursor']),
    host: await computedStyle(ui.root, [
      'height',
      'width',
      'top',
      'left',
      'position',
      'border-top-width',
      'padding-top',
      'margin-top',
      'background-color',
      'display',
      'opacity',
      'transform',
      'filter',
    ]),
  };
  // Waits for the entry animation too: boxes are compared at rest.
  await openWidget(page);
  const greeting = ui.panel.locator('.greeting');
  return {
    ...closed,
    panel: await ui.panel.boundingBox(),
    panelStyle: await computedStyle(ui.panel, [...boxes, 'opacity']),
    title: await computedStyle(
      ui.dialog.getByRole('heading'),
      typography.filter((name) => name !== 'color'),
    ),
    greeting: await computedStyle(greeting, typography),
    nameField: { box: await ui.nameField.boundingBox(), style: await computedStyle(ui.nameField, [...boxes, ...typography, 'background-color']) },
    messageField: { box: await ui.messageField.boundingBox(), style: await computedStyle(ui.messageField, [...boxes, ...typography, 'background-color']) },
    startButton: {
      box: await ui.startButton.boundingBox(),
      style: await computedStyle(ui.startButton, [...boxes, ...typography.filter((name) => name !== 'color'), 'box-shadow']),
    },
  };
}
