// Keeps the widget's root on the viewport. The root is a fixed box over the whole viewport and the
// launcher and panel are fixed inside it, which holds while no ancestor (html, body) becomes the
// containing block of fixed boxes. A transform, filter, perspective, backdrop-filter, will-change
// of one of those, or paint or layout containment does exactly that: then everything fixed
// scrolls away with the page, and the launcher of a scrolled page sits thousands of pixels below
// the viewport. Themes put `transform: translateZ(0)` on body for "GPU acceleration"; modal
// libraries lock html and body.
// https://drafts.csswg.org/css-transforms-1/#transform-rendering
// https://drafts.fxtf.org/filter-effects-1/#FilterProperty (not on the root element: html is exempt)
// https://drafts.csswg.org/css-contain-2/#containment-layout
//
// The top layer escapes every ancestor (its boxes are children of the viewport), so there the root
// becomes a manual popover: never light-dismissed by the page's own popovers and dialogs, which
// open above it (https://html.spec.whatwg.org/multipage/popover.html#popover-light-dismiss). It
// goes there only when a measure finds the root off the viewport, because the top layer ignores
// z-index: on an ordinary page `data-z-index` keeps working (a site that puts its own menu or
// cookie banner above the launcher keeps it there), and the page's stacking is left as it was.
// Once there, it stays: a page that moved the viewport once does it again.
//
// Browsers without popovers (Chrome < 114, Safari < 17, Firefox < 125) shift the root back onto the
// viewport instead, and again on every scroll and resize: it can lag a frame behind a scroll.
//
// A page wider than a phone's screen (a wide table, an image, a fixed-width layout) moves fixed
// boxes another way. Chromium then stretches the viewport that fixed boxes fill, the layout
// viewport, to the page's width and the height in proportion (875×1894 for a 875px page on a
// 390×844 phone), while the customer sees its top-left 390×844: the launcher sits at the far
// corner, and the open panel is 875px wide with its close button out of sight. The top layer is
// laid out in that same stretched viewport. There the root is shifted onto the visual viewport,
// the part of the page the customer sees, and follows it as they scroll, zoom, or the on-screen
// keyboard opens. The root is still fixed, so the page's stacking and data-z-index hold.
// https://developer.chrome.com/blog/viewport-resize-behavior (layout and visual viewports)
//
// A page made for desktops only (no viewport meta tag, or a fixed `width=1024` in it) is shown
// zoomed out on a phone: 980 CSS pixels across 390, so a 15px text reads as 6px, and the panel
// would be as unreadable as the page. While the page is zoomed out below the device's own width
// (VisualViewport.scale < 1), the shifted root is drawn at the device's scale instead: as wide as
// the screen in its own pixels, scaled up to cover what the customer sees. The panel's phone layout
// follows the root's width (a container query), not the page's. Zoomed in, the widget grows with
// the page like everything else.
//
// A page's CSS `zoom` on html or body (site builders scale a whole design with it, accessibility
// overlays enlarge the page with it) multiplies every length under it, the fixed root's too: at
// 1.5 the desktop panel is taller than the screen, at 0.8 the phone's full-screen panel leaves a
// fifth of it bare. The floating root undoes the zoom of its container, so the widget keeps the
// customer's own scale; their browser's zoom and pinch are not CSS zoom and still apply.
// https://drafts.csswg.org/css-viewport/#zoom-property

export interface Shift {
  /** The root's offset from its containing block. */
  x: number;
  y: number;
  /** The root's size in its own pixels: what the customer sees, divided by `scale`. */
  width: number;
  height: number;
  /** How much the root is scaled up: 1, or more while the page is zoomed out below the device's width. */
  scale: number;
}

