// The API client's public surface: domain types, the client factory, the adapter's visibility
// rule, and the error type with its retry policy.

export type * from './types';
export { createClient, type ClientOptions } from './client';
export { isVisibleMessage } from './adapter';
export {
  ApiError,
  isApiError,
  parseRetryAfter,
  retryDecision,
  type ApiErrorInit,
  type ErrorKind,
  type RetryDecision,
} from './errors';
