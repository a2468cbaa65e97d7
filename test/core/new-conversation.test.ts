import { describe, expect, it } from 'vitest';
import { ApiError } from '../../widget/api/errors';
import { formErrorsFrom, newConversationRequest, type RequestContext } from '../../widget/core/new-conversation';

const context: RequestContext = {
  identity: null,
  requireEmail: false,
  priority: 'normal',
  pageInfo: { page_url: 'https://shop.example/', locale: 'en' },
  extraMetadata: {},
  fallbackSubject: 'Support request',
};

describe('new conversation request', () => {
  it('takes the subject from the first line and sends channel web, names, email, priority, metadata', () => {
    const request = newConversationRequest({ name: ' Ana María López ', email: ' ana@example.com ', message: '  Refund please\nOrder 42  ' }, context);
    expect(request).toMatchObject({
      ok: true,
      email: 'ana@example.com',
      input: {
        subject: 'Refund please',
        description: 'Refund please\nOrder 42',
        userEmail: 'ana@example.com',
        userFirstName: 'Ana',
        userLastName: 'María López',
        priority: 'normal',
        channel: 'web',
        metadata: { page_url: 'https://shop.example/', locale: 'en' },
      },
    });
  });

  it('uses the subject given by newConversation, and leaves out what is unknown', () => {
    const request = newConversationRequest({ name: '', email: '', message: 'Hi', subject: 'About the V60' }, { ...context, pageInfo: null });
    expect(request.ok && request.input).toEqual({ subject: 'About the V60', description: 'Hi', priority: 'normal', channel: 'web', metadata: {} });
  });

  it('uses the identified customer, whatever the form says', () => {
    const request = newConversationRequest(
      { name: 'Someone', email: 'typed@example.com', message: 'Hi' },
      { ...context, identity: { email: 'kim@example.com', firstName: 'Kim', lastName: 'Lee' } },
    );
    expect(request.ok && request.input).toMatchObject({ userEmail: 'kim@example.com', userFirstName: 'Kim', userLastName: 'Lee' });
  });

  it('reports the form errors as codes: message required, email invalid, email required when configured', () => {
    expect(newConversationRequest({ name: '', email: 'nope', message: ' ' }, context)).toEqual({
      ok: false,
      errors: { message: 'required', email: 'invalid' },
    });
    expect(newConversationRequest({ name: '', email: '', message: 'Hi' }, { ...context, requireEmail: true })).toEqual({
      ok: false,
      errors: { email: 'required' },
    });
  });

  it('lets metadata from the site win, and never blocks on metadata that is too large', () => {
    const merged = newConversationRequest({ name: '', email: '', message: 'Hi' }, { ...context, extraMetadata: { locale: 'fr', plan: 'pro' } });
    expect(merged.ok && merged.input.metadata).toEqual({ page_url: 'https://shop.example/', locale: 'fr', plan: 'pro' });
    const huge = newConversationRequest({ name: '', email: '', message: 'Hi' }, { ...context, extraMetadata: { blob: 'x'.repeat(20_000) } });
    expect(huge.ok).toBe(true);
    expect(huge.ok && huge.metadataProblem).toMatch(/16/);
    expect(huge.ok && huge.input.metadata).toEqual({});
  });

  it('maps the API field errors onto the form fields', () => {
    const error = new ApiError({
      kind: 'http',
      status: 400,
      message: 'x',
      fieldErrors: { subject: ['Too long.'], user_email: ['Enter a valid email address.'] },
    });
    expect(formErrorsFrom(error)).toEqual({ message: 'Too long.', email: 'Enter a valid email address.' });
  });
});
