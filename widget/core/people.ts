// Small rules about people's names and emails, shared by the form and the identify command.

/** Deliberately loose (the server validates): something@something.tld, no spaces. */
export const isValidEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Why an email cannot be used ('required', 'invalid'), or undefined when it can. */
export const emailProblem = (email: string, required: boolean) => (email ? (isValidEmail(email) ? undefined : 'invalid') : required ? 'required' : undefined);

/**
 * The new-conversation form's own checks, as codes the UI localises: made by the form before it
 * sends, and again by the session, which also checks an identified customer's email.
 */
export function formProblems(message: string, email: string, requireEmail: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!message) problems.message = 'required';
  const emailCode = emailProblem(email, requireEmail);
  if (emailCode) problems.email = emailCode;
  return problems;
}

/** An identified customer's name as one line: "Jane Doe", "Jane", or "" when none is known. */
export const fullName = (identity: { firstName?: string; lastName?: string } | null) => [identity?.firstName, identity?.lastName].filter(Boolean).join(' ');

/** "Jane van Doe" → first "Jane", last "van Doe"; a single word is a first name. */
export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}
