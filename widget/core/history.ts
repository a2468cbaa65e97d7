// "Your conversations" for an identified customer: theirs only, newest first.

import type { ApiClient } from '../api/types';
import type { ConversationSummary } from './state';

const time = (iso: string) => Date.parse(iso) || 0;

export async function fetchHistory(client: Pick<ApiClient, 'listConversations'>, email: string): Promise<ConversationSummary[]> {
  const page = await client.listConversations({ userEmail: email, limit: 50 });
  const wanted = email.toLowerCase();
  return (
    page.items
      // The filter is the API's; checked again, since a visitor must never see someone else's.
      .filter((item) => (item.requester.email ?? '').toLowerCase() === wanted)
      .map((item) => ({ id: item.id, subject: item.subject, status: item.status, updatedAt: item.updatedAt }))
      .sort((a, b) => time(b.updatedAt) - time(a.updatedAt))
  );
}
