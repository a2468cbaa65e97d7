import { act, fireEvent } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { chatMessage, renderWidget, sessionState, typeInto } from '../helpers/render-widget';

const pressEscape = (element: Element) => act(() => void fireEvent.keyDown(element, { key: 'Escape' }));

describe('panel', () => {
  it('is a non-modal dialog named by the title, with the greeting and a Close button', () => {
    const widget = renderWidget({ open: true });
    const dialog = widget.getByRole('dialog', { name: 'Support' });
    expect(dialog.getAttribute('aria-modal')).toBeNull();
    expect(widget.getByText(/How can we help\?/)).toBeTruthy();
    expect(widget.getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('uses the configured title and greeting', () => {
    const widget = renderWidget({ open: true, config: { title: 'Acme Help', greeting: 'Ask Acme anything.' } });
    expect(widget.getByRole('dialog', { name: 'Acme Help' })).toBeTruthy();
    expect(widget.getByText('Ask Acme anything.')).toBeTruthy();
  });

  it('builds nothing inside a closed panel, and keeps what was typed once it has opened', () => {
    const widget = renderWidget();
    const dialog = widget.getByRole('dialog', { hidden: true });
    expect(dialog.hidden).toBe(true);
    expect(dialog.childElementCount).toBe(0);
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    typeInto(widget.getByRole('textbox', { name: 'Name' }), 'Ana');
    act(() => widget.getByRole('button', { name: 'Close support chat' }).click());
    expect(dialog.hidden).toBe(true);
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    expect((widget.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Ana');
  });

  it('moves focus into the panel when opened, to the first field', () => {
    const widget = renderWidget();
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    expect(widget.activeElement()).toBe(widget.getByRole('textbox', { name: 'Name' }));
  });

  it('follows focus to the composer when the form gives way to the conversation', () => {
    const widget = renderWidget();
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    act(() => widget.getByRole('button', { name: 'Start conversation' }).focus());
    widget.rerender({ state: sessionState({ phase: 'active', messages: [chatMessage({ body: 'Hi' })] }) });
    expect(widget.activeElement()).toBe(widget.getByRole('textbox', { name: 'Write a reply' }));
  });

  it('leaves focus alone on a phase change when the customer is elsewhere', () => {
    const outside = document.createElement('input');
    document.body.appendChild(outside);
    const widget = renderWidget({ open: true });
    outside.focus();
    widget.rerender({ state: sessionState({ phase: 'active' }) });
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('never takes focus on the first render, even when it starts open', () => {
    const outside = document.createElement('input');
    document.body.appendChild(outside);
    outside.focus();
    const widget = renderWidget({ open: true });
    expect(document.activeElement).toBe(outside);
    expect(widget.activeElement()).toBeNull();
    outside.remove();
  });

  it('closes on Escape and gives focus back to the launcher', () => {
    const widget = renderWidget();
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    pressEscape(widget.getByRole('textbox', { name: 'Name' }));
    expect(widget.onOpenChange).toHaveBeenLastCalledWith(false);
    expect(widget.queryByRole('dialog')).toBeNull();
    expect(widget.activeElement()).toBe(widget.getByRole('button', { name: 'Open support chat' }));
  });

  it('closes with its Close button and gives focus back to the launcher', () => {
    const widget = renderWidget();
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    const close = widget.getByRole('button', { name: 'Close' });
    close.focus();
    act(() => close.click());
    expect(widget.queryByRole('dialog')).toBeNull();
    expect(widget.activeElement()).toBe(widget.getByRole('button', { name: 'Open support chat' }));
  });

  it('keeps what was typed in the form across close and open', () => {
    const widget = renderWidget({ open: true });
    const message = widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    act(() => void fireEvent.input(message, { target: { value: 'Half a thought' } }));
    widget.rerender({ open: false });
    widget.rerender({ open: true });
    expect((widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Half a thought');
  });

  it('does not steal focus back when the host page closes it while the customer is elsewhere', () => {
    const outside = document.createElement('button');
    document.body.appendChild(outside);
    const widget = renderWidget();
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    outside.focus();
    widget.rerender({ open: false });
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('without a launcher, gives focus back to what opened it', () => {
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const widget = renderWidget({ config: { launcher: false } });
    expect(widget.queryByRole('button', { name: /support chat/ })).toBeNull();
    widget.rerender({ open: true });
    expect(widget.activeElement()).toBe(widget.getByRole('textbox', { name: 'Name' }));
    pressEscape(widget.getByRole('textbox', { name: 'Name' }));
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  describe('inline mode', () => {
    it('renders the panel in place: no launcher, no Close button, Escape does nothing', () => {
      const widget = renderWidget({ open: true, config: { mode: 'inline' } });
      expect(widget.queryByRole('button', { name: /support chat/ })).toBeNull();
      expect(widget.queryByRole('button', { name: 'Close' })).toBeNull();
      const panel = widget.getByRole('dialog', { name: 'Support' });
      pressEscape(widget.getByRole('textbox', { name: 'Message' }));
      expect(widget.onOpenChange).not.toHaveBeenCalled();
      expect(panel.hidden).toBe(false);
    });

    it('shows even if told it is closed', () => {
      const widget = renderWidget({ open: false, config: { mode: 'inline' } });
      expect(widget.getByRole('dialog', { name: 'Support' })).toBeTruthy();
    });
  });
});
