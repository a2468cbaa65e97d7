// What the widget costs the helpdesk on the wire, in a real browser: polls revalidate with the
// ETag (304s), and CORS preflights are cached instead of doubling every request.

import { describe, expect, test } from 'vitest';
import { browserSuite } from './helpers/browser';
import { apiRequests, demoSuite, LIST_MESSAGES_PATH } from './helpers/demo';
import { expectMessageShown, openWidget, startConversation, unique, waitForWidget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

describe('on the wire', () => {
  test('polls revalidate with the ETag and preflights are cached, not one per request', async () => {
    const { page } = await browser.newPage();
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    await openWidget(page);
    const message = unique('Counting requests');
    await startConversation(page, { email: 'wire@example.com', message });
    await expectMessageShown(page, message);

    // The panel is open: a poll every ~3 s. Wait for five of them.
    await expect.poll(() => apiRequests(demo.emulator, LIST_MESSAGES_PATH, 'GET').length, { timeout: 25_000 }).toBeGreaterThanOrEqual(5);
    const polls = apiRequests(demo.emulator, LIST_MESSAGES_PATH, 'GET');
    // After the first full list, the browser's cache asks with the ETag and the helpdesk says 304.
    expect(polls.slice(1).every((request) => request.headers['if-none-match'] && request.status === 304)).toBe(true);

    // One preflight per URL (create, the list, the conversation), cached for Access-Control-Max-Age.
    const preflights = demo.emulator.requests.filter((request) => request.method === 'OPTIONS');
    const urls = new Set(preflights.map((request) => request.path));
    expect(preflights.length).toBe(urls.size);
    expect(preflights.length).toBeLessThanOrEqual(3);
  });
});
