// What the customer reads when something fails, against what the site owner is told.

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../widget/api/errors';
import { createNotices } from '../../widget/core/session/notices';
import type { Store } from '../../widget/core/session/store';
import type { Notice } from '../../widget/core/state';

function notices() {
  let notice: Notice | null = null;
  const store = { get: () => ({ notice }), set: (next: { notice: Notice | null }) => (notice = next.notice) } as unknown as Store;
  const events: Array<{ kind: string; message: string; status: number | null }> = [];
  const emit = ((_name: 'error', payload: (typeof events)[number]) => void events.push(payload)) as never;
  return { notices: createNotices(store, emit), notice: () => notice, events };
}

describe('showError', () => {
  it('shows the helpdesk’s own words for a refusal', () => {
    const { notices: shown, notice, events } = notices();
    shown.showError('send', new ApiError({ kind: 'http', status: 409, message: 'This conversation is closed.' }));
    expect(notice()).toEqual({ kind: 'error', text: 'This conversation is closed.' });
    expect(events).toEqual([{ kind: 'send', message: 'This conversation is closed.', status: 409 }]);
  });

  it.each([
    ['network', 'The helpdesk could not be reached: … blocked by CORS …'],
    ['timeout', 'The helpdesk did not answer within 15 s.'],
    ['invalid-response', 'The helpdesk answered with something that is not JSON (a proxy or login page?).'],
  ] as const)('a %s failure: the panel’s own text for the customer, the details for the site owner', (kind, message) => {
    const { notices: shown, notice, events } = notices();
    shown.showError('create', new ApiError({ kind, message }));
    // Empty: the panel shows its generic text, in the customer's language.
    expect(notice()).toEqual({ kind: 'error', text: '' });
    expect(events).toEqual([{ kind: 'create', message, status: null }]);
  });

  it('an error that is not the API’s: the panel’s own text too', () => {
    const { notices: shown, notice, events } = notices();
    shown.showError('resume', new TypeError('Cannot read properties of undefined'));
    expect(notice()).toEqual({ kind: 'error', text: '' });
    expect(events[0]!.message).toBe('Cannot read properties of undefined');
  });
});
