// The page context sent with a new conversation (issue 14): a customer who arrives from a link
// that carries secrets, in the address and in the referrer, starts a conversation; what the
// helpdesk stores is what every agent and integration can read.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { WireConversation } from '../../demo/emulator/index';
import { browserSuite } from './helpers/browser';
import { fixtureSuite } from './helpers/fixtures';
import { openWidget, startConversation, unique, waitForWidget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const LANDING = '/reset.html?reset_token=abc&utm_source=news#access_token=xyz';
const FROM = '/account.html?session_id=s3ss10n&ref=footer&tab=security';

/**
 * Opens the page that links to LANDING (its own address holding a session id), follows the link
 * as a customer would, so that the browser sets the referrer, and starts a conversation there.
 */
async function startFromEmailLink(page: Page, attributes: Record<string, string>): Promise<WireConversation> {
  site.page('/account.html', site.html({ tag: null, body: `<a id="reset" href="${LANDING.replace(/&/g, '&amp;')}">Reset your password</a>` }));
  site.page('/reset.html', site.html({ attributes, title: 'Choose a new password' }));
  await page.goto(`${site.siteUrl}${FROM}`);
  await page.click('#reset');
  await page.waitForURL(`${site.siteUrl}${LANDING}`);
  await waitForWidget(page);
  await openWidget(page);
  const message = unique('The reset link says expired');
  await startConversation(page, { email: 'reset@example.com', message });
  const conversation = site.emulator.listConversations().find((candidate) => candidate.subject === message);
  expect(conversation, 'the conversation stored by the helpdesk').toBeDefined();
  return conversation!;
}

describe('the page context', () => {
  test('reaches the helpdesk without the fragment or secret-looking values, in the address and the referrer alike', async () => {
    const { page, parleyLines } = await browser.newPage();
    const { metadata } = await startFromEmailLink(page, { 'data-redact-params': 'ref' });
    expect(metadata.page_url).toBe(`${site.siteUrl}/reset.html?reset_token=[redacted]&utm_source=news`);
    expect(metadata.referrer).toBe(`${site.siteUrl}/account.html?session_id=[redacted]&ref=[redacted]&tab=security`);
    const stored = JSON.stringify(metadata);
    for (const secret of ['xyz', 's3ss10n', 'footer', 'access_token']) expect(stored).not.toContain(secret);
    expect(parleyLines('error')).toEqual([]);
  });

  test('reaches it untouched when the site asks for the address in full', async () => {
    const { page, parleyLines } = await browser.newPage();
    const { metadata } = await startFromEmailLink(page, { 'data-page-info': 'full' });
    expect(metadata.page_url).toBe(`${site.siteUrl}${LANDING}`);
    expect(metadata.referrer).toBe(`${site.siteUrl}${FROM}`);
    // The attribute is understood, not refused with a console error and replaced by the default.
    expect(parleyLines('error')).toEqual([]);
  });

  test('is not sent in full by the requests either, on a page whose referrer policy would send it', async () => {
    const { page } = await browser.newPage();
    const head = '<meta name="referrer" content="unsafe-url">';
    await page.goto(`${site.page('/policy.html', site.html({ head }))}?reset_token=abc`);
    await waitForWidget(page);
    await openWidget(page);
    await startConversation(page, { email: 'policy@example.com', message: unique('Lax referrer policy') });
    const referers = new Set(site.emulator.requests.map((request) => request.headers.referer));
    expect(referers).toEqual(new Set([`${site.siteUrl}/`]));
  });
});
