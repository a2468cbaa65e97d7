// Reliability where it can only be proven: in Chromium, on the built dist/parley.js, against the
// emulator. Several tabs of one browser, a network that drops mid-send, a hidden tab and a helpdesk
// that says "slow down"; every claim is checked on the emulator's request log, which is what the
// helpdesk pays for.

import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { RecordedRequest } from '../../demo/emulator/index';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { apiRequests, demoSuite, LIST_MESSAGES_PATH, SEND_PATH, sendRequests } from './helpers/demo';
import { expectMessageShown, openWidget, parley, sendReply, startConversation, timesShown, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GET messages-list requests (the poll) of one conversation that arrived in [from, to). */
function polls(conversationId: string, from = 0, to = Infinity): RecordedRequest[] {
  const path = new RegExp(`^/api/v1/conversations/${conversationId}/messages/$`);
  return apiRequests(demo.emulator, path, 'GET').filter((request) => request.at >= from && request.at < to);
}

interface Started {
  id: string;
  firstLine: string;
  email: string;
}

/** The shop, the panel open, a conversation started and shown: the state every test starts from. */
async function customerWithConversation(page: Page): Promise<Started> {
  await page.goto(demo.url('/'));
  await waitForWidget(page);
  await openWidget(page);
  const email = `steady.${unique('x').split(' ')[1]}@example.com`;
  const firstLine = unique('My beans never arrived');
  await startConversation(page, { name: 'Ada Lovelace', email, message: firstLine });
  await expectMessageShown(page, firstLine);
  const conversation = demo.emulator.listConversations().find((item) => item.requester.email === email);
  if (!conversation) throw new Error(`No conversation for ${email} in the emulator`);
  return { id: conversation.id, firstLine, email };
}

/** Another tab of the same browser on the shop, panel open, showing the shared conversation. */
async function joinTab(context: BrowserContext, started: Started): Promise<Page> {
  const page = await context.newPage();
  await page.goto(demo.url('/'));
  await waitForWidget(page);
  await openWidget(page);
  await expectMessageShown(page, started.firstLine);
  return page;
}

type Delivery = 'sending' | 'sent' | 'failed' | 'none';

/** What the customer reads under each of their bubbles holding `text`. */
async function deliveryShown(page: Page, text: string): Promise<Delivery[]> {
  const metas = await widget(page).log.locator('.msg', { hasText: text }).locator('.meta').allInnerTexts();
  return metas.map((meta) => (/Not sent/.test(meta) ? 'failed' : /Sending/.test(meta) ? 'sending' : /Sent/.test(meta) ? 'sent' : 'none'));
}

/** Shown once, with "Sent" under it, and no Retry anywhere. */
async function expectShownOnceAsSent(page: Page, text: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => deliveryShown(page, text), { timeout, message: `"${text}" shown once as sent` }).toEqual(['sent']);
  expect(await timesShown(page, text)).toBe(1);
  expect(await widget(page).root.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
}

function messagesWithBody(conversationId: string, body: string) {
  return demo.emulator.listMessages(conversationId).filter((message) => message.body === body);
}

/**
 * A duplicate could come late (a retry after a backoff, another tab): wait until the widget has
 * polled again after everything looked settled, then count.
 */
async function afterOneMorePoll(conversationId: string): Promise<void> {
  const since = Date.now();
  await expect.poll(() => polls(conversationId, since).filter((request) => request.status !== 0).length, { timeout: 10_000 }).toBeGreaterThan(0);
}

// Headless Chromium never hides a page, so the test owns document.visibilityState and
// document.hidden (the widget reads the first and listens for visibilitychange), as a browser
// does when the tab goes to the background.
const VISIBILITY_SHIM = `(() => {
  let state = 'visible';
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => state === 'hidden' });
  window.__parleyTestSetVisibility = (next) => {
    if (next === state) return;
    state = next;
    document.dispatchEvent(new Event('visibilitychange'));
  };
})();`;

async function setVisibility(page: Page, state: 'visible' | 'hidden'): Promise<void> {
  await page.evaluate((next) => (window as unknown as { __parleyTestSetVisibility(s: string): void }).__parleyTestSetVisibility(next), state);
  expect(await page.evaluate(() => [document.visibilityState, document.hidden])).toEqual([state, state === 'hidden']);
}

describe('several tabs of one browser', () => {
  test('three tabs poll no more than one, all show a team reply, and a reply typed in a follower is sent once', async () => {
    // Both set-ups are measured over the same real-time window, side by side: one tab in one
    // browser context, three tabs (shared storage, locks and channel) in another.
    const single = await browser.newPage();
    const multi = await browser.newPage();

    // Which page each poll and send left from, to tell the leader from the followers.
    const issued = new Map<Page, { polls: number[]; sends: string[] }>();
    const track = (page: Page) => {
      const log = { polls: [] as number[], sends: [] as string[] };
      issued.set(page, log);
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (request.method() === 'GET' && LIST_MESSAGES_PATH.test(path)) log.polls.push(Date.now());
        if (request.method() === 'POST' && SEND_PATH.test(path)) log.sends.push(request.postData() ?? '');
      });
    };
    track(multi.page);
    multi.context.on('page', track);

    const [one, three] = await Promise.all([customerWithConversation(single.page), customerWithConversation(multi.page)]);
    const tabs = [multi.page, await joinTab(multi.context, three), await joinTab(multi.context, three)];

    // Every tab has joined and has its panel open, as the single tab has: same state on both sides.
    const WINDOW_MS = 24_000;
    const start = Date.now();
    await sleep(WINDOW_MS);
    const end = Date.now();
    const oneTab = polls(one.id, start, end).length;
    const threeTabs = polls(three.id, start, end).length;
    const pollsPerTab = tabs.map((tab) => issued.get(tab)!.polls.filter((at) => at >= start && at < end).length);
    console.info(`[reliability] polls over ${WINDOW_MS / 1000} s, panel open: one tab ${oneTab}, three tabs ${threeTabs} (per tab ${pollsPerTab.join('/')})`);

    // Both sides must actually poll, or the comparison proves nothing.
    expect(oneTab).toBeGreaterThan(0);
    expect(threeTabs).toBeGreaterThan(0);
    // One poll of slack per minute of window (at least one): the two cadences start at different moments.
    expect(threeTabs).toBeLessThanOrEqual(oneTab + Math.ceil(WINDOW_MS / 60_000));
    // One leader polls for the browser; the other two only listen.
    expect(pollsPerTab.filter((count) => count > 0)).toHaveLength(1);

    const agentText = unique('Your parcel is at the depot, out for delivery tomorrow.');
    demo.emulator.agentReply(three.id, agentText);
    await Promise.all(tabs.map((tab) => expectMessageShown(tab, agentText)));

    const leader = tabs[pollsPerTab.findIndex((count) => count > 0)]!;
    const follower = tabs.filter((tab) => tab !== leader).at(-1)!;
    const replyText = unique('Great, I will be home all day.');
    await sendReply(follower, replyText);
    await expect.poll(() => messagesWithBody(three.id, replyText), { timeout: 10_000 }).toHaveLength(1);
    await Promise.all(tabs.map((tab) => expectShownOnceAsSent(tab, replyText)));
    await afterOneMorePoll(three.id);
    expect(messagesWithBody(three.id, replyText)).toHaveLength(1);
    expect(sendRequests(demo.emulator).filter((request) => (request.body as { body?: string }).body === replyText)).toHaveLength(1);
    // The follower queued it; the leader, the one tab that talks to the helpdesk, sent it.
    expect(issued.get(follower)!.sends).toEqual([]);
    expect(issued.get(leader)!.sends.filter((body) => body.includes(replyText))).toHaveLength(1);
    for (const tab of tabs) expect(await timesShown(tab, replyText)).toBe(1);
  });
});

