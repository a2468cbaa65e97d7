// The conversation this browser is in (StoredConversation: its id, the customer's emails, the first
// message, the read marker), kept in this tab's memory and in storage by this one writer. Another
// tab's change arrives through storage: it is adopted in memory, never written back.

import type { createConversationStore, StoredConversation } from '../conversation-store';

/** The customer's emails, lower-cased, without blanks or repeats. */
export const emailList = (...emails: Array<string | null | undefined>) => [...new Set(emails.filter(Boolean).map((email) => email!.toLowerCase()))];

export function createPointer(persisted: Pick<ReturnType<typeof createConversationStore>, 'load' | 'save'>, changed: () => void) {
  let current: StoredConversation | null = null;

  function set(next: StoredConversation | null, persist: boolean) {
    current = next;
    if (persist) persisted.save(next);
    changed();
  }

  return {
    get: () => current,
    /** What storage holds: this browser's conversation, as an earlier page or another tab left it. */
    stored: () => persisted.load(),
    /** This tab's choice: in memory and in storage, for the next page and the other tabs. */
    save: (next: StoredConversation | null) => set(next, true),
    /** Storage holds it already (an earlier page, another tab), or it must not outlive the tab. */
    adopt: (next: StoredConversation | null) => set(next, false),
    markRead(at: string) {
      if (current) set({ ...current, lastReadAt: at }, true);
    },
    addEmail(email: string) {
      if (current) set({ ...current, emails: emailList(...current.emails, email) }, true);
    },
    /** Another tab moved the read marker of this conversation. */
    rereadMarker() {
      const saved = persisted.load();
      if (current && saved?.id === current.id) set({ ...current, lastReadAt: saved.lastReadAt }, false);
    },
  };
}

export type Pointer = ReturnType<typeof createPointer>;
