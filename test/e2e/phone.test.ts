// On a phone the open panel takes the whole screen, and closing it gives the page back exactly as
// it was: the widget never locks, restyles or scrolls the host page.

import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, saveScreenshot } from './helpers/browser';
import { demoSuite } from './helpers/demo';
import { animationsDone, expectMessageShown, openWidget, startConversation, unique, waitForWidget, widget } from './helpers/widget';

const browser = browserSuite();
const demo = demoSuite();

const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Everything about the page's own scrolling that a scroll lock would touch. */
const pageState = (page: Page) =>
  page.evaluate(() => {
    const describe = (element: HTMLElement) => {
      const style = getComputedStyle(element);
      return {
        styleAttribute: element.getAttribute('style'),
        className: element.className,
        overflow: `${style.overflowX} ${style.overflowY}`,
        position: style.position,
        top: style.top,
        width: style.width,
        paddingRight: style.paddingRight,
        touchAction: style.touchAction,
      };
    };
    return { scrollX: window.scrollX, scrollY: window.scrollY, html: describe(document.documentElement), body: describe(document.body) };
  });

describe('on a phone (375×667)', () => {
  test('the open panel fills the viewport; closing restores the page’s scroll and styles exactly', async () => {
    const { page } = await browser.newPage(PHONE);
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    await page.evaluate(() => window.scrollTo(0, 600));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(600);
    const before = await pageState(page);

    const ui = widget(page);
    await ui.launcher.tap();
    await ui.panel.waitFor();
    await animationsDone(page);
    expect(await ui.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    // Open, the page underneath is left alone too.
    expect(await pageState(page)).toEqual(before);
    await saveScreenshot(page, 'phone-form');

    const message = unique('Asking from my phone');
    await startConversation(page, { email: 'phone@example.com', message });
    await expectMessageShown(page, message);
    expect(await ui.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    const composer = await ui.composer.boundingBox();
    expect(composer!.y + composer!.height).toBeLessThanOrEqual(667);
    await saveScreenshot(page, 'phone');

    await ui.closeButton.tap();
    await ui.panel.waitFor({ state: 'hidden' });
    expect(await pageState(page)).toEqual(before);
    // The launcher is back within reach.
    const launcher = await ui.launcher.boundingBox();
    expect(launcher!.x + launcher!.width).toBeLessThanOrEqual(375);
    expect(launcher!.y + launcher!.height).toBeLessThanOrEqual(667);
  });

  test('the page can still scroll while the panel is closed, and after opening and closing it', async () => {
    const { page } = await browser.newPage(PHONE);
    await page.goto(demo.url('/'));
    await openWidget(page);
    await widget(page).closeButton.tap();
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  test('the panel shrinks with the visual viewport, as when the on-screen keyboard opens, and the composer stays in sight', async () => {
    const { page } = await browser.newPage(PHONE);
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    const ui = widget(page);
    await ui.launcher.tap();
    await ui.panel.waitFor();
    await startConversation(page, { email: 'keyboard@example.com', message: unique('Typing with the keyboard up') });
    await ui.composer.waitFor();
    // Headless Chromium has no on-screen keyboard; a page zoom shrinks the visual viewport the
    // same way (layout viewport unchanged), which is what the keyboard does on phones.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    await expect.poll(() => page.evaluate(() => Math.round(window.visualViewport!.height))).toBeLessThan(400);
    const visible = await page.evaluate(() => ({ top: window.visualViewport!.offsetTop, height: window.visualViewport!.height }));
    await expect
      .poll(async () => Math.round((await ui.panel.evaluate((panel) => panel.getBoundingClientRect().height)) as number))
      .toBe(Math.round(visible.height));
    const composer = (await ui.composer.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom };
    })) as { top: number; bottom: number };
    expect(composer.top).toBeGreaterThanOrEqual(visible.top - 1);
    expect(composer.bottom).toBeLessThanOrEqual(visible.top + visible.height + 1);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
  });
});

describe('on a phone held sideways (844×390)', () => {
  const SIDEWAYS = { viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

  /** Whether the element is inside the panel's scrolling body, as the customer sees it. */
  const inSight = (page: Page, selector: string) =>
    widget(page).panel.evaluate((panel, selector) => {
      const body = panel.querySelector('.body')!.getBoundingClientRect();
      const box = panel.querySelector(selector)!.getBoundingClientRect();
      return box.top >= body.top - 1 && box.bottom <= body.bottom + 1;
    }, selector);

  test('the form opens at its top: the greeting and the focused first field are in sight, also when opened again', async () => {
    const { page } = await browser.newPage(SIDEWAYS);
    await page.goto(demo.url('/'));
    await waitForWidget(page);
    const ui = widget(page);
    await ui.launcher.tap();
    await ui.panel.waitFor();
    await animationsDone(page);
    // The form is taller than the body here: the window is too short for all of it.
    expect(await ui.panel.evaluate((panel) => panel.querySelector('.body')!.scrollHeight > panel.querySelector('.body')!.clientHeight)).toBe(true);
    expect(await inSight(page, '.greeting')).toBe(true);
    expect(await inSight(page, ':focus')).toBe(true);
    await saveScreenshot(page, 'phone-sideways-form');

    // Scrolled to the form's foot, closed, opened again: from the top once more.
    await ui.panel.evaluate((panel) => {
      const body = panel.querySelector('.body')!;
      body.scrollTop = body.scrollHeight;
    });
    await ui.closeButton.tap();
    await ui.panel.waitFor({ state: 'hidden' });
    await ui.launcher.tap();
    await ui.panel.waitFor();
    await animationsDone(page);
    expect(await inSight(page, '.greeting')).toBe(true);
    expect(await inSight(page, ':focus')).toBe(true);
  });
});
