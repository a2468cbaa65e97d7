// What the customer is told above the composer or the form, and the host page by the `error` event:
// a failure to see (with the API's words), or that the helpdesk cannot be reached for now.

import { isApiError, messageOf } from '../../api/errors';
import type { SessionDeps } from './interfaces';
import type { Store } from './store';

/**
 * The text of a failure the customer sees: the helpdesk's own words when it answered with a
 * refusal; otherwise none, and the panel says its own in the customer's language. What the widget
 * says of a request that got no usable answer (offline, CORS, a timeout, a proxy's page) is meant
 * for the site owner, who reads it in the console and the `error` event.
 */
const customerText = (error: unknown) => (isApiError(error) && error.kind === 'http' ? error.message : '');

export function createNotices(store: Store, emit: SessionDeps['emit']) {
  /** Tells the host page only. */
  const report = (kind: string, error: unknown) => emit('error', { kind, message: messageOf(error), status: isApiError(error) ? error.status : null });
  return {
    report,
    /** A failure the customer must see in the panel, also told to the host page. */
    showError(kind: string, error: unknown) {
      store.set({ notice: { kind: 'error', text: customerText(error) } });
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
