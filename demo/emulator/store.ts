// The helpdesk's data and the rules that change it. Every mutation is persisted before it returns,
// so that an answer (or a lost answer) always follows a committed write.

import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db-file';
import { loadDb, saveDb, serializeDb } from './db-file';
import type { ConversationStatus, Switches, WireConversation, WireMessage, WireRequester } from './types';
import type { CreateConversationBody, ListQuery } from './validate';

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export interface NewMessage {
  senderEmail: string | null;
  body: string;
  type: string;
}

const sameEmail = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

function newestFirst(a: WireConversation, b: WireConversation): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return b.number - a.number;
}

export class Store {
  private db: Db;
  /** The last state on disk, to roll back to when a write fails. */
  private saved: string;
  private lastTimestamp = 0;

  constructor(private readonly dataDir: string) {
    this.db = loadDb(dataDir);
    this.saved = serializeDb(this.db);
  }

  /** ISO 8601 with ms, strictly increasing so that "newest first" never depends on a tie. */
  private now(): string {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return new Date(this.lastTimestamp).toISOString();
  }

  /** Persists the mutation just made, or undoes it: memory never claims what the disk lacks. */
  private commit(): void {
    const text = serializeDb(this.db);
    try {
      saveDb(this.dataDir, text);
    } catch (error) {
      this.db = JSON.parse(this.saved) as Db;
      throw error;
    }
    this.saved = text;
  }

  private requesterFor(input: CreateConversationBody, switches: Switches): WireRequester {
    const known = input.userEmail ? this.db.users.find((user) => sameEmail(user.email, input.userEmail)) : undefined;
    if (known) return { ...known };
    const anonymousEmail = switches.anonymousEmail === 'generated' ? `anon-${randomBytes(4).toString('hex')}@anonymous.invalid` : null;
    const user: WireRequester = {
      email: input.userEmail ?? anonymousEmail,
      first_name: input.firstName,
      last_name: input.lastName,
    };
    if (user.email !== null) this.db.users.push(user);
    return { ...user };
  }

  createConversation(input: CreateConversationBody, switches: Switches): WireConversation {
    const createdAt = this.now();
    const conversation: WireConversation = {
      id: randomUUID(),
      number: this.db.nextNumber++,
      subject: input.subject,
      status: 'open',
      priority: input.priority,
      channel: input.channel,
      metadata: input.metadata,
      requester: this.requesterFor(input, switches),
      created_at: createdAt,
      updated_at: createdAt,
    };
    this.db.conversations.push(conversation);
    const messages: WireMessage[] = [];
    if (switches.descriptionAsMessage && input.description.trim() !== '') {
      messages.push({
        id: randomUUID(),
        sender_email: conversation.requester.email,
        body: input.description,
        message_type: 'reply',
        created_at: createdAt,
      });
    }
    this.db.messages[conversation.id] = messages;
    this.commit();
    return conversation;
  }

  /** Newest first, filtered, one page; `count` is the filtered total. */
  listConversations(query: ListQuery): { count: number; items: WireConversation[] } {
    const matching = this.db.conversations
      .filter((conversation) => query.userEmail === null || sameEmail(conversation.requester.email, query.userEmail))
      .filter((conversation) => query.status === null || conversation.status === query.status)
      .sort(newestFirst);
    return { count: matching.length, items: matching.slice(query.offset, query.offset + query.limit) };
  }

  allConversations(): WireConversation[] {
    return [...this.db.conversations].sort(newestFirst);
  }

  getConversation(id: string): WireConversation {
    const conversation = this.db.conversations.find((candidate) => candidate.id === id);
    if (!conversation) throw new NotFoundError(`Conversation ${id}`);
    return conversation;
  }

  listMessages(conversationId: string): WireMessage[] {
    this.getConversation(conversationId);
    return this.db.messages[conversationId] ?? [];
  }

  addMessage(conversationId: string, input: NewMessage): WireMessage {
    const conversation = this.getConversation(conversationId);
    const message: WireMessage = {
      id: randomUUID(),
      sender_email: input.senderEmail,
      body: input.body,
      message_type: input.type,
      created_at: this.now(),
    };
    (this.db.messages[conversationId] ??= []).push(message);
    conversation.updated_at = message.created_at;
    this.commit();
    return message;
  }

  setStatus(conversationId: string, status: ConversationStatus): WireConversation {
    const conversation = this.getConversation(conversationId);
    conversation.status = status;
    conversation.updated_at = this.now();
    this.commit();
    return conversation;
  }

  deleteConversation(conversationId: string): void {
    this.getConversation(conversationId);
    this.db.conversations = this.db.conversations.filter((conversation) => conversation.id !== conversationId);
    delete this.db.messages[conversationId];
    this.commit();
  }
}
