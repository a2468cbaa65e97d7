// The API client's public surface: domain types, the client factory, the adapter's visibility
// rule, and the error type with its retry policy.

export { isVisibleMessage } from './adapter';
export { type ClientOptions, createClient } from './client';
export {
  ApiError,
  type ApiErrorInit,
  type ErrorKind,
  isApiError,
  parseRetryAfter,
  type RetryDecision,
  retryDecision,
} from './errors';
export type * from './types';
