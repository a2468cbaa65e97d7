// The panel's texts in English, the reference language and the shape of every other; they come
// with the conversation code, and each other language is a file of its own. The launcher's texts
// are in launcher.ts, for every language at once. Accessible names fixed by product.md are marked;
// keep their English text exact.

import type { LauncherStrings } from './launcher';

export type { LauncherStrings } from './launcher';

const panel = {
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
  /**
   * The tab's title while team replies are unread, before the page's own title: for a count the
   * language calls 'one' (Intl.PluralRules), and for every other count.
   */
  newReply: '({count}) New reply',
  newReplies: '({count}) New replies',
};

export type PanelStrings = { readonly [K in keyof typeof panel]: string };
/** Every language has a text for every key (test/ui/i18n.test.tsx checks the translations). */
export type Strings = LauncherStrings & PanelStrings;
export type StringKey = keyof Strings;

export default panel as PanelStrings;
