import { act, fireEvent } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { activeState, chatMessage, descriptionOf, renderWidget, typeInto } from '../helpers/render-widget';

const reply = (widget: ReturnType<typeof renderWidget>) => widget.getByRole('textbox', { name: 'Write a reply' }) as HTMLTextAreaElement;
const press = (element: Element, init: KeyboardEventInit) => {
  let notPrevented = true;
  act(() => {
    notPrevented = fireEvent.keyDown(element, init);
  });
  return notPrevented;
};

describe('composer', () => {
  it('shows the draft and reports typing through setDraft', () => {
    const widget = renderWidget({ open: true, state: activeState([chatMessage()], { draft: 'Half' }) });
    expect(reply(widget).value).toBe('Half');
    typeInto(reply(widget), 'Half a reply');
    expect(widget.actions.setDraft).toHaveBeenLastCalledWith('Half a reply');
  });

  it('sends the draft on Enter', () => {
    const widget = renderWidget({ open: true, state: activeState([], { draft: 'Thanks!' }) });
    const notPrevented = press(reply(widget), { key: 'Enter' });
    expect(widget.actions.sendReply).toHaveBeenCalledWith('Thanks!');
    expect(notPrevented).toBe(false);
  });

  it('keeps Shift+Enter for a new line', () => {
    const widget = renderWidget({ open: true, state: activeState([], { draft: 'Line one' }) });
    const notPrevented = press(reply(widget), { key: 'Enter', shiftKey: true });
    expect(widget.actions.sendReply).not.toHaveBeenCalled();
    expect(notPrevented).toBe(true);
  });

  it('does not send while an input method is composing', () => {
    const widget = renderWidget({ open: true, state: activeState([], { draft: 'にほんご' }) });
    press(reply(widget), { key: 'Enter', isComposing: true });
    expect(widget.actions.sendReply).not.toHaveBeenCalled();
  });

  it('sends with the Send button, and never an empty reply', () => {
    const widget = renderWidget({ open: true, state: activeState([], { draft: '   ' }) });
    act(() => widget.getByRole('button', { name: 'Send' }).click());
    expect(widget.actions.sendReply).not.toHaveBeenCalled();
    widget.rerender({ state: activeState([], { draft: 'Hello' }) });
    act(() => widget.getByRole('button', { name: 'Send' }).click());
    expect(widget.actions.sendReply).toHaveBeenCalledWith('Hello');
  });

  it('gets focus when the panel opens on a conversation', () => {
    const widget = renderWidget({ state: activeState([chatMessage()]) });
    act(() => widget.getByRole('button', { name: 'Open support chat' }).click());
    expect(widget.activeElement()).toBe(reply(widget));
  });

  describe('when the team needs an email to answer', () => {
    it('asks for it above the composer and keeps the typed reply', () => {
      const widget = renderWidget({ open: true, state: activeState([], { needsEmail: true, draft: 'Where is my parcel?' }) });
      expect(widget.getByText('We need your email to reply')).toBeTruthy();
      const email = widget.getByRole('textbox', { name: 'Email' });
      // The team's name is bidi-isolated (FSI … PDI), which reads as nothing.
      expect(descriptionOf(email).replace(/[\u2068\u2069]/g, '')).toContain('so Support can answer you');
      expect(reply(widget).value).toBe('Where is my parcel?');

      typeInto(email, ' jane@example.com ');
      act(() => widget.getByRole('button', { name: 'Save email' }).click());
      expect(widget.actions.provideEmail).toHaveBeenCalledWith('jane@example.com');
    });

    it('says so when the email is missing or refused', () => {
      const widget = renderWidget({ open: true, state: activeState([], { needsEmail: true }) });
      act(() => widget.getByRole('button', { name: 'Save email' }).click());
      expect(widget.actions.provideEmail).not.toHaveBeenCalled();
      expect(descriptionOf(widget.getByRole('textbox', { name: 'Email' }))).toContain('Please enter your email.');

      typeInto(widget.getByRole('textbox', { name: 'Email' }), 'jane@');
      act(() => widget.getByRole('button', { name: 'Save email' }).click());
      expect(widget.actions.provideEmail).not.toHaveBeenCalled();
      expect(widget.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true');
      expect(widget.getByText('Please enter a valid email address, like name@example.com.')).toBeTruthy();
    });

    it('shows the session refusing the email', () => {
      const widget = renderWidget({ open: true, state: activeState([], { needsEmail: true, formErrors: { email: 'invalid' } }) });
      expect(descriptionOf(widget.getByRole('textbox', { name: 'Email' }))).toContain('Please enter a valid email address');
    });
  });
});

describe('an ended conversation', () => {
  it('says it was resolved, offers a new one and has no composer', () => {
    const state = activeState([chatMessage({ body: 'Fixed!' })], { phase: 'ended' });
    state.conversation = { ...state.conversation!, status: 'resolved' };
    const widget = renderWidget({ open: true, state });
    expect(widget.getByText('This conversation was resolved.')).toBeTruthy();
    expect(widget.getByText('Fixed!')).toBeTruthy();
    expect(widget.queryByRole('textbox', { name: 'Write a reply' })).toBeNull();
    act(() => widget.getByRole('button', { name: 'Start a new conversation' }).click());
    expect(widget.actions.startNew).toHaveBeenCalled();
  });

  it('says it was closed', () => {
    const state = activeState([], { phase: 'ended' });
    state.conversation = { ...state.conversation!, status: 'closed' };
    const widget = renderWidget({ open: true, state });
    expect(widget.getByText('This conversation was closed.')).toBeTruthy();
  });
});