describe('a network that drops mid-send', () => {
  test('offline as the customer presses Send: the reply waits, then is delivered once when back online', async () => {
    const { page, context } = await browser.newPage();
    const started = await customerWithConversation(page);
    const text = unique('Can I change the grind to espresso?');

    await context.setOffline(true);
    await sendReply(page, text);
    await widget(page)
      .root.getByRole('status')
      .filter({ hasText: /offline/i })
      .waitFor();
    await expect.poll(() => deliveryShown(page, text)).toEqual(['sending']);
    // A while offline: nothing typed is lost, nothing is given up on.
    await sleep(3_000);
    expect(await deliveryShown(page, text)).toEqual(['sending']);
    expect(messagesWithBody(started.id, text)).toHaveLength(0);

    await context.setOffline(false);
    await expectShownOnceAsSent(page, text);
    await afterOneMorePoll(started.id);
    expect(messagesWithBody(started.id, text)).toHaveLength(1);
    await expectShownOnceAsSent(page, text);
  });

  test('offline while the reply is in flight and its answer is lost: one message, shown once as sent', async () => {
    const { page, context } = await browser.newPage();
    const started = await customerWithConversation(page);
    const text = unique('Please leave it with the neighbour.');

    // Chromium's offline mode lets a request already under way finish, so the connection dying
    // under it is the emulator's lost answer: the write is committed, the page gets a network error.
    demo.emulator.switches.latencyMs = 1_500;
    demo.emulator.loseNextAnswer({ method: 'POST', path: SEND_PATH }, 1);
    await sendReply(page, text);
    await expect.poll(() => sendRequests(demo.emulator).length, { timeout: 10_000 }).toBe(1);
    await context.setOffline(true);
    await expect.poll(() => messagesWithBody(started.id, text), { timeout: 10_000 }).toHaveLength(1);
    await expect.poll(() => sendRequests(demo.emulator)[0]!.status, { message: 'the answer was lost' }).toBe(0);
    await widget(page)
      .root.getByRole('status')
      .filter({ hasText: /offline/i })
      .waitFor();
    await sleep(2_000);
    expect(await deliveryShown(page, text)).toEqual(['sending']);

    demo.emulator.switches.latencyMs = 0;
    await context.setOffline(false);
    await expectShownOnceAsSent(page, text, 15_000);
    await afterOneMorePoll(started.id);
    expect(messagesWithBody(started.id, text)).toHaveLength(1);
    await expectShownOnceAsSent(page, text);
  });

  test('a lost answer on messages/create: the retry finds the message and does not post it twice', async () => {
    const { page } = await browser.newPage();
    const started = await customerWithConversation(page);
    const text = unique('Also, do you sell filters?');

    demo.emulator.loseNextAnswer({ method: 'POST', path: SEND_PATH }, 1);
    await sendReply(page, text);
    await expect.poll(() => sendRequests(demo.emulator)[0]?.status, { timeout: 10_000, message: 'the answer was lost' }).toBe(0);
    await expect.poll(() => messagesWithBody(started.id, text)).toHaveLength(1);

    await expectShownOnceAsSent(page, text, 15_000);
    await afterOneMorePoll(started.id);
    expect(messagesWithBody(started.id, text)).toHaveLength(1);
    expect(sendRequests(demo.emulator)).toHaveLength(1);
    await expectShownOnceAsSent(page, text);
  });
});

