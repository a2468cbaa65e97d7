// Every language in Chromium (issue 16), at desktop width and on a 320 px phone: the launcher, the
// form with its errors, the list of past conversations, a resolved one, a conversation with the
// team's reply and the offline notice. No text may overflow its box (scrollWidth against clientWidth of each element
// that holds text), the three right-to-left languages lay out right to left, and axe finds nothing.
// Screenshots of the scripts worth looking at land in artifacts/screenshots/.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { english, type Strings, supportedLanguages, TEXTS, textDirection } from '../../widget/i18n';
import { axeViolations, browserSuite, saveScreenshot } from './helpers/browser';
import { seedConversation } from './helpers/demo';
import { fixtureSuite } from './helpers/fixtures';
import { animationsDone, parley, unique } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 320, height: 640 };
/** Right to left, CJK, Thai, Devanagari, and the longest texts: screenshots to look at. */
const PICTURED = ['ar', 'he', 'fa', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'th', 'hi', 'de', 'fi'];

const textsOf = (language: string): Strings => (language === 'en' ? english : TEXTS[language as keyof typeof TEXTS]);

/** A past conversation's status line: the status, then its time. */
const statusLine = (status: string) => new RegExp(`^${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `);

/**
 * Each visible element of the widget that holds text and whose text does not fit: wider than its
 * box (clipped, or spilling out), or reaching out of the panel or the screen.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.getElementById('parley-root')!.shadowRoot!;
    const panel = root.getElementById('parley-panel');
    const bounds = panel && panel.getBoundingClientRect().width > 0 ? panel.getBoundingClientRect() : null;
    const problems: string[] = [];
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      // Hidden, or visually hidden for screen readers (1 px, clipped on purpose).
      if (style.display === 'none' || style.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
      const text = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!text) continue;
      const name = `<${element.tagName.toLowerCase()} class="${element.className}"> "${text.slice(0, 40)}"`;
      // A past conversation's subject is the customer's own text (here the test's, with a random
      // suffix), cut with an ellipsis by design; every other text is ours and must fit.
      const customerText = element.classList.contains('subject') && style.textOverflow === 'ellipsis';
      if (style.display !== 'inline' && !customerText && element.scrollWidth > element.clientWidth + 1)
        problems.push(`${name}: ${element.scrollWidth} px of text in ${element.clientWidth} px`);
      if (box.left < -1 || box.right > window.innerWidth + 1) problems.push(`${name}: off the screen (${Math.round(box.left)}–${Math.round(box.right)} px)`);
      if (bounds && panel!.contains(element) && (box.left < bounds.left - 1 || box.right > bounds.right + 1)) problems.push(`${name}: out of the panel`);
    }
    return problems;
  });
}

/** Checks the widget at both widths as it is now; pictures it for the languages worth looking at. */
async function expectFits(page: Page, language: string, state: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await animationsDone(page);
    expect(await overflowing(page), `${language}, ${state}, ${size.width} px`).toEqual([]);
    if (PICTURED.includes(language)) await saveScreenshot(page, `language-${language}-${state}-${size.width}`);
  }
  await page.setViewportSize(DESKTOP);
}

async function expectAxeClean(page: Page, language: string, state: string) {
  await animationsDone(page);
  const { violations } = await axeViolations(page);
  expect(violations, `${language}, ${state}`).toEqual([]);
}

describe.each(supportedLanguages)('%s', (language) => {
  test('fits at desktop width and at 320 px, reads in its direction, and axe finds nothing', async () => {
    const texts = textsOf(language);
    const dir = textDirection(language);
    const email = `language.${language}.${Date.now()}@example.com`;
    const past = await seedConversation(site.emulator, email, unique(`${language}: a past question`));
    const current = await seedConversation(site.emulator, email, unique(`${language}: where is my order`));
    site.emulator.setStatus(past.id, 'resolved');
    const answer = unique('Your order left our warehouse this morning and should arrive on Thursday.');
    site.emulator.agentReply(current.id, answer);

    const { page, context } = await browser.newPage({ viewport: DESKTOP });
    await page.goto(site.page(`/language-${language}.html`, site.html({ attributes: { 'data-locale': language } })));
    const root = page.locator('#parley-root');
    const launcher = root.getByRole('button', { name: texts.openChat, exact: true });
    await launcher.waitFor();
    expect(await root.locator('.parley').getAttribute('dir')).toBe(dir);
    await expectFits(page, language, 'closed');

    // The form, with the errors of an empty message and a malformed email.
    await launcher.click();
    const dialog = root.getByRole('dialog', { name: texts.title });
    await dialog.waitFor();
    expect(await dialog.getAttribute('dir')).toBe(dir);
    await root.getByRole('textbox', { name: texts.email, exact: true }).fill('not-an-email');
    await root.getByRole('button', { name: texts.startConversation, exact: true }).click();
    await root.getByText(texts.messageRequired).waitFor();
    await root.getByText(texts.emailInvalid).waitFor();
    await expectFits(page, language, 'form');
    await expectAxeClean(page, language, 'form');

    // Identified: the list of past conversations, each with its status, above the shorter form.
    await parley(page, 'identify', { email, firstName: 'Ada' });
    const list = root.getByRole('list', { name: texts.yourConversations, exact: true });
    await list.getByText(statusLine(texts.statusResolved)).waitFor({ timeout: 10_000 });
    await list.getByText(statusLine(texts.statusOpen)).waitFor();
    await expectFits(page, language, 'history');

    // A conversation the team resolved: the notice, and the button that starts a new one.
    await list.getByRole('button', { name: new RegExp(past.subject) }).click();
    await root.getByText(texts.resolved).waitFor({ timeout: 10_000 });
    await root.getByRole('button', { name: texts.startNew, exact: true }).waitFor();
    await expectFits(page, language, 'ended');

    // A conversation with the team's reply, then the offline notice.
    await list.getByRole('button', { name: new RegExp(current.subject) }).click();
    const reply = root.getByRole('log', { name: texts.conversation, exact: true }).getByText(answer);
    await reply.waitFor({ timeout: 10_000 });
    // Each message reads in its own direction: the team's English reply left to right, whatever the panel's.
    expect(await reply.evaluate((element) => element.closest('.bubble')!.matches(':dir(ltr)'))).toBe(true);
    await root.getByRole('textbox', { name: texts.writeReply, exact: true }).waitFor();
    await context.setOffline(true);
    await root.getByText(texts.offline).waitFor();
    await expectFits(page, language, 'conversation');
    await expectAxeClean(page, language, 'conversation');
    await context.setOffline(false);
  });
});