export interface ViewportAnchor {
  /** Measures the root and puts it back on the viewport if the page moved it. */
  check(): void;
  stop(): void;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1;

/** What the anchor changes: the root's styles (widget/loader/styles.ts). */
export interface Placement {
  setShift(shift: Shift | null): void;
  /** Undoes this CSS zoom of the root's container. */
  setZoom(zoom: number): void;
}

export function anchorToViewport(host: HTMLElement, { setShift, setZoom }: Placement): ViewportAnchor {
  const doc = host.ownerDocument;
  const win = doc.defaultView!;
  const visual = win.visualViewport;
  let mode: 'fixed' | 'top-layer' | 'shifted' = 'fixed';
  let shift: Shift = { x: 0, y: 0, width: 0, height: 0, scale: 1 };
  let zoom = 1;

  // The viewport's element: html, or body in quirks mode (where html is as tall as the page).
  const viewport = () => doc.scrollingElement ?? doc.documentElement;
  /** Whether the page is shown zoomed out below the device's width (a page made for desktops only). */
  const zoomedOut = () => Boolean(visual && visual.scale < 0.99);
  /**
   * What the root must cover, in the coordinates of getBoundingClientRect: the part of the page
   * the customer sees, which is the initial containing block (the viewport without scroll bars)
   * unless they zoomed or the page stretched the layout viewport.
   */
  const seen = () =>
    visual
      ? { left: visual.offsetLeft, top: visual.offsetTop, width: visual.width, height: visual.height, zoom: zoomedOut() ? visual.scale : 1 }
      : { left: 0, top: 0, width: viewport().clientWidth, height: viewport().clientHeight, zoom: 1 };
  const follow = () => {
    const box = host.getBoundingClientRect();
    const { left, top, width, height, zoom } = seen();
    const next = { x: shift.x - box.left + left, y: shift.y - box.top + top, width: width * zoom, height: height * zoom, scale: 1 / zoom };
    if ((Object.keys(next) as (keyof Shift)[]).some((key) => next[key] !== shift[key])) setShift((shift = next));
  };
  const listen = (method: 'addEventListener' | 'removeEventListener') => {
    // Capturing: the page may scroll body or a wrapper, whose scroll events do not bubble.
    doc[method]('scroll', follow, { capture: true, passive: true } as AddEventListenerOptions);
    win[method]('resize', follow);
    // The visual viewport's resizes (a zoom, the on-screen keyboard) call check() in every mode (below).
    visual?.[method]('scroll', follow);
  };
  const shiftFromNowOn = () => {
    mode = 'shifted';
    listen('addEventListener');
    follow();
  };

  /** Whether the root covers the viewport; if not, moves it there, and measures again when it moved. */
  function check() {
    if (!host.isConnected) return;
    // The effective zoom of the container (Baseline 2026; none before it is read as 1).
    const containerZoom = (host.parentElement as { currentCSSZoom?: number } | null)?.currentCSSZoom ?? 1;
    if (containerZoom !== zoom) setZoom((zoom = containerZoom));
    if (mode === 'shifted') {
      follow();
      return;
    }
    if (mode === 'top-layer') {
      try {
        // A popover leaves the top layer when it leaves the document (Turbo Drive, a page re-appending it).
        if (!host.matches(':popover-open')) host.showPopover();
      } catch {
        // Not expected (the root is connected and a valid popover), but never thrown into the page.
        host.removeAttribute('popover');
        shiftFromNowOn();
        return;
      }
    }
    const box = host.getBoundingClientRect();
    const { clientWidth, clientHeight } = viewport();
    // No box: not rendered (display: none above it, a document without layout), nothing to
    // judge. The window's inner height too: iOS sizes fixed boxes to it as its toolbars hide.
    if (
      (!box.width && !box.height) ||
      (!zoomedOut() &&
        near(box.left, 0) &&
        near(box.top, 0) &&
        near(box.width, clientWidth) &&
        (near(box.height, clientHeight) || near(box.height, win.innerHeight)))
    )
      return;
    // The layout viewport itself, stretched wider than the screen or zoomed out (above), whether
    // the root is fixed or already in the top layer: no ancestor holds it, only the browser.
    const layoutViewport = near(box.left, 0) && near(box.top, 0) && near(box.width, win.innerWidth) && (box.width > clientWidth + 1 || zoomedOut());
    if (mode === 'top-layer' || layoutViewport || typeof host.showPopover !== 'function') {
      shiftFromNowOn();
      return;
    }
    mode = 'top-layer';
    host.popover = 'manual';
    check();
  }

  // Asks for a measure when the root's place in the viewport changes: at once (the first report),
  // when the page gives html or body a containing block later on (the root's box grows, or scrolls
  // off), and when the root leaves and re-enters the document.
  // And when the customer zooms: zooming out below the device's width moves nothing the observer sees.
  const Observer = win.IntersectionObserver;
  const observer = typeof Observer === 'function' ? new Observer(() => check(), { threshold: [0, 1] }) : null;
  observer?.observe(host);
  visual?.addEventListener('resize', check);
  // And when the page's zoom changes: the root, fixed over the same viewport, is then a different
  // number of its own pixels wide, which only a resize observer sees. Its first report, in the same
  // frame as the intersection observer's, would only measure again what that one measures.
  const Resize = win.ResizeObserver;
  let firstReport = observer !== null;
  const resizes =
    typeof Resize === 'function'
      ? new Resize(() => {
          if (firstReport) firstReport = false;
          else check();
        })
      : null;
  resizes?.observe(host);

  return {
    check,
    stop() {
      observer?.disconnect();
      resizes?.disconnect();
      visual?.removeEventListener('resize', check);
      if (mode === 'shifted') listen('removeEventListener');
    },
  };
}