const HOUR = 3_600_000;

/**
 * A computer whose clock is `offsetMs` off: Date and Date.now are shifted alike, timers and
 * performance.now run true, as on such a machine. (page.clock.install() would fake the timers,
 * performance and requestAnimationFrame of the whole context too; setSystemTime needs it.)
 */
const skewedClock = (offsetMs: number) => `(() => {
  const RealDate = Date;
  const now = () => RealDate.now() + ${offsetMs};
  function SkewedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length ? args : [now()], new.target);
  }
  SkewedDate.prototype = RealDate.prototype;
  SkewedDate.now = now;
  SkewedDate.parse = RealDate.parse;
  SkewedDate.UTC = RealDate.UTC;
  window.Date = SkewedDate;
})();`;

/** The times on screen, top to bottom (each `<time datetime>`), and the day separators. */
async function timesOnScreen(page: Page): Promise<{ times: string[]; days: number; distinctDays: number }> {
  return widget(page).log.evaluate((log) => {
    const times = [...log.querySelectorAll('time')].map((time) => time.getAttribute('datetime') ?? '');
    // A date built from a given time is not shifted: these are the local days of the times shown.
    const distinctDays = new Set(times.map((time) => new Date(time).toDateString())).size;
    return { times, days: log.querySelectorAll('.day').length, distinctDays };
  });
}

/**
 * Every time shown is a true one (the emulator's clock is this process's) and they go forward down
 * the log: no message reads as written after the one below it, or in the future, and each day
 * shown has one separator.
 */
async function expectTimesSane(page: Page): Promise<string[]> {
  const { times, days, distinctDays } = await timesOnScreen(page);
  const parsed = times.map((time) => Date.parse(time));
  expect(parsed.every(Number.isFinite)).toBe(true);
  expect(parsed).toEqual([...parsed].sort((a, b) => a - b));
  expect(Math.max(...parsed)).toBeLessThanOrEqual(Date.now());
  expect(days).toBe(distinctDays);
  return times;
}

