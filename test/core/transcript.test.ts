// The copy of the conversation a customer saves (issue 15): what the log shows, as plain text.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../widget/api/types';
import { conversationView } from '../../widget/core/conversation-view';
import type { OutboxEntry } from '../../widget/core/outbox-entry';
import { formatTranscript, transcriptFileName } from '../../widget/core/transcript';
import { panel as en } from '../../widget/i18n/en';
import { dateFormats } from '../../widget/ui/dates';

beforeAll(() => {
  // Local times are the customer's: fix the zone the test reads them in (11:02 UTC is 11:02 in London in winter).
  process.env.TZ = 'Europe/London';
});

const AGENT = 'marta.lopez@kestrel.example';
const message = (id: string, senderEmail: string | null, body: string, createdAt: string, type = 'reply'): Message => ({
  id,
  senderEmail,
  body,
  type,
  createdAt,
});
const entry = (id: string, body: string, state: OutboxEntry['state'], createdAt: string): OutboxEntry => ({
  id,
  conversationId: 'c1',
  body,
  userEmail: 'jane@example.com',
  state,
  createdAt,
  firstAttemptAt: null,
  seenBefore: [],
  uncertain: false,
  attempts: 1,
  notBefore: 0,
  messageId: null,
  error: state === 'failed' ? 'Service unavailable' : null,
});

const HTML_LOOKING = 'Try <b>this</b> & <a href="https://evil.example">that</a>\n<script>alert(1)</script> &amp; done';

function transcript() {
  const messages = conversationView({
    serverMessages: [
      message('m1', AGENT, HTML_LOOKING, '2026-11-22T11:05:00Z'),
      message('m2', AGENT, 'Internal: customer is a VIP, refund freely', '2026-11-22T11:06:00Z', 'note'),
      message('m3', AGENT, 'status changed to pending', '2026-11-22T11:06:30Z', 'status_change'),
      message('m4', 'Jane@Example.com', 'Thanks!\n\n  Indented line', '2026-11-23T09:00:00Z'),
    ],
    outbox: [entry('o1', 'Are you still there?', 'pending', '2026-11-23T09:01:00Z'), entry('o2', 'Hello?', 'failed', '2026-11-23T09:02:00Z')],
    customerSenders: new Set(['jane@example.com']),
    firstMessage: { body: 'My beans never arrived.', createdAt: '2026-11-22T11:02:00Z' },
  });
  return formatTranscript({
    messages,
    title: 'Kestrel Support',
    site: 'shop.example.com',
    teamName: 'Kestrel Coffee',
    labels: { you: en.you, sending: en.sending, notSent: en.notSent },
    formats: dateFormats('en-GB', () => new Date('2026-11-23T12:00:00Z')),
  });
}

describe('the transcript', () => {
  it('reads like the log: days, who wrote, local times, bodies as they were written, pending replies marked', () => {
    expect(transcript()).toBe(
      [
        'Kestrel Support · shop.example.com',
        '',
        'Sunday 22 November',
        'You · 11:02',
        'My beans never arrived.',
        '',
        'Kestrel Coffee · 11:05',
        HTML_LOOKING,
        '',
        'Monday 23 November',
        'You · 9:00',
        'Thanks!\n\n  Indented line',
        '',
        'You · Sending…',
        'Are you still there?',
        '',
        'You · Not sent',
        'Hello?',
        '',
      ].join('\n'),
    );
  });

  it('never holds an internal note, another message type or an agent’s email', () => {
    const text = transcript();
    expect(text).not.toContain('VIP');
    expect(text).not.toContain('status changed');
    expect(text).not.toContain(AGENT);
    expect(text).not.toContain('kestrel.example');
  });

  it('is named after the site and the local date', () => {
    expect(transcriptFileName('shop.example.com', new Date(2026, 10, 2, 23, 59))).toBe('shop.example.com-2026-11-02.txt');
    expect(transcriptFileName('[::1]', new Date(2026, 0, 5))).toBe('1-2026-01-05.txt');
    expect(transcriptFileName('', new Date(2026, 0, 5))).toBe('conversation-2026-01-05.txt');
  });
});
