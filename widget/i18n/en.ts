// The texts in English, the reference language and the shape of every other. English comes in two
// parts: the launcher's texts travel in the loader, the panel's with the conversation code. Each
// other language is one file of its own (fr.ts …) with both, fetched only for customers who read
// it. Accessible names fixed by product.md are marked; keep their English text exact.
// A text with a count is a Plural: one text for each form the language's grammar has (plural.ts).

import type { Plural } from './plural';

/** What the loader shows before any other file has arrived. */
export const launcher = {
  /** product.md: the launcher while the panel is closed. */
  openChat: 'Open support chat',
  /** product.md: the launcher while the panel is open. */
  closeChat: 'Close support chat',
  /** The launcher's description while team replies are unread (the badge shows the number). */
  unread: { one: '{count} unread reply', other: '{count} unread replies' } as Plural,
  /** Where the panel would be, when its code could not be loaded (offline, blocked, missing). */
  loadFailed: 'The chat could not be loaded. Check your connection and try again.',
  loadRetry: 'Try again',
};

export const panel = {
  /** product.md: the panel's default title. */
  title: 'Support',
  /** product.md: the panel's close button. */
  close: 'Close',
  /** product.md: form fields and button. */
  name: 'Name',
  email: 'Email',
  message: 'Message',
  startConversation: 'Start conversation',
  /** product.md: an ended conversation. */
  startNew: 'Start a new conversation',
  optional: 'Optional',
  starting: 'Starting…',
  /** product.md: the log. */
  conversation: 'Conversation',
  loadingConversation: 'Loading the conversation…',
  showEarlier: 'Show earlier messages',
  /** product.md: composer. */
  writeReply: 'Write a reply',
  send: 'Send',
  /** product.md: a failed message. */
  retry: 'Retry',
  /** product.md: identified customers' list. */
  yourConversations: 'Your conversations',
  historyLoading: 'Loading your conversations…',
  historyError: 'Your conversations could not be loaded.',
  you: 'You',
  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  /** The session's subject when the first message gives none. */
  subjectFallback: 'Support request',
  genericError: 'Something went wrong. Please try again.',
  offline: 'You’re offline. Messages will be sent when you’re back.',
  dismiss: 'Dismiss',
  /** The panel's body: its greeting, and how a conversation ended. */
  greeting: 'Hi there! How can we help? Send us a message and we’ll reply right here.',
  resolved: 'This conversation was resolved.',
  closed: 'This conversation was closed.',
  statusOpen: 'Open',
  statusPending: 'Pending',
  statusResolved: 'Resolved',
  statusClosed: 'Closed',
  needsEmail: 'We need your email to reply',
  needsEmailHint: 'Leave your email so {team} can answer you, even after you leave this page.',
  saveEmail: 'Save email',
  messageRequired: 'Please write a message.',
  emailRequired: 'Please enter your email.',
  emailInvalid: 'Please enter a valid email address, like name@example.com.',
  /** product.md: a copy of the conversation. */
  saveCopy: 'Save a copy',
  /** The tab's title while team replies are unread, before the page's own title. */
  newReplies: { one: '({count}) New reply', other: '({count}) New replies' } as Plural,
};

type Shape<T> = { readonly [K in keyof T]: T[K] extends Plural ? Plural : string };
export type LauncherStrings = Shape<typeof launcher>;
export type PanelStrings = Shape<typeof panel>;
/** A language's texts: every key, in every language (test/ui/i18n.test.tsx checks the translations). */
export type Strings = LauncherStrings & PanelStrings;
export type StringKey = keyof Strings;
