// The whole customer journey on the demo shop, as the customer and the helpdesk each see it.

import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { apiRequests, createRequests, DEMO_AGENT_EMAIL, DEMO_CLIENT_KEY, demoSuite, SHOP, sendRequests } from './helpers/demo';
import { expectMessageShown, openWidget, sendReply, shadowHtml, startConversation, timesShown, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

describe('a customer on the shop', () => {
  test('starts a conversation, reads the team reply, answers, and finds it again after a reload', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    const ui = widget(page);
    await ui.launcher.waitFor();
    expect(await ui.launcher.getAttribute('aria-expanded')).toBe('false');
    await saveScreenshot(page, 'closed');

    await openWidget(page);
    expect(await ui.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await ui.dialog.getAttribute('aria-label')).toBe(SHOP.title);
    await saveScreenshot(page, 'form');

    const email = `jane.${unique('x').split(' ')[1]}@example.com`;
    const firstLine = unique('Where is my order #1234?');
    const message = `${firstLine}\nIt was due yesterday and the tracking page says nothing.`;
    await startConversation(page, { name: 'Jane Doe', email, message });
    await expectMessageShown(page, firstLine);

    const creates = createRequests(demo.emulator);
    expect(creates).toHaveLength(1);
    const create = creates[0]!;
    expect(create.headers.authorization).toBe(`Bearer ${DEMO_CLIENT_KEY}`);
    const body = create.body as Record<string, unknown>;
    expect(body).toMatchObject({
      channel: 'web',
      subject: firstLine,
      description: message,
      user_email: email,
      user_first_name: 'Jane',
      user_last_name: 'Doe',
    });
    const metadata = body.metadata as Record<string, unknown>;
    expect(metadata).toMatchObject({
      page_url: demo.url('/'),
      page_title: await page.title(),
      timezone: 'Europe/London',
      widget_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      screen: '1280x800',
    });
    expect(metadata.locale).toMatch(/^en/);
    expect(metadata.user_agent).toContain('Chrome');

    const conversation = demo.emulator.listConversations().find((item) => item.requester.email === email)!;
    expect(conversation).toBeDefined();
    const agentText = unique('Hi Jane, it left the roastery this morning.');
    demo.emulator.agentReply(conversation.id, agentText);
    await expectMessageShown(page, agentText);
    const logText = await ui.log.innerText();
    expect(logText).toContain(SHOP.teamName);
    // Agents' emails stay inside the helpdesk: not in the text, not in an attribute.
    expect(await shadowHtml(page)).not.toContain(DEMO_AGENT_EMAIL);

    const replyText = unique('Thanks, that is quick!');
    await sendReply(page, replyText);
    await expect.poll(() => demo.emulator.listMessages(conversation.id).filter((item) => item.body === replyText), { timeout: 10_000 }).toHaveLength(1);
    const sent = sendRequests(demo.emulator);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ body: replyText, user_email: email });
    await expectMessageShown(page, replyText);
    expect(await ui.composer.inputValue()).toBe('');
    await saveScreenshot(page, 'conversation');

    demo.emulator.clearRequests();
    await page.reload();
    await waitForWidget(page);
    await openWidget(page);
    await expectMessageShown(page, agentText);
    for (const text of [firstLine, replyText]) expect(await timesShown(page, text)).toBe(1);
    expect(createRequests(demo.emulator)).toHaveLength(0);
    const resumed = apiRequests(demo.emulator, /^\/api\/v1\/conversations\/[^/]+\//, 'GET');
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((request) => request.path.includes(conversation.id))).toBe(true);
  });

  test('sees when the team resolves the conversation and can start a new one', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await openWidget(page);
    const email = `ended.${unique('x').split(' ')[1]}@example.com`;
    const message = unique('My grinder arrived dented');
    await startConversation(page, { name: 'Omar', email, message });
    const conversation = demo.emulator.listConversations().find((item) => item.requester.email === email)!;

    demo.emulator.setStatus(conversation.id, 'resolved');
    const ui = widget(page);
    // The status rides on a conversation refresh, every fifth poll at the latest (~15 s).
    await ui.startNewButton.waitFor({ timeout: 25_000 });
    expect(await ui.panel.innerText()).toContain('This conversation was resolved.');
    expect(await ui.composer.count()).toBe(0);
    expect(await timesShown(page, message)).toBe(1);
    await saveScreenshot(page, 'ended');

    await ui.startNewButton.click();
    await ui.messageField.waitFor();
    expect(await ui.log.count()).toBe(0);
  });
});
