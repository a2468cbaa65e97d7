import { act } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { activeState, renderWidget, sessionState } from '../helpers/render-widget';

const OFFLINE = 'You’re offline. Messages will be sent when you’re back.';

describe('notices', () => {
  it('says when the browser is offline, as a status, keeping the draft', () => {
    const widget = renderWidget({ open: true, online: false, state: activeState([], { draft: 'Typed before' }) });
    const status = widget.getByText(OFFLINE).closest('[role="status"]');
    expect(status).toBeTruthy();
    expect((widget.getByRole('textbox', { name: 'Write a reply' }) as HTMLTextAreaElement).value).toBe('Typed before');
    widget.rerender({ online: true });
    expect(widget.queryByText(OFFLINE)).toBeNull();
  });

  it('shows the session’s offline notice once, in the customer’s language', () => {
    const widget = renderWidget({
      open: true,
      online: false,
      state: sessionState({ notice: { kind: 'offline', text: 'TypeError: Failed to fetch' } }),
    });
    expect(widget.getAllByText(OFFLINE)).toHaveLength(1);
    expect(widget.queryByText(/Failed to fetch/)).toBeNull();
  });

  it('shows errors as a dismissible alert', () => {
    const widget = renderWidget({ open: true, state: sessionState({ notice: { kind: 'error', text: 'The helpdesk is unavailable.' } }) });
    expect(widget.getByRole('alert').textContent).toBe('The helpdesk is unavailable.');
    act(() => widget.getByRole('button', { name: 'Dismiss' }).click());
    expect(widget.actions.dismissNotice).toHaveBeenCalled();
  });

  it('falls back to a generic message when an error has no text', () => {
    const widget = renderWidget({ open: true, state: sessionState({ notice: { kind: 'error', text: '' } }) });
    expect(widget.getByRole('alert').textContent).toBe('Something went wrong. Please try again.');
  });
});
