// Request validation with the vendor's error shape: {"field": ["message", ...]}, every failing field
// at once. Messages follow Django REST framework's wording, which the vendor's {"detail": ...}
// answers suggest it runs on.

import type { Channel, ConversationStatus, Priority } from './types';
import { CHANNELS, PRIORITIES, STATUSES } from './types';

export type FieldErrors = Record<string, string[]>;
type Json = Record<string, unknown>;

export const MAX_SUBJECT_LENGTH = 500;

export interface CreateConversationBody {
  subject: string;
  userEmail: string | null;
  description: string;
  firstName: string;
  lastName: string;
  priority: Priority;
  channel: Channel;
  metadata: Record<string, unknown>;
}

export interface CreateMessageBody {
  body: string;
  userEmail: string;
  /** Only when a server key set it; client keys always post replies. */
  messageType: 'reply' | 'note';
}

export interface ListQuery {
  userEmail: string | null;
  status: ConversationStatus | null;
  limit: number;
  offset: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

// Deliberately simple: one @, no spaces, a dot in the domain. Django's validator is stricter on
// exotic forms, which no test here depends on.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
export const isEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  return { string: 'str', number: 'int', boolean: 'bool' }[typeof value as string] ?? typeof value;
}

/** A string field: undefined when absent and optional; records an error otherwise. */
function stringField(
  data: Json,
  name: string,
  errors: FieldErrors,
  rules: { required?: boolean; allowBlank?: boolean; maxLength?: number; email?: boolean },
): string | undefined {
  const value = data[name];
  const fail = (message: string): undefined => {
    errors[name] = [message];
    return undefined;
  };
  if (value === undefined) return rules.required ? fail('This field is required.') : undefined;
  if (value === null) return fail('This field may not be null.');
  if (typeof value !== 'string') return fail('Not a valid string.');
  if (!rules.allowBlank && value.trim() === '') return fail('This field may not be blank.');
  if (rules.maxLength !== undefined && value.length > rules.maxLength) {
    return fail(`Ensure this field has no more than ${rules.maxLength} characters.`);
  }
  if (rules.email && !isEmail(value.trim())) return fail('Enter a valid email address.');
  return rules.email ? value.trim() : value;
}

function choiceField<T extends string>(data: Json, name: string, allowed: readonly T[], errors: FieldErrors): T | undefined {
  const value = data[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  errors[name] = [`"${String(value)}" is not a valid choice.`];
  return undefined;
}

export function checkCreateConversation(data: Json): Checked<CreateConversationBody> {
  const errors: FieldErrors = {};
  const subject = stringField(data, 'subject', errors, { required: true, maxLength: MAX_SUBJECT_LENGTH });
  const userEmail = stringField(data, 'user_email', errors, { email: true });
  const description = stringField(data, 'description', errors, { allowBlank: true });
  const firstName = stringField(data, 'user_first_name', errors, { allowBlank: true });
  const lastName = stringField(data, 'user_last_name', errors, { allowBlank: true });
  const priority = choiceField(data, 'priority', PRIORITIES, errors);
  const channel = choiceField(data, 'channel', CHANNELS, errors);
  const metadata = data.metadata;
  if (metadata !== undefined && !isObject(metadata)) {
    errors.metadata = [`Expected a dictionary of items but got type "${jsonTypeName(metadata)}".`];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      subject: subject as string,
      userEmail: userEmail ?? null,
      description: description ?? '',
      firstName: firstName ?? '',
      lastName: lastName ?? '',
      priority: priority ?? 'normal',
      // Undocumented default: a conversation opened through the API says so.
      channel: channel ?? 'api',
      metadata: isObject(metadata) ? metadata : {},
    },
  };
}

export function checkCreateMessage(data: Json, isServerKey: boolean): Checked<CreateMessageBody> {
  const errors: FieldErrors = {};
  const body = stringField(data, 'body', errors, { required: true });
  const userEmail = stringField(data, 'user_email', errors, { required: true, email: true });
  // A client key's message_type is ignored, like any read-only field in DRF: a page must not be
  // able to post an internal note, and ignoring it keeps the widget's requests simple.
  const messageType = isServerKey ? choiceField(data, 'message_type', ['reply', 'note'] as const, errors) : undefined;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { body: body as string, userEmail: userEmail as string, messageType: messageType ?? 'reply' } };
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

function integerParam(raw: string | undefined, name: string, min: number, errors: FieldErrors): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\s*-?\d+\s*$/.test(raw)) {
    errors[name] = ['A valid integer is required.'];
    return undefined;
  }
  const value = Number(raw);
  if (value < min) {
    errors[name] = [`Ensure this value is greater than or equal to ${min}.`];
    return undefined;
  }
  return value;
}

export function checkListQuery(rawQuery: Record<string, string>): Checked<ListQuery> {
  // An empty parameter (`?status=`) means "no filter", as in django-filter and DRF's paginator.
  const query = Object.fromEntries(Object.entries(rawQuery).filter(([, value]) => value.trim() !== ''));
  const errors: FieldErrors = {};
  const status = choiceField(query, 'status', STATUSES, errors);
  const limit = integerParam(query.limit, 'limit', 1, errors);
  const offset = integerParam(query.offset, 'offset', 0, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const userEmail = query.user_email?.trim();
  return {
    ok: true,
    value: {
      userEmail: userEmail ? userEmail : null,
      status: status ?? null,
      // Clamped rather than refused, as the docs say "max 100" and DRF's LimitOffsetPagination does.
      limit: Math.min(limit ?? DEFAULT_LIMIT, MAX_LIMIT),
      offset: offset ?? 0,
    },
  };
}
