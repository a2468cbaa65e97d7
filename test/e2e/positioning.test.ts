// Host pages that move `position: fixed`. A transform, filter, perspective, backdrop-filter,
// will-change or paint/layout containment on html or body makes that element the containing block
// of fixed boxes (see widget/dom/viewport-anchor.ts for the specs' words): the launcher
// then scrolls away with the page, thousands of pixels below a scrolled viewport, and focusing the
// panel scrolls the page down to it. Themes do it for "GPU acceleration", modal libraries lock the
// scroll of html and body. The launcher must stay in its corner and the panel where it belongs.

import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { fixtureSuite } from './helpers/fixtures';
import { animationsDone, openWidget, parley, waitForWidget, widget } from './helpers/widget';

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

// 10,000px with a line every 500px, so that a screenshot shows where on the page it is.
const LONG_PAGE = `<div style="height: 10000px; background: linear-gradient(#fdf6ec, #c9d8f0); font: 24px system-ui">${Array.from(
  { length: 20 },
  (_, index) => `<p style="height: 500px; margin: 0; padding: 16px">${(index * 500).toLocaleString('en')}px down the page</p>`,
).join('')}</div>`;

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

describe('pages that change after the widget started', () => {
  test('a transform given to body later, when the page has loaded: the launcher comes back to its corner', async () => {
    const { page } = await browser.newPage(DESKTOP);
    await scrolledToMiddle(page, hostPage({ name: 'late', css: 'body.gpu { transform: translateZ(0) }' }));
    await expectLauncherInCorner(page, 'right');
    await page.evaluate(() => document.body.classList.add('gpu'));
    await expectLauncherInCorner(page, 'right');
    await openWidget(page);
    expect((await panelBox(page)).y).toBe(800 - 20 - 68 - 600);
  });

  test('the root taken out and put back by the page: shown again in its corner', async () => {
    const { page } = await browser.newPage(DESKTOP);
    await scrolledToMiddle(page, hostPage(PAGES[0]!));
    await expectLauncherInCorner(page, 'right');
    // What a script that re-appends "its" nodes, or a body swap followed by a re-attach, does.
    await page.evaluate(() => {
      const root = document.getElementById('parley-root')!;
      root.remove();
      document.body.appendChild(root);
    });
    await expectLauncherInCorner(page, 'right');
  });

  test('a dialog or popover the page opens later shows above the widget, and the widget stays when they close', async () => {
    const { page } = await browser.newPage(DESKTOP);
    const covering = 'position: fixed; inset: 0; width: auto; height: auto; max-width: none; max-height: none; margin: 0; border: 0';
    const url = hostPage({
      name: 'dialogs',
      css: `body { transform: translateZ(0) } #cookies, #menu { ${covering} }`,
      lock: '',
    });
    await scrolledToMiddle(page, url);
    await page.evaluate((style) => {
      document.body.insertAdjacentHTML(
        'afterbegin',
        `<dialog id="cookies" style="${style}"><button>Accept</button></dialog><div id="menu" popover="auto" style="${style}">Menu</div>`,
      );
    }, covering);
    await expectLauncherInCorner(page, 'right');
    const launcherCenter = { x: 1280 - 20 - 28, y: 800 - 20 - 28 };
    const topmostAtLauncher = () => page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id, launcherCenter);
    expect(await topmostAtLauncher()).toBe('parley-root');

    // An auto popover light-dismisses other auto popovers, a modal dialog hides them all: not ours.
    await page.evaluate(() => document.getElementById('menu')!.showPopover());
    expect(await topmostAtLauncher()).toBe('menu');
    await page.mouse.click(640, 400);
    await page.evaluate(() => (document.getElementById('cookies') as HTMLDialogElement).showModal());
    expect(await topmostAtLauncher()).toBe('cookies');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => (document.getElementById('cookies') as HTMLDialogElement).open)).toBe(false);

    expect(await topmostAtLauncher()).toBe('parley-root');
    await expectLauncherInCorner(page, 'right');
    await widget(page).launcher.click();
    expect(await panelBox(page)).toEqual({ x: 1280 - 20 - 380, y: 800 - 20 - 68 - 600, width: 380, height: 600 });
  });
});

