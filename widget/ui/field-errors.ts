import type { Strings } from '../i18n/en';

/**
 * The text for a field error. The session reports its own checks as codes ('required',
 * 'invalid'); anything else is the server's message and is shown as it came.
 */
export function fieldError(strings: Strings, field: string, code: string): string {
  if (code === 'required') return field === 'email' ? strings.emailRequired : strings.messageRequired;
  if (code === 'invalid' && field === 'email') return strings.emailInvalid;
  return code;
}
