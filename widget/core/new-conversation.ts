// The new-conversation form, turned into the create request (product.md's "Metadata sent with a
// new conversation"), or into the form's errors. Pure: the page info comes in as a value.

import type { ApiError } from '../api/errors';
import type { CreateConversationInput, Priority } from '../api/types';
import { buildMetadata } from './metadata';
import { formProblems, splitName } from './people';
import type { FormValues, Identity } from './state';
import { subjectFromMessage } from './subject';

export interface RequestContext {
  identity: Identity | null;
  requireEmail: boolean;
  priority: Priority;
  /** null when data-page-info="false". */
  pageInfo: Record<string, unknown> | null;
  extraMetadata: Record<string, unknown>;
  fallbackSubject: string;
}

export type CreateRequest =
  | { ok: true; input: CreateConversationInput; email: string; message: string; metadataProblem: string | null }
  /** Field codes the UI localises: 'required', 'invalid'. */
  | { ok: false; errors: Record<string, string> };

export function newConversationRequest(form: FormValues, context: RequestContext): CreateRequest {
  const message = form.message.trim();
  const { identity } = context;
  const email = (identity?.email ?? form.email).trim();
  const errors = formProblems(message, email, context.requireEmail);
  if (Object.keys(errors).length) return { ok: false, errors };

  const names = identity ? { first: identity.firstName, last: identity.lastName } : splitName(form.name);
  // Metadata that is not plain JSON or too large is refused, and never blocks the conversation.
  const metadata = buildMetadata({ pageInfo: context.pageInfo, extra: context.extraMetadata });
  return {
    ok: true,
    email,
    message,
    metadataProblem: metadata.ok ? null : metadata.reason,
    input: {
      subject: form.subject?.trim() || subjectFromMessage(message, 500, context.fallbackSubject),
      description: message,
      // Unknown ones stay undefined, which the adapter leaves off the wire.
      userEmail: email || undefined,
      userFirstName: names.first || undefined,
      userLastName: names.last || undefined,
      priority: context.priority,
      channel: 'web',
      metadata: metadata.ok ? metadata.value : {},
    },
  };
}

/** The API's field names onto the form's. */
export function formErrorsFrom(error: ApiError): Record<string, string> {
  const map: Record<string, string> = { subject: 'message', description: 'message', user_email: 'email', user_first_name: 'name', user_last_name: 'name' };
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    const target = map[field];
    if (target && messages[0]) errors[target] = messages[0];
  }
  return errors;
}