// What Chrome before 114, Safari before 17 and Firefox before 125 run: no showPopover.
describe('a browser without popovers, on a transformed body', () => {
  const withoutPopovers = async (page: Page) => {
    await page.addInitScript(() => {
      delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
    });
  };

  test('desktop: the launcher follows the viewport as the page scrolls, and the panel opens in place without scrolling', async () => {
    const { page } = await browser.newPage(DESKTOP);
    await withoutPopovers(page);
    await scrolledToMiddle(page, hostPage(PAGES[0]!));
    expect(await page.evaluate(() => typeof document.body.showPopover)).toBe('undefined');
    await expectLauncherInCorner(page, 'right');
    await page.mouse.wheel(0, -1200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(MIDDLE - 1200);
    await expectLauncherInCorner(page, 'right');

    await widget(page).launcher.click();
    expect(await panelBox(page)).toEqual({ x: 1280 - 20 - 380, y: 800 - 20 - 68 - 600, width: 380, height: 600 });
    expect(await page.evaluate(() => window.scrollY)).toBe(MIDDLE - 1200);
    expect(await widget(page).root.getAttribute('popover')).toBeNull();
  });

  test('phone: the open panel fills the screen', async () => {
    const { page } = await browser.newPage(PHONE);
    await withoutPopovers(page);
    await scrolledToMiddle(page, hostPage(PAGES[0]!));
    await expectLauncherInCorner(page, 'right');
    await widget(page).launcher.tap();
    expect(await panelBox(page)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await page.evaluate(() => window.scrollY)).toBe(MIDDLE);
  });
});

/**
 * An element's box on the phone's screen, in its pixels: where the customer sees it, whatever the
 * page's zoom and however far the visual viewport has moved over the page.
 */
const screenBox = (locator: Locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const { offsetLeft, offsetTop, scale } = window.visualViewport!;
    const round = (value: number) => Math.round(value * scale);
    return { x: round(box.x - offsetLeft), y: round(box.y - offsetTop), width: round(box.width), height: round(box.height) };
  });
const expectLauncherInScreenCorner = async (page: Page, size = 56) => {
  await expect
    .poll(() => screenBox(widget(page).launcher), { message: 'the launcher in the corner of the screen' })
    .toEqual({ x: 390 - 20 * (size / 56) - size, y: 844 - 20 * (size / 56) - size, width: size, height: size });
};
/**
 * A finger on the element where the customer sees it. Playwright's own tap aims in the layout
 * viewport's coordinates, which are not the screen's once the visual viewport has moved; its
 * touchscreen takes CSS pixels from the visual viewport's corner.
 */
const tapOnScreen = async (locator: Locator) => {
  const point = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const { offsetLeft, offsetTop } = window.visualViewport!;
    return { x: box.x + box.width / 2 - offsetLeft, y: box.y + box.height / 2 - offsetTop };
  });
  await locator.page().touchscreen.tap(point.x, point.y);
};
/** A finger's swipe: scrolls the page and pans the visual viewport, as a customer does. */
const swipe = async (page: Page, distance: { x: number; y: number }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.synthesizeScrollGesture', { x: 200, y: 400, xDistance: distance.x, yDistance: distance.y, gestureSourceType: 'mouse', speed: 4000 });
  await cdp.detach();
};
/** A pinch to `scale` times the device's width (1: the page as wide as the screen). */
const zoomTo = async (page: Page, scale: number) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: scale });
  await expect.poll(() => page.evaluate(() => window.visualViewport!.scale)).toBeCloseTo(scale, 2);
  await cdp.detach();
};

