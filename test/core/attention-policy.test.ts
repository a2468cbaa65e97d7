// When a tab plays the reply sound and shows the count in its title (issue 15), as a table of the
// situations a customer is in.

import { describe, expect, it } from 'vitest';
import { type AttentionFacts, attentionPolicy, SOUND_GAP_MS } from '../../widget/core/attention-policy';

const NOW = 1_000_000;

/** A reply has just arrived; the customer is on this page with the panel closed; nothing played yet. */
const base: AttentionFacts = {
  alertingTab: true,
  panelOpen: false,
  visible: true,
  focused: true,
  unreadCount: 1,
  newReply: true,
  soundOn: true,
  titleAlertOn: true,
  lastSoundAt: -Infinity,
  now: NOW,
};

type Row = [situation: string, facts: Partial<AttentionFacts>, expected: { sound: boolean; title: boolean }];

const table: Row[] = [
  ['panel closed, on this page', {}, { sound: true, title: true }],
  ['panel closed, tab in the background', { visible: false, focused: false }, { sound: true, title: true }],
  ['panel open but the tab in the background', { panelOpen: true, visible: false, focused: false }, { sound: true, title: true }],
  // The read marker moves while the panel is open in a visible page: no count is left to show.
  ['panel open, window in the background', { panelOpen: true, focused: false, unreadCount: 0 }, { sound: true, title: false }],
  ['panel open and in view: reading it', { panelOpen: true, unreadCount: 0 }, { sound: false, title: false }],
  ['another tab alerts for the browser', { alertingTab: false }, { sound: false, title: true }],
  ['another tab alerts, this one in the background', { alertingTab: false, visible: false, focused: false }, { sound: false, title: true }],
  ['no new reply, replies still unread', { newReply: false }, { sound: false, title: true }],
  ['no new reply, nothing unread', { newReply: false, unreadCount: 0 }, { sound: false, title: false }],
  ['data-sound="false"', { soundOn: false }, { sound: false, title: true }],
  ['data-title-alert="false"', { titleAlertOn: false }, { sound: true, title: false }],
  ['a burst: the last sound just now', { lastSoundAt: NOW - 1 }, { sound: false, title: true }],
  ['a burst: the last sound a moment ago', { lastSoundAt: NOW - SOUND_GAP_MS + 1 }, { sound: false, title: true }],
  ['after the burst: the last sound long enough ago', { lastSoundAt: NOW - SOUND_GAP_MS }, { sound: true, title: true }],
];

describe('attentionPolicy', () => {
  it.each(table)('%s', (_situation, facts, expected) => {
    expect(attentionPolicy({ ...base, ...facts })).toEqual(expected);
  });

  it('never plays the sound in the tab where the conversation is being read, whatever else holds', () => {
    for (const alertingTab of [true, false]) {
      for (const lastSoundAt of [-Infinity, NOW - 10 * SOUND_GAP_MS]) {
        const decision = attentionPolicy({ ...base, alertingTab, lastSoundAt, panelOpen: true, visible: true, focused: true });
        expect(decision.sound).toBe(false);
      }
    }
  });
});
