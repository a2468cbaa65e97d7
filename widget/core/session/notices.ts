// What the customer is told above the composer or the form, and the host page by the `error` event:
// a failure to see (with the API's words), or that the helpdesk cannot be reached for now.

import { isApiError, messageOf } from '../../api/errors';
import type { SessionDeps } from './interfaces';
import type { Store } from './store';

export function createNotices(store: Store, emit: SessionDeps['emit']) {
  /** Tells the host page only. */
  const report = (kind: string, error: unknown) => emit('error', { kind, message: messageOf(error), status: isApiError(error) ? error.status : null });
  return {
    report,
    /** A failure the customer must see in the panel, also told to the host page. */
    showError(kind: string, error: unknown) {
      store.set({ notice: { kind: 'error', text: messageOf(error) } });
      report(kind, error);
    },
    /** A poll failed: unreachable (offline, timed out) is said; other failures are the poller's to retry. */
    pollFailed(error: unknown) {
      if (isApiError(error) && (error.kind === 'network' || error.kind === 'timeout')) store.set({ notice: { kind: 'offline', text: error.message } });
    },
    /** The helpdesk answered: it is reachable again. */
    reached() {
      if (store.get().notice?.kind === 'offline') store.set({ notice: null });
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
