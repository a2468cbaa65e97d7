// The root put back when the page takes it away with its body's content (the browser tests load
// Turbo and htmx themselves; test/e2e/body-swaps.test.ts). Here, what no library does on purpose:
// a page that fights the widget must not hang.

import { afterEach, describe, expect, it } from 'vitest';
import { followBodySwaps } from '../../widget/loader/host-page';
import type { WidgetRoot } from '../../widget/loader/root';
import { defaultConfig } from '../helpers/render-widget';

/** The part of the widget's root that following the body uses: its element, and where it is. */
function rootElement() {
  const element = document.createElement('div');
  element.id = 'parley-root';
  document.body.append(element);
  const root = { isAttached: () => element.isConnected, attach: (container: Element) => container.append(element) } as unknown as WidgetRoot;
  return { element, root };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5));

let stop = () => {};
afterEach(() => {
  stop();
  document.body.replaceChildren();
});

describe('followBodySwaps', () => {
  it('puts the root back at the end of the body when the page empties it, and when it replaces the body', async () => {
    const { element, root } = rootElement();
    stop = followBodySwaps(document, defaultConfig, root);

    document.body.innerHTML = '<main>the next page</main>';
    await nextTask();
    expect(document.body.lastElementChild).toBe(element);

    const next = document.createElement('body');
    next.innerHTML = '<main>a page after that</main>';
    document.documentElement.replaceChild(next, document.body);
    await nextTask();
    expect(next.lastElementChild).toBe(element);
    // The new body is watched in turn.
    next.textContent = '';
    await nextTask();
    expect(next.lastElementChild).toBe(element);
  });

  it('against a page that removes it whenever it comes back: once per task, and the page goes on', async () => {
    const { element, root } = rootElement();
    stop = followBodySwaps(document, defaultConfig, root);
    let removals = 0;
    const fighter = new MutationObserver(() => {
      if (!element.isConnected) return;
      removals++;
      element.remove();
    });
    fighter.observe(document.body, { childList: true });
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    fighter.disconnect();
    // A handful per task, not an endless burst of microtasks that would never let this timer run.
    expect(removals).toBeGreaterThan(0);
    expect(removals).toBeLessThan(50);
    await nextTask();
    expect(element.isConnected).toBe(true);
  });

  it('stops: a root the widget removed at shutdown stays removed', async () => {
    const { element, root } = rootElement();
    const stopFollowing = followBodySwaps(document, defaultConfig, root);
    document.body.textContent = '';
    stopFollowing();
    await nextTask();
    expect(element.isConnected).toBe(false);
  });
});
