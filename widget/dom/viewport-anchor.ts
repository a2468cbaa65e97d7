// Keeps the widget's root on the viewport. The root is a fixed box over the whole viewport and the
// launcher and panel are fixed inside it, which holds while no ancestor (html, body) becomes the
// containing block of fixed boxes. A transform, filter, perspective, backdrop-filter, will-change
// of one of those, or paint or layout containment does exactly that (CSS Transforms 1 §2, Filter
// Effects 1 §5, CSS Containment 2 §3): then everything fixed scrolls away with the page, and the
// launcher of a scrolled page sits thousands of pixels below the viewport. Themes put
// `transform: translateZ(0)` on body for "GPU acceleration"; modal libraries lock html and body.
//
// The top layer escapes every ancestor (its boxes are children of the viewport), so there the root
// becomes a manual popover: never light-dismissed by the page's own popovers and dialogs, which
// open above it. It goes there only when a measure finds the root off the viewport, because the
// top layer ignores z-index: on an ordinary page `data-z-index` keeps working (a site that puts its
// own menu or cookie banner above the launcher keeps it there), and the page's stacking is left
// as it was. Once there, it stays: a page that moved the viewport once does it again.
//
// Browsers without popovers (Chrome < 114, Safari < 17, Firefox < 125) shift the root back onto the
// viewport instead, and again on every scroll and resize: it can lag a frame behind a scroll.

export interface Shift {
  /** The root's offset from the containing block that the page imposed, and the viewport's size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ViewportAnchor {
  /** Measures the root and puts it back on the viewport if the page moved it. */
  check(): void;
  stop(): void;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1;

export function anchorToViewport(host: HTMLElement, setShift: (shift: Shift | null) => void): ViewportAnchor {
  const doc = host.ownerDocument;
  const win = doc.defaultView!;
  let mode: 'fixed' | 'top-layer' | 'shifted' = 'fixed';
  let shift: Shift = { x: 0, y: 0, width: 0, height: 0 };

  const viewport = () => {
    // In quirks mode html is as tall as the page and body is the viewport's element.
    const root = doc.compatMode === 'BackCompat' && doc.body ? doc.body : doc.documentElement;
    return { width: root.clientWidth, height: root.clientHeight };
  };
  const onViewport = (box: DOMRect) => {
    const { width, height } = viewport();
    // The window's inner size too: iOS sizes fixed boxes to the viewport as its toolbars hide.
    return near(box.left, 0) && near(box.top, 0) && (near(box.width, width) || near(box.width, win.innerWidth)) && (near(box.height, height) || near(box.height, win.innerHeight));
  };

  const follow = () => {
    const box = host.getBoundingClientRect();
    const next = { x: shift.x - box.left, y: shift.y - box.top, ...viewport() };
    if (next.x !== shift.x || next.y !== shift.y || next.width !== shift.width || next.height !== shift.height) setShift((shift = next));
  };
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    // Capturing: the page may scroll body or a wrapper, whose scroll events do not bubble.
    doc[method]('scroll', follow, { capture: true, passive: true } as AddEventListenerOptions);
    win[method]('resize', follow);
  };
  const shiftFromNowOn = () => {
    mode = 'shifted';
    listen(true);
    follow();
  };
  const show = () => {
    try {
      // A popover leaves the top layer when it leaves the document (Turbo Drive, a page re-appending it).
      if (!host.matches(':popover-open')) host.showPopover();
    } catch {
      // Not expected (the root is connected and a valid popover), but never thrown into the page.
      host.removeAttribute('popover');
      shiftFromNowOn();
    }
  };

  const check = () => {
    if (!host.isConnected) return;
    if (mode === 'top-layer') return show();
    if (mode === 'shifted') return follow();
    const box = host.getBoundingClientRect();
    // No box: not rendered (display: none above it, a document without layout), nothing to judge.
    if ((!box.width && !box.height) || onViewport(box)) return;
    if (typeof host.showPopover !== 'function') return shiftFromNowOn();
    mode = 'top-layer';
    host.popover = 'manual';
    show();
  };

  // Asks for a measure when the root's place in the viewport changes: at once (the first report),
  // when the page gives html or body a containing block later on (the root's box grows, or scrolls
  // off), and when the root leaves and re-enters the document.
  const Observer = win.IntersectionObserver;
  const observer = typeof Observer === 'function' ? new Observer(() => check(), { threshold: [0, 1] }) : null;
  observer?.observe(host);

  return {
    check,
    stop() {
      observer?.disconnect();
      if (mode === 'shifted') listen(false);
    },
  };
}