describe('mixed directions', () => {
  test('a message reads in its own direction: a Hebrew reply right to left in an English panel', async () => {
    const email = `mixed.${Date.now()}@example.com`;
    const conversation = await seedConversation(site.emulator, email, unique('Shipping to Haifa'));
    const hebrew = unique('ההזמנה שלך נשלחה היום ותגיע ביום חמישי.');
    site.emulator.agentReply(conversation.id, hebrew);

    const { page } = await browser.newPage({ viewport: DESKTOP });
    await page.goto(site.page('/mixed.html', site.html()));
    const root = page.locator('#parley-root');
    await parley(page, 'identify', { email });
    await root.getByRole('button', { name: english.openChat, exact: true }).click();
    await root
      .getByRole('list', { name: english.yourConversations })
      .getByRole('button', { name: new RegExp(conversation.subject) })
      .click();
    const reply = root.getByRole('log', { name: english.conversation, exact: true }).getByText(hebrew);
    await reply.waitFor({ timeout: 10_000 });
    expect(await root.getByRole('dialog').getAttribute('dir')).toBe('ltr');
    expect(await reply.evaluate((element) => element.closest('.bubble')!.matches(':dir(rtl)'))).toBe(true);
    expect(await overflowing(page)).toEqual([]);
  });
});

// A name put into a translated sentence: "7-Eleven" in a right-to-left sentence was drawn
// "Eleven-7", the digit taken into the sentence's direction; the same above the team's messages.
describe('the team’s name in a right-to-left panel', () => {
  /** Where the "7" and the "E" of the "7-Eleven" in `element` are drawn, left to right on the screen. */
  const positions = (element: Element): [number, number] => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let text: Text | null = null;
    while (!text && walker.nextNode()) if ((walker.currentNode as Text).data.includes('7-Eleven')) text = walker.currentNode as Text;
    const at = (offset: number) => {
      const range = document.createRange();
      range.setStart(text!, offset);
      range.setEnd(text!, offset + 1);
      return range.getBoundingClientRect().x;
    };
    const start = text!.data.indexOf('7-Eleven');
    return [at(start), at(start + 2)];
  };

  test('Hebrew: "7-Eleven" is drawn in its own order above the team’s reply and in the request for an email', async () => {
    const before = site.emulator.switches.anonymousEmail;
    site.emulator.switches.anonymousEmail = 'none';
    try {
      const he = textsOf('he');
      const { page } = await browser.newPage();
      await page.goto(site.page('/team-name-he.html', site.html({ attributes: { 'data-locale': 'he', 'data-team-name': '7-Eleven' } })));
      const root = page.locator('#parley-root');
      await parley(page, 'open');
      const question = unique('שאלה');
      await root.getByRole('textbox', { name: he.message }).fill(question);
      await root.getByRole('button', { name: he.startConversation }).click();
      await expect.poll(() => site.emulator.listConversations().some((item) => item.subject === question)).toBe(true);
      const conversation = site.emulator.listConversations().find((item) => item.subject === question)!;
      const answer = unique('תשובה');
      site.emulator.agentReply(conversation.id, answer);
      await root.getByText(answer).waitFor();
      const [labelSeven, labelEleven] = await root.locator('.author', { hasText: '7-Eleven' }).last().evaluate(positions);
      expect(labelSeven).toBeLessThan(labelEleven);

      await root.getByRole('textbox', { name: he.writeReply }).fill('ועוד שאלה');
      await root.getByRole('button', { name: he.send }).click();
      const hint = root.locator('#parley-gate-hint');
      await hint.waitFor();
      const [seven, eleven] = await hint.evaluate(positions);
      expect(seven).toBeLessThan(eleven);
      await saveScreenshot(page, 'team-name-in-hebrew');
    } finally {
      site.emulator.switches.anonymousEmail = before;
    }
  });
});
