// The API's undocumented behaviours (api-contract.md, "What is not documented"), each answered both
// ways by the emulator: the customer must not notice which helpdesk they got.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite } from './helpers/browser';
import { createRequests, demoSuite, sendRequests } from './helpers/demo';
import { expectMessageShown, openWidget, startConversation, timesShown, unique, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

function conversationOf(subject: string) {
  const found = demo.emulator.listConversations().find((item) => item.subject === subject);
  if (!found) throw new Error(`no conversation with subject ${subject}`);
  return found;
}

/** Keeps the body of each team message the widget announces with its `message` event. */
async function recordTeamMessages(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { Parley(...args: unknown[]): void; __announced: string[] };
    w.__announced = [];
    w.Parley('on', 'message', (payload: { body: string }) => w.__announced.push(payload.body));
  });
}

const teamMessagesAnnounced = (page: Page) => page.evaluate(() => (window as unknown as { __announced: string[] }).__announced.slice());

describe.each([true, false])('descriptionAsMessage: %s', (descriptionAsMessage) => {
  test('the first message is shown exactly once, before and after a reload, and a reply in the same words as well', async () => {
    demo.emulator.switches.descriptionAsMessage = descriptionAsMessage;
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await openWidget(page);
    const message = unique('Is the Guji natural still in stock?');
    await startConversation(page, { email: `stock.${Date.now()}@example.com`, message });
    const conversation = conversationOf(message);
    expect(demo.emulator.listMessages(conversation.id).length).toBe(descriptionAsMessage ? 1 : 0);

    // The team's reply arrives by a poll that also brought back the list (with or without the
    // description): from then on, a duplicate would be on screen.
    const answer = unique('Yes, roasted on Tuesday.');
    demo.emulator.agentReply(conversation.id, answer);
    await expectMessageShown(page, answer);
    expect(await timesShown(page, message)).toBe(1);

    await page.reload();
    await openWidget(page);
    await expectMessageShown(page, answer);
    expect(await timesShown(page, message)).toBe(1);

    // Asked again in the same words: two messages, whichever way the API lists the first.
    const ui = widget(page);
    await ui.composer.fill(message);
    await ui.sendButton.click();
    await expect.poll(() => timesShown(page, message)).toBe(2);
    await page.reload();
    await openWidget(page);
    await expectMessageShown(page, answer);
    await expect.poll(() => timesShown(page, message)).toBe(2);
  });
});

describe('a requester the API gives no email (anonymousEmail: none)', () => {
  test('is asked for an email before the next reply, keeps the typed text, then sends it with that email', async () => {
    demo.emulator.switches.anonymousEmail = 'none';
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await recordTeamMessages(page);
    await openWidget(page);
    const message = unique('Anonymous question about decaf');
    await startConversation(page, { message });
    expect((createRequests(demo.emulator)[0]!.body as Record<string, unknown>).user_email).toBeUndefined();
    const conversation = conversationOf(message);
    expect(conversation.requester.email).toBeNull();

    // The helpdesk lists the description with no sender, as an anonymous requester has no email:
    // it is the customer's own message, shown once on their side, and not news from the team.
    const answer = unique('Yes, we do.');
    demo.emulator.agentReply(conversation.id, answer);
    await expectMessageShown(page, answer);
    expect(await timesShown(page, message)).toBe(1);
    expect(await teamMessagesAnnounced(page)).toEqual([answer]);

    const ui = widget(page);
    const reply = unique('Also, do you ship to Norway?');
    await ui.composer.fill(reply);
    await ui.sendButton.click();
    await ui.root.getByText('We need your email to reply').waitFor();
    expect(await ui.composer.inputValue()).toBe(reply);
    expect(sendRequests(demo.emulator)).toHaveLength(0);

    await ui.emailField.fill('anon.found@example.com');
    await ui.root.getByRole('button', { name: 'Save email' }).click();
    await expect.poll(() => sendRequests(demo.emulator).length, { timeout: 10_000 }).toBe(1);
    expect(sendRequests(demo.emulator)[0]!.body).toEqual({ body: reply, user_email: 'anon.found@example.com' });
    await expectMessageShown(page, reply);
    expect(await ui.composer.inputValue()).toBe('');
    // Sent as the customer's own: on their side of the log, not signed by the team.
    expect(await ui.root.getByText('We need your email to reply').count()).toBe(0);
  });
});

describe('a requester the API gives a generated email (anonymousEmail: generated)', () => {
  test('replies go with the generated email, without asking', async () => {
    demo.emulator.switches.anonymousEmail = 'generated';
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await openWidget(page);
    const message = unique('Anonymous question about grind size');
    await startConversation(page, { message });
    const conversation = conversationOf(message);
    const generated = conversation.requester.email;
    expect(generated).toMatch(/@anonymous\.invalid$/);

    const ui = widget(page);
    const reply = unique('For an AeroPress, please.');
    await ui.composer.fill(reply);
    await ui.sendButton.click();
    await expect.poll(() => sendRequests(demo.emulator).length, { timeout: 10_000 }).toBe(1);
    expect(sendRequests(demo.emulator)[0]!.body).toEqual({ body: reply, user_email: generated });
    expect(await ui.root.getByText('We need your email to reply').count()).toBe(0);
    await expectMessageShown(page, reply);
  });
});
