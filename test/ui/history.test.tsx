import { act, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary, SessionState } from '../../widget/core/state';
import { activeState, renderWidget, sessionState } from '../helpers/render-widget';

const identity = { email: 'jane@example.com', firstName: 'Jane' };
const items: ConversationSummary[] = [
  { id: 'c2', subject: 'Refund for order 42', status: 'pending', updatedAt: '2025-02-03T10:00:00' },
  { id: 'c1', subject: 'Cannot log in', status: 'resolved', updatedAt: '2025-01-10T10:00:00' },
];
const withHistory = (history: SessionState['history'], partial: Partial<SessionState> = {}) => sessionState({ identity, history, ...partial });

describe('your conversations', () => {
  it('lists an identified customer’s conversations with their status', () => {
    const widget = renderWidget({ open: true, state: withHistory({ status: 'ready', items }) });
    const list = widget.getByRole('list', { name: 'Your conversations' });
    const entries = within(list).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.textContent).toContain('Refund for order 42');
    expect(entries[0]!.textContent).toContain('Pending');
    expect(entries[1]!.textContent).toContain('Resolved');
  });

  it('resumes the one the customer picks', () => {
    const widget = renderWidget({ open: true, state: withHistory({ status: 'ready', items }) });
    act(() => widget.getByRole('button', { name: /Cannot log in/ }).click());
    expect(widget.actions.resume).toHaveBeenCalledWith('c1');
  });

  it('says when it is loading and when it failed', () => {
    const widget = renderWidget({ open: true, state: withHistory({ status: 'loading', items: [] }) });
    expect(widget.getByText('Loading your conversations…')).toBeTruthy();
    widget.rerender({ state: withHistory({ status: 'error', items: [] }) });
    expect(widget.getByText('Your conversations could not be loaded.')).toBeTruthy();
  });

  it('is not shown to anonymous visitors, for an empty history, or over an active conversation', () => {
    const anonymous = renderWidget({ open: true, state: sessionState({ history: { status: 'ready', items } }) });
    expect(anonymous.queryByRole('list', { name: 'Your conversations' })).toBeNull();
    const empty = renderWidget({ open: true, state: withHistory({ status: 'ready', items: [] }) });
    expect(empty.queryByText('Your conversations')).toBeNull();
    const active = renderWidget({ open: true, state: activeState([], { identity, history: { status: 'ready', items } }) });
    expect(active.queryByRole('list', { name: 'Your conversations' })).toBeNull();
  });
});
