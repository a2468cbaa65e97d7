// What the team's side may send that the customer must never get: internal notes, and bodies
// that would run script if the widget ever parsed them as HTML or trusted their links.

import { describe, expect, test } from 'vitest';
import { browserSuite } from './helpers/browser';
import { demoSuite } from './helpers/demo';
import { expectMessageShown, openWidget, startConversation, timesShown, unique, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

async function openConversation() {
  const { page } = await browser.newPage();
  await page.goto(demo.url('/'));
  await openWidget(page);
  const message = unique('Question about my subscription');
  await startConversation(page, { email: `sub.${Date.now()}@example.com`, message });
  const conversation = demo.emulator.listConversations().find((item) => item.subject === message)!;
  return { page, conversation };
}

describe('what the team sends', () => {
  test('an internal note is never shown, before or after the replies around it', async () => {
    const { page, conversation } = await openConversation();
    const note = unique('INTERNAL: customer is on the refund watch-list');
    const before = unique('Let me look at your subscription.');
    const after = unique('Done: it is paused until March.');
    demo.emulator.agentReply(conversation.id, before);
    demo.emulator.agentReply(conversation.id, note, { type: 'note' });
    demo.emulator.agentReply(conversation.id, after);
    await expectMessageShown(page, after);
    await expectMessageShown(page, before);
    expect(await timesShown(page, note)).toBe(0);
    expect(await page.evaluate(() => document.getElementById('parley-root')!.shadowRoot!.textContent)).not.toContain('refund watch-list');
  });

  test('hostile bodies are shown as literal text and run nothing', async () => {
    const { page, conversation } = await openConversation();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const bodies = [
      '<img src=x onerror="window.__pwned=1">',
      '<script>window.__pwned=1</script>',
      'javascript:window.__pwned=1',
      '[click](javascript:alert(1))',
      '<a href="javascript:alert(1)">a link</a>',
    ];
    for (const body of bodies) demo.emulator.agentReply(conversation.id, body);
    for (const body of bodies) await expectMessageShown(page, body);

    const ui = widget(page);
    const found = await ui.log.evaluate((log) => ({
      elements: log.querySelectorAll('img, script, iframe, object, embed, svg, [onerror], [onclick]').length,
      javascriptLinks: [...log.querySelectorAll('a')].filter((link) => /^\s*javascript:/i.test(link.getAttribute('href') ?? '')).length,
    }));
    expect(found).toEqual({ elements: 0, javascriptLinks: 0 });

    // Clicking what looks like a link must do nothing either.
    await ui.log.getByText('[click](javascript:alert(1))').click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('web links open in a new tab without handing over the page; mailto links work', async () => {
    const { page, conversation } = await openConversation();
    const body = unique('Tracking: https://track.example.com/KC-20931?x=1 or write to help@kestrel.example.');
    demo.emulator.agentReply(conversation.id, body);
    await expectMessageShown(page, body);
    const links = await widget(page)
      .log.locator('a')
      .evaluateAll((anchors) =>
        anchors.map((anchor) => ({
          href: anchor.getAttribute('href'),
          target: anchor.getAttribute('target'),
          rel: anchor.getAttribute('rel'),
          text: anchor.textContent,
        })),
      );
    const web = links.find((link) => link.href?.startsWith('https://'));
    expect(web).toEqual({
      href: 'https://track.example.com/KC-20931?x=1',
      target: '_blank',
      rel: expect.any(String),
      text: 'https://track.example.com/KC-20931?x=1',
    });
    expect(web!.rel!.split(/\s+/).sort()).toEqual(['nofollow', 'noopener', 'noreferrer']);
    expect(links.some((link) => link.href === 'mailto:help@kestrel.example')).toBe(true);
  });
});