describe('a customer whose computer clock is hours off, on a line that loses answers', () => {
  test.each([
    ['ahead', 5 * HOUR],
    ['behind', -5 * HOUR],
  ])('clock %s: a reply is posted once, shown once as sent, and the times shown stay in order', async (direction, offsetMs) => {
    const { page } = await browser.newPage();
    await page.addInitScript(skewedClock(offsetMs));
    const started = await customerWithConversation(page);
    const pageClockOffset = (await page.evaluate(() => Date.now())) - Date.now();
    expect(Math.abs(pageClockOffset - offsetMs)).toBeLessThan(60_000);

    const question = unique('Which roast did you order?');
    demo.emulator.agentReply(started.id, question);
    await expectMessageShown(page, question);

    // The post is slow, then its answer is lost after the write: the reply shows as sending meanwhile.
    const text = unique('The Ethiopian, whole beans.');
    demo.emulator.switches.latencyMs = 1_500;
    demo.emulator.loseNextAnswer({ method: 'POST', path: SEND_PATH }, 1);
    await sendReply(page, text);
    await expect.poll(() => deliveryShown(page, text)).toEqual(['sending']);
    await expectTimesSane(page);
    await saveScreenshot(page, `clock-${direction}-sending`);

    await expect.poll(() => sendRequests(demo.emulator)[0]?.status, { timeout: 10_000, message: 'the answer was lost' }).toBe(0);
    demo.emulator.switches.latencyMs = 0;
    await expectShownOnceAsSent(page, text, 15_000);
    await afterOneMorePoll(started.id);
    expect(messagesWithBody(started.id, text)).toHaveLength(1);
    expect(sendRequests(demo.emulator).filter((request) => (request.body as { body?: string }).body === text)).toHaveLength(1);

    const answer = unique('Lovely, it ships today.');
    demo.emulator.agentReply(started.id, answer);
    await expectMessageShown(page, answer);
    await expectShownOnceAsSent(page, text);
    const times = await expectTimesSane(page);
    // The reply shows the server's time of its copy, between the question and the answer.
    const mine = await widget(page).log.locator('.msg', { hasText: text }).locator('time').getAttribute('datetime');
    expect(mine).toBe(messagesWithBody(started.id, text)[0]?.created_at);
    const positions = [question, text, answer].map((body) => times.indexOf(messagesWithBody(started.id, body)[0]?.created_at ?? ''));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    await saveScreenshot(page, `clock-${direction}-answered`);
  });
});

describe('a tab in the background', () => {
  test('makes no request while hidden, and polls at once when shown again', async () => {
    const { page } = await browser.newPage();
    await page.addInitScript(VISIBILITY_SHIM);
    const started = await customerWithConversation(page);
    // Hidden just after an answered poll, in the cadence's quiet time rather than mid-request.
    const before = Date.now();
    await expect.poll(() => polls(started.id, before).filter((request) => request.status !== 0).length, { timeout: 10_000 }).toBeGreaterThan(0);

    await setVisibility(page, 'hidden');
    const hiddenAt = Date.now();
    await sleep(10_000);
    // 300 ms for a request the page had already sent (a preflight's actual request) to arrive.
    const whileHidden = demo.emulator.requests.filter((request) => request.at >= hiddenAt + 300);
    expect(whileHidden.map((request) => `${request.method} ${request.path}`)).toEqual([]);

    const shownAt = Date.now();
    await setVisibility(page, 'visible');
    await expect.poll(() => polls(started.id, shownAt).length, { timeout: 2_000, message: 'a poll within 2 s of being shown' }).toBeGreaterThan(0);
    console.info(`[reliability] first poll ${polls(started.id, shownAt)[0]!.at - shownAt} ms after the tab was shown`);
  });

  test('a leader going to the background hands the polling to a visible tab and goes quiet', async () => {
    const { page: first, context } = await browser.newPage();
    await context.addInitScript(VISIBILITY_SHIM);
    // Requests as each page issues them: the emulator's log cannot tell two tabs apart.
    const issued = new Map<Page, Array<{ at: number; what: string }>>();
    const track = (page: Page) => {
      const log: Array<{ at: number; what: string }> = [];
      issued.set(page, log);
      page.on('request', (request) => {
        if (request.url().startsWith(demo.apiUrl)) log.push({ at: Date.now(), what: `${request.method()} ${new URL(request.url()).pathname}` });
      });
    };
    track(first);
    context.on('page', track);
    const started = await customerWithConversation(first);
    const second = await joinTab(context, started);
    const pollsFrom = (page: Page, from: number) => issued.get(page)!.filter((request) => request.at >= from && /GET .*\/messages\/$/.test(request.what));

    const before = Date.now();
    await expect.poll(() => pollsFrom(first, before).length, { timeout: 10_000, message: 'the first tab leads' }).toBeGreaterThan(0);
    expect(pollsFrom(second, before)).toEqual([]);
    await expect.poll(() => polls(started.id, before).filter((request) => request.status !== 0).length, { timeout: 10_000 }).toBeGreaterThan(0);

    await setVisibility(first, 'hidden');
    const hiddenAt = Date.now();
    await expect.poll(() => pollsFrom(second, hiddenAt).length, { timeout: 5_000, message: 'the visible tab takes over' }).toBeGreaterThan(0);
    const agentText = unique('We have sent a replacement bag.');
    demo.emulator.agentReply(started.id, agentText);
    await expectMessageShown(second, agentText);
    await sleep(Math.max(0, hiddenAt + 8_000 - Date.now()));
    // 300 ms for a request the page had issued before it was hidden to be reported.
    expect(
      issued
        .get(first)!
        .filter((request) => request.at >= hiddenAt + 300)
        .map((request) => request.what),
    ).toEqual([]);
  });
});

