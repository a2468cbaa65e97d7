// "Save a copy" and Parley('transcript') (issue 15): the conversation as plain text, as the
// customer sees it. It is made from the log's own view (conversation-view.ts), so whatever the log
// leaves out (internal notes, unknown message types, agents' emails) the copy leaves out too.
// Bodies are copied as they are: plain text, never HTML, nothing escaped or linkified.
//
//   Kestrel Support · shop.example.com
//
//   Saturday 22 November
//   You · 10:02
//   My beans never arrived.
//
//   Kestrel Coffee · 10:05
//   They are on their way.

import type { ChatMessage } from './state';

export interface TranscriptInput {
  /** What the log shows (SessionState.messages), oldest first. */
  messages: readonly ChatMessage[];
  /** The panel's title and the site's host name, for the first line. */
  title: string;
  site: string;
  /** The name on the team's messages, as in the log: never an agent's email. */
  teamName: string;
  /** The log's words, in the customer's language. */
  labels: { you: string; sending: string; notSent: string };
  /** Local days and times, as in the log (ui/dates.ts). */
  formats: { day(iso: string): string; dayKey(iso: string): string; time(iso: string): string };
}

export function formatTranscript(input: TranscriptInput): string {
  const { labels, formats } = input;
  const lines = [input.site ? `${input.title} · ${input.site}` : input.title];
  let day: string | null = null;
  for (const message of input.messages) {
    // A reply the server has not confirmed has no time yet (the server's is the only one shown).
    const at = message.createdAt;
    const messageDay = at ? formats.dayKey(at) : null;
    if (at && messageDay && messageDay !== day) {
      day = messageDay;
      lines.push('', formats.day(at));
    } else {
      lines.push('');
    }
    const delivery = message.delivery === 'sending' ? labels.sending : message.delivery === 'failed' ? labels.notSent : '';
    const heading = [message.author === 'customer' ? labels.you : input.teamName, at ? formats.time(at) : '', delivery];
    lines.push(heading.filter(Boolean).join(' · '), message.body);
  }
  return `${lines.join('\n')}\n`;
}

/** `shop.example.com-2026-11-22.txt`: the site and the local date, in characters every system allows in a name. */
export function transcriptFileName(site: string, date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const name = site
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  return `${name || 'conversation'}-${day}.txt`;
}
