import { act, fireEvent } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { descriptionOf, renderWidget, sessionState, typeInto } from '../helpers/render-widget';

const submit = (widget: ReturnType<typeof renderWidget>) => act(() => widget.getByRole('button', { name: 'Start conversation' }).click());

describe('first-message form', () => {
  it('has labelled Name, Email and Message fields; email is optional by default', () => {
    const widget = renderWidget({ open: true });
    const name = widget.getByRole('textbox', { name: 'Name' });
    const email = widget.getByRole('textbox', { name: 'Email' });
    const message = widget.getByRole('textbox', { name: 'Message' });
    expect(widget.shadowRoot.querySelector(`label[for="${email.id}"]`)?.textContent).toBe('Email');
    expect((email as HTMLInputElement).required).toBe(false);
    expect(descriptionOf(email)).toBe('Optional');
    expect(descriptionOf(name)).toBe('Optional');
    expect((message as HTMLTextAreaElement).required).toBe(true);
    expect(widget.getByRole('button', { name: 'Start conversation' })).toBeTruthy();
  });

  it('hands every change of the fields to the session, to be kept for the next page', () => {
    const widget = renderWidget({ open: true });
    typeInto(widget.getByRole('textbox', { name: 'Name' }), 'Jane');
    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'Do you ship to Norway?');
    expect(widget.actions.setFormDraft).toHaveBeenLastCalledWith({ name: 'Jane', email: '', message: 'Do you ship to Norway?' });
  });

  it('requires the email when the site owner asks for it', () => {
    const widget = renderWidget({ open: true, config: { requireEmail: true } });
    const email = widget.getByRole('textbox', { name: 'Email' }) as HTMLInputElement;
    expect(email.required).toBe(true);
    expect(email.getAttribute('aria-required')).toBe('true');
    expect(descriptionOf(email)).toBe('');

    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'Hello');
    submit(widget);
    expect(widget.actions.startConversation).not.toHaveBeenCalled();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(email)).toBe('Please enter your email.');
    expect(widget.activeElement()).toBe(email);
  });

  it('needs a message, and says so on the field', () => {
    const widget = renderWidget({ open: true });
    typeInto(widget.getByRole('textbox', { name: 'Message' }), '   ');
    submit(widget);
    const message = widget.getByRole('textbox', { name: 'Message' });
    expect(widget.actions.startConversation).not.toHaveBeenCalled();
    expect(message.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(message)).toBe('Please write a message.');
    expect(widget.activeElement()).toBe(message);

    typeInto(message, 'Now with words');
    expect(message.getAttribute('aria-invalid')).toBeNull();
  });

  it('checks the email format when one is given', () => {
    const widget = renderWidget({ open: true });
    typeInto(widget.getByRole('textbox', { name: 'Email' }), 'jane@');
    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'Hello');
    submit(widget);
    expect(widget.actions.startConversation).not.toHaveBeenCalled();
    expect(descriptionOf(widget.getByRole('textbox', { name: 'Email' }))).toBe('Optional Please enter a valid email address, like name@example.com.');
  });

  it('starts the conversation with trimmed values', () => {
    const widget = renderWidget({ open: true });
    typeInto(widget.getByRole('textbox', { name: 'Name' }), '  Jane Doe ');
    typeInto(widget.getByRole('textbox', { name: 'Email' }), ' jane@example.com ');
    typeInto(widget.getByRole('textbox', { name: 'Message' }), '\n My order is late \n');
    act(() => void fireEvent.submit(widget.getByRole('button', { name: 'Start conversation' }).closest('form')!));
    expect(widget.actions.startConversation).toHaveBeenCalledWith({
      name: 'Jane Doe',
      email: 'jane@example.com',
      message: 'My order is late',
    });
  });

  it('shows the server’s field errors on their fields until they are edited', () => {
    const widget = renderWidget({
      open: true,
      state: sessionState({ formErrors: { email: 'This domain does not accept mail.', message: 'required' } }),
    });
    const email = widget.getByRole('textbox', { name: 'Email' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(widget.getByText('This domain does not accept mail.')).toBeTruthy();
    expect(widget.getByText('Please write a message.')).toBeTruthy();
    typeInto(email, 'jane@example.org');
    expect(widget.queryByText('This domain does not accept mail.')).toBeNull();
  });

  it('fills in the prefill, and takes a new one when it changes', () => {
    const prefill = { name: 'Jane', email: 'jane@example.com', message: 'About my invoice' };
    const widget = renderWidget({ open: true, state: sessionState({ prefill }) });
    expect((widget.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Jane');
    expect((widget.getByRole('textbox', { name: 'Email' }) as HTMLInputElement).value).toBe('jane@example.com');
    expect((widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('About my invoice');

    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'About my invoice, number 7');
    widget.rerender({ state: sessionState({ prefill: { ...prefill } }) });
    expect((widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('About my invoice, number 7');

    widget.rerender({ state: sessionState({ prefill: { ...prefill, message: 'Refund please' } }) });
    expect((widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Refund please');
  });

  it('keeps the message being typed when the customer is identified meanwhile (a login in a single-page app)', () => {
    const widget = renderWidget({ open: true });
    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'My parcel came open');
    const identity = { email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' };
    widget.rerender({ state: sessionState({ identity, prefill: { name: 'Jane Doe', email: 'jane@example.com', message: '' } }) });
    expect((widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('My parcel came open');
    submit(widget);
    expect(widget.actions.startConversation).toHaveBeenCalledWith({ name: 'Jane Doe', email: 'jane@example.com', message: 'My parcel came open' });
  });

  it('lets identified customers write only the message', () => {
    const identity = { email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' };
    const widget = renderWidget({ open: true, state: sessionState({ identity }) });
    expect(widget.queryByRole('textbox', { name: 'Name' })).toBeNull();
    expect(widget.queryByRole('textbox', { name: 'Email' })).toBeNull();
    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'Hi again');
    submit(widget);
    expect(widget.actions.startConversation).toHaveBeenCalledWith({ name: 'Jane Doe', email: 'jane@example.com', message: 'Hi again' });
  });

  it('keeps the inputs and shows it is working while creating', () => {
    const widget = renderWidget({ open: true });
    typeInto(widget.getByRole('textbox', { name: 'Message' }), 'Hello');
    widget.rerender({ state: sessionState({ phase: 'creating' }) });
    const button = widget.getByRole('button', { name: 'Start conversation' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(widget.getByText('Starting…').getAttribute('role')).toBe('status');
    expect((widget.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Hello');
    act(() => button.click());
    expect(widget.actions.startConversation).not.toHaveBeenCalled();
  });
});
