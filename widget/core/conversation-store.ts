// What the session keeps across reloads, under storage.ts's versioned namespace: the current
// conversation (with the customer's emails, the first message and the read marker), one draft per
// conversation, the new-conversation form as it was left, and the outbox.

import type { OutboxEntry, OutboxStore } from './outbox-entry';
import type { FormFields } from './state';
import type { ParleyStorage } from './storage';

export interface StoredConversation {
  id: string;
  /** Every email that is the customer's: the requester's, and one given later. */
  emails: string[];
  /** The text the conversation was created with here; null when resumed from elsewhere. */
  firstMessage: { body: string; createdAt: string } | null;
  lastReadAt: string | null;
}

const CONVERSATION_KEY = 'conversation';
const OUTBOX_KEY = 'outbox';
const FORM_KEY = 'form';

/**
 * Whether this browser holds a conversation or replies on their way for this widget (the raw keys,
 * without parsing them): the loader then brings the conversation code in when the page is idle,
 * so that the badge and the replies go on without a click.
 */
export const hasStoredWork = (store: Pick<Storage, 'getItem'>, namespace: string): boolean =>
  [CONVERSATION_KEY, OUTBOX_KEY].some((key) => store.getItem(`${namespace}:${key}`) !== null);
const draftKey = (conversationId: string) => `draft:${conversationId}`;

// Nothing left to keep (no conversation, an empty draft or queue) is stored as undefined, which
// storage.set() turns into a removal of the key.
export function createConversationStore(storage: ParleyStorage) {
  return {
    /** The stored pointer, or null when absent or not of a shape this version understands. */
    load(): StoredConversation | null {
      const saved = storage.get<Partial<StoredConversation>>(CONVERSATION_KEY);
      if (!saved || typeof saved.id !== 'string') return null;
      return {
        id: saved.id,
        emails: Array.isArray(saved.emails) ? saved.emails.filter((email) => typeof email === 'string') : [],
        firstMessage: saved.firstMessage ?? null,
        lastReadAt: typeof saved.lastReadAt === 'string' ? saved.lastReadAt : null,
      };
    },
    save: (next: StoredConversation | null) => storage.set(CONVERSATION_KEY, next ?? undefined),
    draft: (conversationId: string) => storage.get<string>(draftKey(conversationId)) ?? '',
    saveDraft: (conversationId: string, text: string) => storage.set(draftKey(conversationId), text || undefined),
    /** The form's fields as they were left; null when none was typed in, or not of this shape. */
    form(): FormFields | null {
      const saved = storage.get<Partial<FormFields>>(FORM_KEY);
      const text = (value: unknown) => (typeof value === 'string' ? value : '');
      return saved && typeof saved === 'object' ? { name: text(saved.name), email: text(saved.email), message: text(saved.message) } : null;
    },
    /** Blank fields are nothing to keep. */
    saveForm: (fields: FormFields | null) => storage.set(FORM_KEY, fields && Object.values(fields).some((value) => value.trim()) ? fields : undefined),
    outbox: {
      load: () => storage.get<OutboxEntry[]>(OUTBOX_KEY) ?? [],
      save: (entries) => storage.set(OUTBOX_KEY, entries.length ? entries : undefined),
    } satisfies OutboxStore,
  };
}
