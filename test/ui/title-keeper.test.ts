// The tab's title while replies are unread (issue 15): ours on top of the page's, and the page's own
// title back afterwards, including one the page set in the meantime.

import { afterEach, describe, expect, it } from 'vitest';
import { createTitleKeeper } from '../../widget/dom/title-keeper';

/** Lets the MutationObserver's callback (a microtask) run. */
const observed = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const alert = (count: number) => (pageTitle: string) => (pageTitle ? `(${count}) New reply · ${pageTitle}` : `(${count}) New reply`);

function keeper(now = () => 0) {
  return createTitleKeeper({ document, MutationObserver, clock: { now } });
}

function setPage(titleHtml: string | null) {
  document.head.innerHTML = titleHtml === null ? '<meta charset="utf-8">' : `<meta charset="utf-8">${titleHtml}`;
}

afterEach(() => {
  document.head.innerHTML = '';
});

describe('the title keeper', () => {
  it('puts the count before the page’s title, then the page’s title back exactly', async () => {
    setPage('<title>  Kestrel   Coffee — beans  </title>');
    const titles = keeper();
    titles.show(alert(1));
    expect(document.title).toBe('(1) New reply · Kestrel Coffee — beans');
    titles.show(alert(2));
    expect(document.title).toBe('(2) New reply · Kestrel Coffee — beans');
    await observed();
    titles.clear();
    expect(document.querySelector('title')!.textContent).toBe('  Kestrel   Coffee — beans  ');
  });

  it('keeps a title the page sets while the count shows (a single-page app’s route), and gives that one back', async () => {
    setPage('<title>Shop</title>');
    const titles = keeper();
    titles.show(alert(1));
    await observed();

    document.title = 'Checkout';
    await observed();
    expect(document.title).toBe('(1) New reply · Checkout');

    // A router that replaces the <title> element itself.
    document.querySelector('title')!.replaceWith(Object.assign(document.createElement('title'), { textContent: 'Payment' }));
    await observed();
    expect(document.title).toBe('(1) New reply · Payment');

    titles.clear();
    expect(document.title).toBe('Payment');
    await observed();
    expect(document.title).toBe('Payment');
  });

  it('gives back a title the page set just before the count was cleared, before any callback ran', () => {
    setPage('<title>Shop</title>');
    const titles = keeper();
    titles.show(alert(3));
    document.title = 'Order #1042';
    titles.clear();
    expect(document.title).toBe('Order #1042');
  });

  it('leaves no <title> behind on a page that had none', async () => {
    setPage(null);
    const titles = keeper();
    titles.show(alert(1));
    expect(document.title).toBe('(1) New reply');
    await observed();
    titles.clear();
    expect(document.getElementsByTagName('title')).toHaveLength(0);
  });

  it('does nothing to the title when nothing is shown', async () => {
    setPage('<title>Shop</title>');
    const titles = keeper();
    titles.clear();
    document.title = 'Cart';
    await observed();
    expect(document.title).toBe('Cart');
  });

  it('lets a page that fights over its title win, instead of both rewriting it forever', async () => {
    setPage('<title>Shop</title>');
    // A page script that puts its title back whenever it changes.
    const page = new MutationObserver(() => {
      if (document.title !== 'Shop') document.title = 'Shop';
    });
    page.observe(document.head, { childList: true, subtree: true, characterData: true });
    const titles = keeper();
    titles.show(alert(1));
    for (let turn = 0; turn < 60; turn++) await observed();
    page.disconnect();
    expect(document.title).toBe('Shop');
  });
});
