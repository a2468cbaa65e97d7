// What one tab accepts from another (core/tab-messages.ts): another tab may run another version of
// the widget, so every message is checked before it is used.

import { describe, expect, it } from 'vitest';
import { isTabMessage } from '../../widget/core/tab-messages';

const message = { id: 'm1', senderEmail: null, body: 'Hello', type: 'reply', createdAt: '2026-12-03T10:00:00Z' };
const conversation = { id: 'c1', status: 'open' };

describe('a message from another tab', () => {
  it.each<[string, unknown]>([
    ['a new list', { type: 'messages', conversationId: 'c1', messages: [message] }],
    ['an empty list', { type: 'messages', conversationId: 'c1', messages: [] }],
    ['a changed conversation', { type: 'conversation', conversation }],
    ['a new pointer', { type: 'pointer', conversation }],
    ['no conversation any more', { type: 'pointer', conversation: null }],
    ['a watching tab', { type: 'watching', tab: 't1', open: true }],
    ...['outbox', 'read', 'reset', 'hello', 'leader'].map((type): [string, unknown] => [`"${type}"`, { type }]),
  ])('is taken: %s', (_label, value) => {
    expect(isTabMessage(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['not an object', 'messages'],
    ['null', null],
    ['an unknown type (a newer version’s)', { type: 'typing' }],
    ['a list without its conversation', { type: 'messages', messages: [message] }],
    ['a list that is not an array', { type: 'messages', conversationId: 'c1', messages: { 0: message } }],
    ['a message without a body', { type: 'messages', conversationId: 'c1', messages: [{ ...message, body: undefined }] }],
    ['a message with a numeric sender', { type: 'messages', conversationId: 'c1', messages: [{ ...message, senderEmail: 42 }] }],
    ['a conversation without an id', { type: 'conversation', conversation: { status: 'open' } }],
    ['a pointer to nothing given', { type: 'pointer' }],
    ['a watching tab without its state', { type: 'watching', tab: 't1' }],
  ])('is refused: %s', (_label, value) => {
    expect(isTabMessage(value)).toBe(false);
  });
});
