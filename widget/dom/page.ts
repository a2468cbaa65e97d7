// The page's state as the core wants it (visibility, connectivity), read from a window that is
// passed in. Nothing here runs at import time.

import type { Connectivity, Visibility } from '../core/poller';

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
