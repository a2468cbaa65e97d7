// Where a conversation begins: the new-conversation form (its prefill, the host's metadata, the
// create call) and, for an identified customer, "Your conversations".

import { isApiError } from '../../api/errors';
import type { ApiClient, Conversation, CreateConversationInput } from '../../api/types';
import type { StoredConversation } from '../conversation-store';
import { fetchHistory } from '../history';
import { formErrorsFrom, newConversationRequest } from '../new-conversation';
import type { ResolvedConfig } from '../options';
import { fullName } from '../people';
import type { FormFields, FormValues, Identity } from '../state';
import type { Drafts } from './drafts';
import type { Notices } from './notices';
import { emailList } from './pointer';
import type { Store } from './store';

export interface IntakeOptions {
  store: Store;
  client: Pick<ApiClient, 'listConversations'>;
  /** The create call, made once whatever happens to its answers (create-conversation.ts). */
  create(input: CreateConversationInput): Promise<Conversation>;
  config: Pick<ResolvedConfig, 'priority' | 'pageInfo' | 'requireEmail'>;
  pageInfo(): Record<string, unknown>;
  fallbackSubject(): string;
  notices: Pick<Notices, 'report' | 'showError'>;
  /** The conversation just created is the one on screen now. */
  enter(conversation: Conversation, pointer: StoredConversation, created: true): void;
  /** The customer did something (the poll keeps the open pace). */
  touched(): void;
  /** The form as it was left for the site's next page (drafts.ts). */
  form: Pick<Drafts, 'typeForm' | 'forgetForm'>;
}

/** The form as an identified customer (or nobody) would find it. */
export const prefillFor = (identity: Identity | null): FormValues => ({ name: fullName(identity), email: identity?.email ?? '', message: '' });

export function createIntake(options: IntakeOptions) {
  const { store } = options;
  let metadataExtra: Record<string, unknown> = {};

  async function loadHistory() {
    const identity = store.get().identity;
    if (!identity) return;
    const setHistory = (status: 'loading' | 'ready' | 'error', items = store.get().history.items) => store.set({ history: { status, items } });
    setHistory('loading');
    try {
      const items = await fetchHistory(options.client, identity.email);
      if (store.get().identity?.email === identity.email) setHistory('ready', items);
    } catch (error) {
      setHistory('error');
      options.notices.report('history', error);
    }
  }

  async function start(input: FormFields) {
    const { prefill, identity, pending } = store.get();
    if (pending?.kind === 'creating') return;
    const typed = { ...prefill, ...input };
    const request = newConversationRequest(
      { ...input, subject: prefill.subject },
      {
        identity,
        requireEmail: options.config.requireEmail,
        priority: options.config.priority,
        pageInfo: options.config.pageInfo ? options.pageInfo() : null,
        extraMetadata: metadataExtra,
        fallbackSubject: options.fallbackSubject(),
      },
    );
    if (!request.ok) return store.set({ formErrors: request.errors, prefill: typed });
    if (request.metadataProblem) options.notices.report('metadata', new Error(request.metadataProblem));
    const token = store.begin('creating');
    store.set({ formErrors: {}, notice: null, prefill: typed });
    // Spent as it is sent: a next page opened before the answer must not offer to send it again
    // (the conversation may be made by then; an identified customer finds it in their list).
    options.form.forgetForm();
    options.touched();
    try {
      const conversation = await options.create(request.input);
      // A later choice (a reset, here or in another tab; another conversation) wins: this one is
      // neither stored nor shown.
      if (!store.isCurrent(token)) return;
      store.set({ prefill: prefillFor(null) });
      const firstMessage = { body: request.message, createdAt: conversation.createdAt };
      const emails = emailList(conversation.requester.email, request.email);
      options.enter(conversation, { id: conversation.id, emails, firstMessage, lastReadAt: null }, true);
      if (store.get().identity) void loadHistory();
    } catch (error) {
      if (!store.isCurrent(token)) return;
      store.set({ pending: null, formErrors: isApiError(error) ? formErrorsFrom(error) : {} });
      // Not sent: kept again, as if just typed.
      options.form.typeForm(input);
      options.notices.showError('create', error);
    }
  }

  return {
    start,
    loadHistory,
    identify(identity: Identity) {
      const { prefill } = store.get();
      store.set({ identity, prefill: { ...prefill, ...prefillFor(identity), message: prefill.message } });
      void loadHistory();
    },
    /** The host's metadata for the next conversation, merged over what it gave before. */
    setMetadata(extra: Record<string, unknown>) {
      metadataExtra = { ...metadataExtra, ...extra };
    },
    /** Parley('newConversation', …): the message and subject to start with. */
    prefill(input: { subject?: string; message?: string }) {
      const { prefill } = store.get();
      store.set({ prefill: { ...prefill, message: input.message ?? prefill.message, ...(input.subject ? { subject: input.subject } : {}) } });
    },
    /** Logout: the host's metadata belonged to the customer who left. */
    forgetMetadata() {
      metadataExtra = {};
    },
  };
}