describe('a helpdesk that says "slow down"', () => {
  test('a 429 with Retry-After: 6 on the messages list holds every poll for 6 s', async () => {
    const { page } = await browser.newPage();
    const started = await customerWithConversation(page);

    demo.emulator.failNext({ method: 'GET', path: LIST_MESSAGES_PATH }, 1, 429, { retryAfter: '6' });
    await expect.poll(() => polls(started.id).filter((request) => request.status === 429).length, { timeout: 10_000 }).toBe(1);
    const all = polls(started.id);
    const throttled = all.find((request) => request.status === 429)!;
    await expect.poll(() => polls(started.id).length, { timeout: 15_000, message: 'polling resumes after Retry-After' }).toBeGreaterThan(all.length);
    const next = polls(started.id)[all.indexOf(throttled) + 1]!;
    console.info(`[reliability] next poll ${next.at - throttled.at} ms after the 429 with Retry-After: 6`);
    // Date.now() is whole milliseconds on both sides: one of slack, no more.
    expect(next.at - throttled.at).toBeGreaterThanOrEqual(6_000 - 1);
    const quiet = apiRequests(demo.emulator).filter((request) => request.at > throttled.at && request.at < throttled.at + 6_000);
    expect(quiet.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    // And it does resume without a reload, soon after the 6 s.
    expect(next.at - throttled.at).toBeLessThan(6_000 + 4_000);
  });
});

describe('a signed-in customer who goes to another page of the site while typing', () => {
  test('finds the form, and then the reply, as they left them, even when they left at once', async () => {
    const { page } = await browser.newPage();
    // A shop where the customer is signed in: each page identifies them.
    const identify = () => parley(page, 'identify', { email: 'mara.lind@example.com', firstName: 'Mara', lastName: 'Lind' });
    await page.goto(demo.url('/'));
    await identify();
    await openWidget(page);
    const ui = widget(page);
    const message = unique('Which grind for a moka pot?');
    await ui.messageField.fill(message);
    // Straight to the site's help page, with no pause after typing: the inline panel there.
    await page.getByRole('link', { name: 'Help centre' }).first().click();
    await page.waitForURL(/\/inline\.html$/);
    await identify();
    await expect.poll(() => ui.messageField.inputValue()).toBe(message);
    await saveScreenshot(page, 'form-kept-on-the-next-page');
    await ui.startButton.click();
    await expectMessageShown(page, message);

    const reply = unique('Also, how fine for an espresso?');
    await ui.composer.fill(reply);
    await page
      .getByRole('link', { name: /Kestrel/ })
      .first()
      .click();
    await page.waitForURL(demo.url('/'));
    await openWidget(page);
    await expectMessageShown(page, message);
    expect(await ui.composer.inputValue()).toBe(reply);
    // The form was spent on the conversation: nothing of it is kept.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':form')))).toEqual([]);
  });
});
