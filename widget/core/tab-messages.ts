// What the tabs of one site tell each other (tab-channel.ts carries them). The leader tab polls
// and sends; the others show what it found. Another tab may run another widget version, so what
// arrives is checked before use.

import { isObject } from '../api/adapter';
import type { Conversation, Message } from '../api/types';

export type TabMessage =
  /** The leader's poll found a new list for a conversation. */
  | { type: 'messages'; conversationId: string; messages: readonly Message[] }
  /** The leader saw the conversation change (status). */
  | { type: 'conversation'; conversation: Conversation }
  /** The shared outbox changed: re-read it (and send, if you lead). */
  | { type: 'outbox' }
  /** The customer read the team's messages in some tab. */
  | { type: 'read' }
  /** This browser's current conversation changed (started, resumed, forgotten): follow it. */
  | { type: 'pointer'; conversation: Conversation | null }
  /** The customer logged out (reset) in some tab. */
  | { type: 'reset' }
  /** A tab just joined: the leader answers with its latest list. */
  | { type: 'hello' }
  /** A tab's panel opened or closed, or its customer is active: the leader polls at the open pace. */
  | { type: 'watching'; tab: string; open: boolean }
  /** A tab took the lead: the others tell it whether they are watching. */
  | { type: 'leader' };

const hasId = (value: unknown): value is Record<string, unknown> => isObject(value) && typeof value.id === 'string';
const isMessage = (value: unknown) =>
  hasId(value) &&
  typeof value.body === 'string' &&
  typeof value.type === 'string' &&
  typeof value.createdAt === 'string' &&
  (value.senderEmail === null || typeof value.senderEmail === 'string');

export function isTabMessage(value: unknown): value is TabMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'messages':
      return typeof value.conversationId === 'string' && Array.isArray(value.messages) && value.messages.every(isMessage);
    case 'conversation':
      return hasId(value.conversation);
    case 'pointer':
      return value.conversation === null || hasId(value.conversation);
    case 'watching':
      return typeof value.tab === 'string' && typeof value.open === 'boolean';
    case 'outbox':
    case 'read':
    case 'reset':
    case 'hello':
    case 'leader':
      return true;
    default:
      return false;
  }
}
