import { Component } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { ChatMessage } from '../core/state';
import type { Strings } from '../i18n/en';
import type { DateFormats } from './dates';
import { MessageBody } from './message-body';

interface MessageListProps {
  strings: Strings;
  formats: DateFormats;
  messages: readonly ChatMessage[];
  /** What the team's messages are signed with: config.teamName, else the title. Never an agent's email. */
  teamName: string;
  onRetry(messageKey: string): void;
}

type Block = { kind: 'day'; key: string; label: string } | { kind: 'group'; key: string; author: ChatMessage['author']; messages: ChatMessage[] };

/** Consecutive messages of one sender on one day form a group; a new day gets a separator. */
export function groupMessages(messages: readonly ChatMessage[], formats: DateFormats): Block[] {
  const blocks: Block[] = [];
  let day: string | null = null;
  let group = null as Extract<Block, { kind: 'group' }> | null;
  for (const message of messages) {
    // A message the server has not confirmed has no time yet: it stays in the day it follows.
    const createdAt = message.createdAt ?? '';
    const messageDay = formats.dayKey(createdAt);
    if (messageDay && messageDay !== day) {
      day = messageDay;
      group = null;
      blocks.push({ kind: 'day', key: `day-${messageDay}`, label: formats.day(createdAt) });
    }
    if (group?.author !== message.author) {
      group = { kind: 'group', key: `group-${message.key}`, author: message.author, messages: [] };
      blocks.push(group);
    }
    group.messages.push(message);
  }
  return blocks;
}

function Delivery({ message, strings, onRetry }: { message: ChatMessage; strings: Strings; onRetry(key: string): void }) {
  // The strings are keyed by delivery state: 'sending', 'sent'.
  if (message.delivery !== 'failed') return <span>{strings[message.delivery]}</span>;
  return (
    <>
      <span>{message.error ? `${strings.notSent}: ${message.error}` : strings.notSent}</span>
      <button type="button" class="link-btn" onClick={() => onRetry(message.key)}>
        {strings.retry}
      </button>
    </>
  );
}

interface MessageItemProps {
  message: ChatMessage;
  author: string;
  mine: boolean;
  strings: Strings;
  formats: DateFormats;
  onRetry(key: string): void;
}

/**
 * One message. The session keeps the same object for a message that did not change, so a poll
 * re-renders (and re-linkifies) only what is new: a 5,000-message conversation stays cheap.
 */
class MessageItem extends Component<MessageItemProps> {
  override shouldComponentUpdate(next: MessageItemProps) {
    // Every other prop (strings, formats, the session's retry) changes only with the locale.
    let prop: keyof MessageItemProps;
    for (prop in next) if (next[prop] !== this.props[prop]) return true;
    return false;
  }

  override render({ message, author, mine, strings, formats, onRetry }: MessageItemProps) {
    // No time until the server confirms the message (see ChatMessage.createdAt).
    const createdAt = message.createdAt ?? '';
    const time = formats.time(createdAt);
    return (
      <div class={`msg ${message.delivery}`}>
        <span class="sr">{author}</span>
        {/* Its own direction, from its first strong letter: a Hebrew message in an English panel reads right to left. */}
        <p class="bubble" dir="auto">
          <MessageBody text={message.body} />
        </p>
        <p class="meta">
          {time && <time dateTime={createdAt}>{time}</time>}
          {mine && <Delivery message={message} strings={strings} onRetry={onRetry} />}
        </p>
      </div>
    );
  }
}

/** Messages rendered when the panel opens; "Show earlier messages" adds this many more. */
export const PAGE_SIZE = 100;

/**
 * The conversation as a live log: new team messages are announced politely. A long conversation
 * shows its latest messages, and earlier ones on request: 5,000 messages would be 30,000 nodes.
 * The first shown message is anchored once known, so a new message only ever appends.
 */
export function MessageList({ strings, formats, messages, teamName, onRetry }: MessageListProps) {
  const [anchor, setAnchor] = useState<number | null>(null);
  const start = Math.min(anchor ?? Math.max(0, messages.length - PAGE_SIZE), messages.length);
  useLayoutEffect(() => {
    if (anchor === null && messages.length) setAnchor(start);
  }, [anchor, messages.length, start]);
  return (
    <div class="log" role="log" aria-label={strings.conversation} aria-live="polite">
      {start > 0 && (
        <button type="button" class="link-btn earlier" onClick={() => setAnchor(Math.max(0, start - PAGE_SIZE))}>
          {strings.showEarlier}
        </button>
      )}
      {groupMessages(messages.slice(start), formats).map((block) => {
        if (block.kind === 'day') {
          return (
            <p key={block.key} class="day">
              {block.label}
            </p>
          );
        }
        const mine = block.author === 'customer';
        const author = mine ? strings.you : teamName;
        return (
          <div key={block.key} class={mine ? 'group mine' : 'group'}>
            {/* Shown once per group; each message repeats it for screen readers, which announce one at a time. */}
            <p class="author" aria-hidden="true">
              {/* The team's name may be in another script than the panel's. */}
              <bdi>{author}</bdi>
            </p>
            {block.messages.map((message) => (
              <MessageItem key={message.key} message={message} author={author} mine={mine} strings={strings} formats={formats} onRetry={onRetry} />
            ))}
          </div>
        );
      })}
    </div>
  );
}