// A page wider than a phone's screen (a wide table, a fixed-width layout): Chromium stretches the
// viewport that fixed boxes fill to the page's width, 875×1894 on a 390×844 phone, while the
// customer sees its top-left 390×844, and the top layer is laid out in that same box. The widget
// must sit on what the customer sees, and follow it as they scroll or zoom.
describe('a page wider than a phone’s screen', () => {
  const wideUrl = (css: string) =>
    site.page(
      `/wide-${encodeURIComponent(css)}.html`,
      site.html({
        head: `<meta name="viewport" content="width=device-width, initial-scale=1"><style>body { margin: 0 } ${css}</style>`,
        body: `<div style="width: 875px">${LONG_PAGE}</div>`,
      }),
    );

  test.each([
    ['a plain page', ''],
    ['a transformed body', 'body { transform: translateZ(0) }'],
  ])('%s: the launcher stays in the corner the customer sees as they scroll sideways and down, and the open panel fills the screen', async (name, css) => {
    const { page } = await browser.newPage(PHONE);
    await page.goto(wideUrl(css));
    await waitForWidget(page);
    await widget(page).launcher.waitFor();
    // The premise: the viewport of fixed boxes is stretched to the page's width.
    expect(await page.evaluate(() => [window.innerWidth, document.documentElement.clientWidth])).toEqual([875, 390]);
    await expectLauncherInScreenCorner(page);

    await swipe(page, { x: -300, y: -2000 });
    expect(await page.evaluate(() => [window.visualViewport!.pageLeft > 0, window.visualViewport!.pageTop > 0])).toEqual([true, true]);
    await expectLauncherInScreenCorner(page);
    if (!css) {
      // Nothing but the browser moved it: the root keeps fixed positioning, and data-z-index with it.
      expect(await widget(page).root.getAttribute('popover')).toBeNull();
    }
    await saveScreenshot(page, `wide-page-${name.replace(/ /g, '-')}-closed`);

    const ui = widget(page);
    await tapOnScreen(ui.launcher);
    await ui.panel.waitFor();
    await animationsDone(page);
    expect(await screenBox(ui.panel)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    const close = await screenBox(ui.closeButton);
    expect(close.x + close.width).toBeLessThanOrEqual(390);
    await saveScreenshot(page, `wide-page-${name.replace(/ /g, '-')}-open`);

    // Zoomed in, as the on-screen keyboard shrinks the visual viewport: the panel shrinks with it,
    // and still fills the screen.
    await zoomTo(page, 2);
    await expect.poll(() => screenBox(ui.panel)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await zoomTo(page, 1);

    await tapOnScreen(ui.closeButton);
    await ui.panel.waitFor({ state: 'hidden' });
    await expectLauncherInScreenCorner(page);
  });
});

// A page made for desktops only, without a viewport meta tag: a phone lays it out 980px wide and
// shows it zoomed out, 980 CSS pixels across 390, where a 15px text would read as 6px. The widget
// is drawn at the phone's own scale there, as on a page made for phones, and grows with the page
// once the customer zooms in past the device's width.
describe('a page made for desktops only, on a phone', () => {
  test('the launcher and the panel have their phone size on the screen, and the panel fills it', async () => {
    const { page } = await browser.newPage(PHONE);
    await page.goto(site.page('/desktop-only.html', site.html({ head: '<style>body { margin: 0 }</style>', body: LONG_PAGE })));
    await waitForWidget(page);
    await widget(page).launcher.waitFor();
    // The premise: the page is laid out for a desktop and zoomed out to fit the phone.
    expect(await page.evaluate(() => [document.documentElement.clientWidth, window.visualViewport!.scale < 0.5])).toEqual([980, true]);
    await expectLauncherInScreenCorner(page);
    await saveScreenshot(page, 'desktop-only-page-closed');

    const ui = widget(page);
    await tapOnScreen(ui.launcher);
    await ui.panel.waitFor();
    await animationsDone(page);
    expect(await screenBox(ui.panel)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    // Its texts and buttons as large as on a page made for phones.
    expect(await screenBox(ui.closeButton)).toMatchObject({ width: 36, height: 36 });
    await saveScreenshot(page, 'desktop-only-page-open');
    await tapOnScreen(ui.closeButton);
    await ui.panel.waitFor({ state: 'hidden' });

    // Zoomed in to the device's width, then past it: the widget grows with the page.
    await swipe(page, { x: 0, y: -1500 });
    await zoomTo(page, 1);
    await expectLauncherInScreenCorner(page);
    await zoomTo(page, 1.5);
    await expectLauncherInScreenCorner(page, 84);
  });
});

// CSS `zoom` on html or body: site builders scale a whole design with it, and accessibility
// overlays set it to enlarge the page. Every box under it is zoomed, a fixed one too: on a 1280×800
// desktop at 1.5, the 600px panel became 900px tall with its header and close button above the
// screen; on a phone at 0.8 the full-screen panel left a fifth of the screen uncovered. The
// floating widget keeps the customer's own scale (their browser's zoom and pinch still apply).
describe('a page scaled with CSS zoom', () => {
  const zoomedUrl = (css: string) =>
    site.page(
      `/zoom-${encodeURIComponent(css)}.html`,
      site.html({ head: `<meta name="viewport" content="width=device-width, initial-scale=1"><style>body { margin: 0 } ${css}</style>`, body: LONG_PAGE }),
    );

  test.each([
    ['body { zoom: 1.5 }', 'body { zoom: 1.5 }'],
    ['html { zoom: 0.8 } and body { zoom: 2 }', 'html { zoom: 0.8 } body { zoom: 2 }'],
    ['a transformed body with body { zoom: 1.5 } (the root in the top layer)', 'body { transform: translateZ(0); zoom: 1.5 }'],
    ['a page rule giving the root a zoom of its own', '#parley-root { zoom: 3 !important }'],
  ])('%s: the launcher and the panel keep their size and place on a desktop and a phone', async (name, css) => {
    const desktop = (await browser.newPage(DESKTOP)).page;
    await desktop.goto(zoomedUrl(css));
    await waitForWidget(desktop);
    await expectLauncherInCorner(desktop, 'right');
    await widget(desktop).launcher.click();
    expect(await panelBox(desktop)).toEqual({ x: 1280 - 20 - 380, y: 800 - 20 - 68 - 600, width: 380, height: 600 });
    await saveScreenshot(desktop, `css-zoom-${name.replace(/\W+/g, '-')}-desktop-open`);

    const phone = (await browser.newPage(PHONE)).page;
    await phone.goto(zoomedUrl(css));
    await waitForWidget(phone);
    await expectLauncherInCorner(phone, 'right');
    await widget(phone).launcher.tap();
    expect(await panelBox(phone)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  });

  test('a zoom the page sets later, as an accessibility overlay does: the widget keeps its size', async () => {
    const { page } = await browser.newPage(DESKTOP);
    await page.goto(zoomedUrl(''));
    await waitForWidget(page);
    await expectLauncherInCorner(page, 'right');
    await page.evaluate(() => {
      document.body.style.zoom = '1.25';
    });
    await expectLauncherInCorner(page, 'right');
    await page.evaluate(() => {
      document.body.style.zoom = '';
      document.documentElement.style.zoom = '0.5';
    });
    await expectLauncherInCorner(page, 'right');
    await parley(page, 'open');
    expect(await panelBox(page)).toEqual({ x: 1280 - 20 - 380, y: 800 - 20 - 68 - 600, width: 380, height: 600 });
  });
});

describe('inline, in a box that takes the width of what it holds', () => {
  test('a centred flex column: the panel has the width of its contents, not none', async () => {
    const { page } = await browser.newPage(DESKTOP);
    const body = '<main style="display: flex; flex-direction: column; align-items: center"><h1>Help</h1><div id="support"></div></main>';
    await page.goto(site.page('/inline-shrink.html', site.html({ body, attributes: { 'data-mode': 'inline', 'data-target': '#support' } })));
    await waitForWidget(page);
    const panel = widget(page).panel;
    await panel.waitFor();
    expect((await panel.boundingBox())!.width).toBeGreaterThan(240);
  });
});

describe('ordinary pages keep fixed positioning and data-z-index', () => {
  // The top layer ignores z-index; the root goes there only where fixed positioning is broken.
  test.each([
    ['a plain page', ''],
    // Filter Effects 1 §5: a filter on the root element makes no containing block for fixed boxes.
    ['html { filter }', 'html { filter: grayscale(1) }'],
  ])('%s: the page’s own banner above data-z-index covers the launcher', async (_name, css) => {
    const { page } = await browser.newPage(DESKTOP);
    const banner = '<div id="banner" style="position: fixed; inset: auto 0 0 0; height: 120px; z-index: 1001; background: #222"></div>';
    await page.goto(
      site.page(
        `/z-index-${encodeURIComponent(css)}.html`,
        site.html({ head: `<style>body { margin: 0 } ${css}</style>`, body: `${LONG_PAGE}${banner}`, attributes: { 'data-z-index': '1000' } }),
      ),
    );
    await waitForWidget(page);
    await page.evaluate((y) => window.scrollTo(0, y), MIDDLE);
    await expectLauncherInCorner(page, 'right');
    expect(await widget(page).root.getAttribute('popover')).toBeNull();
    expect(await page.evaluate(() => document.elementFromPoint(1280 - 48, 800 - 48)?.id)).toBe('banner');
  });
});
