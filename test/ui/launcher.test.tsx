import { act } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { descriptionOf, renderWidget, sessionState } from '../helpers/render-widget';

describe('launcher', () => {
  it('is named for what it does and says whether the panel is open', () => {
    const widget = renderWidget();
    const launcher = widget.getByRole('button', { name: 'Open support chat' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(widget.queryByRole('dialog')).toBeNull();

    act(() => launcher.click());
    expect(widget.onOpenChange).toHaveBeenCalledWith(true);
    const open = widget.getByRole('button', { name: 'Close support chat' });
    expect(open.getAttribute('aria-expanded')).toBe('true');
    expect(widget.getByRole('dialog', { name: 'Support' })).toBeTruthy();

    act(() => open.click());
    expect(widget.onOpenChange).toHaveBeenLastCalledWith(false);
    expect(widget.getByRole('button', { name: 'Open support chat' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the unread count as a badge and describes it, keeping its fixed name', () => {
    const widget = renderWidget({ state: sessionState({ unreadCount: 2 }) });
    const launcher = widget.getByRole('button', { name: 'Open support chat' });
    expect(launcher.querySelector('.badge')?.textContent).toBe('2');
    expect(descriptionOf(launcher)).toBe('2 unread replies');
    widget.rerender({ state: sessionState({ unreadCount: 1 }) });
    expect(descriptionOf(widget.getByRole('button', { name: 'Open support chat' }))).toBe('1 unread reply');
  });

  it('shows no badge when nothing is unread, or while the panel is open', () => {
    const widget = renderWidget();
    const launcher = widget.getByRole('button', { name: 'Open support chat' });
    expect(launcher.querySelector('.badge')).toBeNull();
    expect(launcher.getAttribute('aria-describedby')).toBeNull();
    widget.rerender({ open: true, state: sessionState({ unreadCount: 3 }) });
    expect(widget.getByRole('button', { name: 'Close support chat' }).querySelector('.badge')).toBeNull();
  });

  it('caps the badge at 99+', () => {
    const widget = renderWidget({ state: sessionState({ unreadCount: 250 }) });
    expect(widget.getByRole('button', { name: 'Open support chat' }).querySelector('.badge')?.textContent).toBe('99+');
  });

  it('is not rendered when the site owner brings their own button', () => {
    const widget = renderWidget({ config: { launcher: false } });
    expect(widget.queryByRole('button')).toBeNull();
  });

  it('is not rendered in inline mode', () => {
    const widget = renderWidget({ config: { mode: 'inline', target: '#help' } });
    expect(widget.queryByRole('button', { name: 'Open support chat' })).toBeNull();
  });
});
