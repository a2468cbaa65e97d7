// The message feed (core/message-feed.ts): what the session holds of a conversation's messages,
// and which team messages are news, the ones that fire the `message` event.

import { describe, expect, it } from 'vitest';
import type { Message } from '../../widget/api/types';
import { customerSenders } from '../../widget/core/conversation-view';
import { createMessageFeed } from '../../widget/core/message-feed';

const CUSTOMER = new Set(['jane@example.com']);
const team = (id: string, body = `Team ${id}`): Message => ({
  id,
  senderEmail: 'sam@helpdesk.example',
  body,
  type: 'reply',
  createdAt: '2026-12-03T10:00:00Z',
});
const customer = (id: string): Message => ({ id, senderEmail: 'jane@example.com', body: `Customer ${id}`, type: 'reply', createdAt: '2026-12-03T10:00:00Z' });
const note = (id: string): Message => ({ ...team(id), type: 'note' });
const ids = (messages: readonly Message[]) => messages.map((message) => message.id);

describe('the message feed', () => {
  it('announces nothing of a resumed conversation’s history, then each team reply once', () => {
    const feed = createMessageFeed();
    feed.reset(false);
    expect(feed.loaded).toBe(false);
    const first = feed.merge([customer('c1'), team('t1')], CUSTOMER);
    expect(first).toEqual({ changed: true, news: [] });
    expect(feed.loaded).toBe(true);
    expect(ids(feed.merge([customer('c1'), team('t1'), team('t2')], CUSTOMER).news)).toEqual(['t2']);
    // The same list again: nothing changed, nothing new.
    expect(feed.merge([customer('c1'), team('t1'), team('t2')], CUSTOMER)).toEqual({ changed: false, news: [] });
  });

  it('announces every team reply of a conversation created here, the first list included', () => {
    const feed = createMessageFeed();
    feed.reset(true);
    expect(ids(feed.merge([customer('c1'), team('t1')], CUSTOMER).news)).toEqual(['t1']);
  });

  it.each([
    ['an internal note', note('n1')],
    ['the customer’s own message', customer('c2')],
  ])('never announces %s', (_label, message) => {
    const feed = createMessageFeed();
    feed.reset(true);
    expect(feed.merge([message], CUSTOMER).news).toEqual([]);
  });

  it('never announces an anonymous requester’s own description, listed without a sender', () => {
    const feed = createMessageFeed();
    feed.reset(true);
    const description: Message = { ...customer('c1'), senderEmail: null };
    expect(ids(feed.merge([description, team('t1')], customerSenders([], null)).news)).toEqual(['t1']);
  });

  it('keeps the objects of unchanged messages, so the view does not draw them again', () => {
    const feed = createMessageFeed();
    feed.reset(false);
    feed.merge([team('t1'), team('t2')], CUSTOMER);
    const [kept] = feed.list;
    feed.merge([team('t1'), team('t2', 'Edited')], CUSTOMER);
    expect(feed.list[0]).toBe(kept);
    expect(feed.list[1]!.body).toBe('Edited');
  });

  it('holds a sent reply until the next list, once, and knows a list came from the server', () => {
    const feed = createMessageFeed();
    feed.reset(true);
    expect(feed.listed).toBe(false);
    feed.add(customer('c1'));
    feed.add(customer('c1'));
    expect(ids(feed.list)).toEqual(['c1']);
    feed.merge([customer('c1'), team('t1')], CUSTOMER);
    expect(feed.listed).toBe(true);
    expect(ids(feed.list)).toEqual(['c1', 't1']);
  });

  it('forgets what it announced when another conversation comes on screen', () => {
    const feed = createMessageFeed();
    feed.reset(true);
    feed.merge([team('t1')], CUSTOMER);
    feed.reset(true);
    expect(ids(feed.merge([team('t1')], CUSTOMER).news)).toEqual(['t1']);
  });
});
