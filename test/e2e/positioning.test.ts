// Host pages that move `position: fixed`. A transform, filter, perspective, backdrop-filter,
// will-change or paint/layout containment on html or body makes that element the containing block
// of fixed boxes (CSS Transforms 1 §2, Filter Effects 1 §5, CSS Containment 2 §3): the launcher
// then scrolls away with the page, thousands of pixels below a scrolled viewport, and focusing the
// panel scrolls the page down to it. Themes do it for "GPU acceleration", modal libraries lock the
// scroll of html and body. The launcher must stay in its corner and the panel where it belongs.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { fixtureSuite } from './helpers/fixtures';
import { animationsDone, parley, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const site = fixtureSuite();

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const MIDDLE = 5000;

interface HostPage {
  name: string;
  css: string;
  /** Locks the scroll the way modal libraries do, once the page is scrolled to the middle. */
  lock?: string;
}

const PAGES: HostPage[] = [
  { name: 'body { transform: translateZ(0) }', css: 'body { transform: translateZ(0) }' },
  { name: 'body { filter }', css: 'body { filter: saturate(1.2) }' },
  { name: 'html { transform }', css: 'html { transform: translateZ(0) }' },
  { name: 'body { contain: paint }', css: 'body { contain: paint }' },
  { name: 'body { contain: layout }', css: 'body { contain: layout }' },
  { name: 'body { will-change: transform }', css: 'body { will-change: transform }' },
  { name: 'body { backdrop-filter }', css: 'body { backdrop-filter: blur(1px) }' },
  { name: 'body { perspective }', css: 'body { perspective: 1000px }' },
  {
    name: 'html, body { overflow: hidden } on a transformed body',
    css: 'body { transform: translateZ(0) } .locked, .locked body { overflow: hidden }',
    lock: 'document.documentElement.classList.add("locked")',
  },
  {
    name: 'body { position: fixed; top: -Ypx } on a transformed body',
    css: 'body { transform: translateZ(0) } body.locked { position: fixed; left: 0; right: 0; overflow: hidden }',
    lock: 'document.body.style.top = -scrollY + "px"; document.body.classList.add("locked")',
  },
];

const LONG_PAGE = '<div style="height: 10000px; background: linear-gradient(#fdf6ec, #c9d8f0)"><p>A long page.</p></div>';

function hostPage(page: HostPage, attributes: Record<string, string> = {}): string {
  return site.page(
    `/${encodeURIComponent(page.name)}-${Object.values(attributes).join('-')}.html`,
    site.html({
      head: `<meta name="viewport" content="width=device-width, initial-scale=1"><style>body { margin: 0 } ${page.css}</style>`,
      body: `${LONG_PAGE}<script>window.lockScroll = function () { ${page.lock ?? ''} };</script>`,
      attributes,
    }),
  );
}

/** Opens `url`, scrolls to the middle of the long page, and locks the scroll if the page does. */
async function scrolledToMiddle(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForWidget(page);
  await widget(page).launcher.waitFor();
  await page.evaluate((y) => window.scrollTo(0, y), MIDDLE);
  await page.evaluate(() => (window as unknown as { lockScroll(): void }).lockScroll());
}

const viewportOf = (page: Page) =>
  page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight, scrollY: window.scrollY }));

/** Where product.md puts the launcher: 56px round, `offset` from the chosen corner of the viewport. */
async function expectLauncherInCorner(page: Page, side: 'left' | 'right', offset = { x: 20, y: 20 }): Promise<void> {
  const { width, height } = await viewportOf(page);
  const expected = { x: side === 'left' ? offset.x : width - offset.x - 56, y: height - offset.y - 56, width: 56, height: 56 };
  await expect.poll(() => widget(page).launcher.boundingBox(), { message: 'the launcher in its corner of the viewport' }).toEqual(expected);
}

async function panelBox(page: Page) {
  const ui = widget(page);
  await ui.panel.waitFor({ state: 'visible' });
  await animationsDone(page);
  return (await ui.panel.boundingBox())!;
}

describe.each(PAGES)('a long page scrolled to the middle, with $name', (hostCss) => {
  test('desktop: the launcher sits in the bottom right corner, the panel above it, and opening it scrolls nothing', async () => {
    const { page } = await browser.newPage(DESKTOP);
    await scrolledToMiddle(page, hostPage(hostCss));
    await expectLauncherInCorner(page, 'right');
    const before = await viewportOf(page);

    await widget(page).launcher.click();
    const panel = await panelBox(page);
    // 380×600, its right edge on the launcher's, 68px above the launcher's offset.
    expect(panel).toEqual({ x: before.width - 20 - 380, y: before.height - 20 - 68 - 600, width: 380, height: 600 });
    expect((await viewportOf(page)).scrollY).toBe(before.scrollY);
    // Off the launcher, which grows a little under the pointer.
    await page.mouse.move(0, 0);
    await expectLauncherInCorner(page, 'right');
  });

  test('desktop, on the left with offsets: the launcher and the panel keep the side and the offsets', async () => {
    const { page } = await browser.newPage(DESKTOP);
    await scrolledToMiddle(page, hostPage(hostCss, { 'data-position': 'left', 'data-offset-x': '32', 'data-offset-y': '24' }));
    await expectLauncherInCorner(page, 'left', { x: 32, y: 24 });
    const before = await viewportOf(page);

    await parley(page, 'open');
    const panel = await panelBox(page);
    expect(panel).toEqual({ x: 32, y: before.height - 24 - 68 - 600, width: 380, height: 600 });
    expect((await viewportOf(page)).scrollY).toBe(before.scrollY);
  });

  test('phone (390×844): the launcher sits in its corner, the open panel fills the screen, and the page does not move', async () => {
    const { page } = await browser.newPage(PHONE);
    await scrolledToMiddle(page, hostPage(hostCss));
    await expectLauncherInCorner(page, 'right');
    const before = await viewportOf(page);

    await widget(page).launcher.tap();
    expect(await panelBox(page)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect((await viewportOf(page)).scrollY).toBe(before.scrollY);
  });
});

describe('the transformed body, as a customer sees it', () => {
  test.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('%s: screenshots closed and open', async (name, options) => {
    const { page } = await browser.newPage(options);
    await scrolledToMiddle(page, hostPage(PAGES[0]!));
    await expectLauncherInCorner(page, 'right');
    await saveScreenshot(page, `transformed-body-${name}-closed`);
    await parley(page, 'open');
    await panelBox(page);
    await saveScreenshot(page, `transformed-body-${name}-open`);
  });
});
