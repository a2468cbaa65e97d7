// Small rules about people's names and emails, shared by the form and the identify command.

/** Deliberately loose (the server validates): something@something.tld, no spaces. */
export const isValidEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** "Jane van Doe" → first "Jane", last "van Doe"; a single word is a first name. */
export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}
