// How the console words and formats what the API returns.

import type { WireConversation, WireMessage } from './api';

export const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
};

export function isEnded(conversation: WireConversation): boolean {
  return conversation.status === 'resolved' || conversation.status === 'closed';
}

export function requesterName(conversation: WireConversation): string {
  const { first_name: first, last_name: last, email } = conversation.requester;
  const name = [first, last].filter(Boolean).join(' ').trim();
  return name || email || 'Anonymous visitor';
}

export function initials(conversation: WireConversation): string {
  const name = requesterName(conversation);
  if (name === 'Anonymous visitor') return '?';
  const letters = name
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

export type Author = 'customer' | 'agent' | 'note';

/**
 * The contract has no sender role: a message is the customer's when its sender is the requester.
 * A requester without an email (the `anonymousEmail: none` switch) gets whatever address the
 * widget asked for later, so then anything not sent by a known agent counts as the customer's.
 */
export function authorOf(message: WireMessage, conversation: WireConversation, agentEmails: ReadonlySet<string>): Author {
  if (message.message_type === 'note') return 'note';
  const sender = message.sender_email?.toLowerCase() ?? null;
  const requester = conversation.requester.email?.toLowerCase() ?? null;
  if (sender !== null && sender === requester) return 'customer';
  if (sender !== null && agentEmails.has(sender)) return 'agent';
  return requester === null ? 'customer' : 'agent';
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

export function timeAgo(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  if (Math.abs(seconds) < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Only http(s) links become clickable: metadata comes from a public page and could say anything. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The page-info keys the widget sends (product.md), in the order a person reads them. */
export const PAGE_INFO_LABELS: [key: string, label: string][] = [
  ['page_title', 'Page'],
  ['page_url', 'URL'],
  ['referrer', 'Referrer'],
  ['locale', 'Locale'],
  ['timezone', 'Time zone'],
  ['screen', 'Screen'],
  ['user_agent', 'Browser'],
  ['widget_version', 'Widget'],
];

export function metadataText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.join(', ');
  return JSON.stringify(value);
}

const BROWSERS: [pattern: RegExp, name: string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];
const SYSTEMS: [pattern: RegExp, name: string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Windows/, 'Windows'],
  [/Linux/, 'Linux'],
];

/** "Chrome 131 on Linux" from a user-agent string, good enough for a glance. */
export function shortUserAgent(userAgent: string): string {
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return userAgent.slice(0, 60);
  return system ? `${browser} on ${system}` : browser;
}
