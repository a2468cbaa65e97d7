// desiredWork() (core/session/desired-work.ts): from the facts of the moment, what runs in this tab:
// the poll, the outbox's sending, and its part in the election of the tab that does both.

import { describe, expect, it } from 'vitest';
import { type DesiredWork, desiredWork, type WorkFacts } from '../../widget/core/session/desired-work';

const OPEN = { id: 'c1', ended: false };
const ENDED = { id: 'c1', ended: true };

/** A visible tab among others, leading, in an open conversation, nothing to send. */
const LEADER: WorkFacts = {
  running: true,
  coordinated: true,
  leader: true,
  pageActive: true,
  visible: true,
  refused: false,
  conversation: OPEN,
  pending: false,
  unsent: false,
};

describe('desiredWork()', () => {
  it.each<[string, Partial<WorkFacts>, DesiredWork]>([
    ['the leader of an open conversation polls it, sends and keeps the lead', {}, { poll: 'c1', send: true, lead: true }],
    ['a follower shows what the leader finds: no poll, no send, still in the election', { leader: false }, { poll: null, send: false, lead: true }],
    ['a tab alone polls and sends without any election', { coordinated: false, leader: false }, { poll: 'c1', send: true, lead: false }],
    ['an ended conversation is not polled; replies left are still sent', { conversation: ENDED }, { poll: null, send: true, lead: true }],
    ['a create or resume under way: no poll of the conversation it replaces', { pending: true }, { poll: null, send: true, lead: true }],
    ['refused key or origin: no more polls, the outbox still tries', { refused: true }, { poll: null, send: true, lead: true }],
    [
      'a first visit (nothing shown, nothing to send) stays out of the election',
      { conversation: null, leader: false },
      { poll: null, send: false, lead: false },
    ],
    ['a first visit that leads alone sends (nothing to send yet)', { conversation: null, coordinated: false }, { poll: null, send: true, lead: false }],
    [
      'replies to send without a conversation: take part, to send them',
      { conversation: null, unsent: true, leader: false },
      { poll: null, send: false, lead: true },
    ],
    ['a hidden page leaves the lead to visible ones', { visible: false }, { poll: 'c1', send: true, lead: false }],
    ['a hidden page with replies still to send keeps it', { visible: false, unsent: true }, { poll: 'c1', send: true, lead: true }],
    ['a page going away (pagehide) hands the lead over, replies or not', { pageActive: false, unsent: true }, { poll: 'c1', send: true, lead: false }],
    ['destroyed: nothing at all', { running: false, unsent: true }, { poll: null, send: false, lead: false }],
    ['destroyed, alone: nothing either', { running: false, coordinated: false }, { poll: null, send: false, lead: false }],
  ])('%s', (_, facts, expected) => {
    expect(desiredWork({ ...LEADER, ...facts })).toEqual(expected);
  });
});
