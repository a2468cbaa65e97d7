// Shows a text of ours in the tab's title (issue 15: "(2) New replies · <the page's title>") and
// gives the page its own title back afterwards, exactly, including a title the page set meanwhile
// (single-page apps change it on every route). Widgets that save the title once and put it back
// later undo the page's own changes; this one watches <title> and tells its writes from the page's.

import type { Clock } from '../core/world';

export interface TitleKeeperOptions {
  document: Document;
  /** The window's MutationObserver; without one, the page's changes are seen at the next show() or clear(). */
  MutationObserver: typeof MutationObserver | null;
  clock: Pick<Clock, 'now'>;
}

export interface TitleKeeper {
  /** Shows `render(pageTitle)` as the title, now and after every title change of the page. */
  show(render: (pageTitle: string) => string): void;
  /** Puts the page's own title back: the latest one it set. A no-op when nothing is shown. */
  clear(): void;
}

// A page script that rewrites the title whenever it changes would fight the keeper forever, and
// both callbacks are microtasks: past this many page changes in a second, the page keeps its title.
const MAX_PAGE_CHANGES_PER_SECOND = 20;

/** What browsers show for a title text: ASCII whitespace stripped and collapsed (HTML's document.title). */
const shownTitle = (text: string) => text.replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, '');

export function createTitleKeeper(options: TitleKeeperOptions): TitleKeeper {
  const doc = options.document;
  let render: ((pageTitle: string) => string) | null = null;
  /** The page's own title text while ours shows; null while the page has no <title>. */
  let pageTitle: string | null = null;
  /** The text we last wrote. */
  let written = '';
  let observer: MutationObserver | null = null;
  let changes: number[] = [];

  // document.title reads and writes the first <title> of the document; its text is read raw here,
  // so that the page's own is put back exactly (the getter collapses whitespace).
  const titleElement = () => doc.getElementsByTagName('title')[0] ?? null;
  const currentText = () => titleElement()?.textContent ?? null;

  function write() {
    written = render!(shownTitle(pageTitle ?? ''));
    if (currentText() !== written) doc.title = written;
  }

  /** Anything but our own last write is the page's title now. Returns whether the page changed it. */
  function notePageChange(): boolean {
    const text = currentText();
    if (text === written) return false;
    pageTitle = text;
    return true;
  }

  function onMutations() {
    if (!render || !notePageChange()) return;
    const now = options.clock.now();
    changes = [...changes.filter((at) => now - at < 1000), now];
    if (changes.length > MAX_PAGE_CHANGES_PER_SECOND) return keeper.clear();
    write();
  }

  const keeper: TitleKeeper = {
    show(next) {
      if (render) notePageChange();
      else {
        pageTitle = currentText();
        changes = [];
        observer = options.MutationObserver ? new options.MutationObserver(onMutations) : null;
        // The title's text node is replaced on every write (childList), or edited in place
        // (characterData); a router may also replace the <title> element itself.
        observer?.observe(doc.head ?? doc.documentElement, { childList: true, characterData: true, subtree: true });
      }
      render = next;
      write();
    },
    clear() {
      if (!render) return;
      observer?.disconnect();
      observer = null;
      notePageChange();
      render = null;
      written = '';
      // A page without a <title> gets none left behind; otherwise its own text, exactly.
      if (pageTitle === null) titleElement()?.remove();
      else if (currentText() !== pageTitle) doc.title = pageTitle;
    },
  };
  return keeper;
}
