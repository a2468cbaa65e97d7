// The page's state as the core wants it (visibility, connectivity), read from a window that is
// passed in. Nothing here runs at import time.

import type { Connectivity, Visibility } from '../core/world';

export function pageVisibility(doc: Document): Visibility {
  return {
    isVisible: () => doc.visibilityState !== 'hidden',
    subscribe(callback) {
      doc.addEventListener('visibilitychange', callback);
      return () => doc.removeEventListener('visibilitychange', callback);
    },
  };
}

export function pageConnectivity(win: Window): Connectivity {
  return {
    // navigator.onLine is only a hint: `true` proves nothing, `false` is worth waiting on.
    isOnline: () => win.navigator.onLine !== false,
    subscribe(callback) {
      win.addEventListener('online', callback);
      win.addEventListener('offline', callback);
      return () => {
        win.removeEventListener('online', callback);
        win.removeEventListener('offline', callback);
      };
    },
  };
}

export function randomId(win: Window): string {
  const crypto = win.crypto;
  // randomUUID exists only in secure contexts (https); a plain http page gets 128 random bits.
  return crypto.randomUUID?.() ?? crypto.getRandomValues(new Uint32Array(4)).join('-');
}

type PostTask = (task: () => void, options: { priority: 'user-blocking' }) => Promise<unknown>;

/**
 * Runs `task` in a task of its own, soon: start-up is cut into such tasks so that none is long.
 * Where the browser has `scheduler.postTask`, at its user-blocking priority, which runs before
 * the page's ordinary tasks (and its timers); elsewhere a zero timer.
 */
export function nextTask(win: Window, task: () => void): void {
  const scheduler = (win as Window & { scheduler?: { postTask?: PostTask } }).scheduler;
  if (typeof scheduler?.postTask === 'function') void scheduler.postTask(task, { priority: 'user-blocking' });
  else win.setTimeout(task, 0);
}

/**
 * Runs `task` in a task of its own after the next frame is painted. A hidden page paints nothing
 * and gets no frames until shown, so there it runs at once in the next task, and so it does if the
 * page is hidden while the frame is awaited. A fixed fallback timer would not do: on a slow device
 * it fires before the first frame and delays it.
 */
export function afterNextPaint(win: Window, task: () => void): void {
  const doc = win.document;
  let queued = false;
  const run = () => {
    if (queued) return;
    queued = true;
    doc.removeEventListener('visibilitychange', run);
    nextTask(win, task);
  };
  if (doc.visibilityState === 'hidden') {
    run();
    return;
  }
  doc.addEventListener('visibilitychange', run);
  win.requestAnimationFrame(run);
}

/**
 * Runs `task` once the document is parsed: at once when it is, else on DOMContentLoaded. A tag in
 * <head> without defer (issue 14: the most common install mistake) runs before <body> exists, and
 * one that runs mid-parse would put the root before the rest of the page instead of at its end.
 */
export function whenParsed(doc: Document, task: () => void): void {
  if (doc.readyState !== 'loading') task();
  else doc.addEventListener('DOMContentLoaded', () => task(), { once: true });
}

/**
 * Runs `task` once the page is idle: after its load, when the browser has nothing more urgent
 * (requestIdleCallback, at most 5 s after the load), or after a short timer where there is none.
 */
export function whenIdle(win: Window, task: () => void): void {
  const idle = () => (typeof win.requestIdleCallback === 'function' ? win.requestIdleCallback(() => task(), { timeout: 5000 }) : win.setTimeout(task, 200));
  if (win.document.readyState === 'complete') idle();
  else win.addEventListener('load', idle, { once: true });
}
