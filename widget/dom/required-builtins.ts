// What the widget takes from the page's window and cannot bring itself, checked once before it
// starts. A page may have removed or replaced one (a script that deletes window.fetch to force a
// polyfill that then fails to load, an old library assigning its own Promise): without the check
// the launcher came and went with "Cannot read properties of undefined (reading 'bind')", or the
// customer typed a message that failed with "AbortController is not defined" (issue 14).

/** Each global the widget calls, and a method its prototype must have (ofetch and the widget use them). */
const REQUIRED: ReadonlyArray<readonly [name: string, method: string | null]> = [
  ['fetch', null],
  ['Promise', 'then'],
  ['AbortController', 'abort'],
  ['Headers', 'forEach'],
];

/**
 * One sentence per missing or broken global; empty when the widget can run. `given` holds what the
 * caller passes instead of the window's (createParley's `fetch`).
 */
export function missingBuiltins(win: Window, given: Record<string, unknown> = {}): string[] {
  const problems: string[] = [];
  for (const [name, method] of REQUIRED) {
    const value: unknown = given[name] ?? (win as unknown as Record<string, unknown>)[name];
    const works = typeof value === 'function' && (!method || typeof (value.prototype as Record<string, unknown> | undefined)?.[method] === 'function');
    if (!works) {
      problems.push(
        `window.${name} is ${typeof value === 'function' ? `a function without prototype.${method}` : String(value)}: a script on this page removed or replaced it, and the widget needs it to talk to the helpdesk.`,
      );
    }
  }
  return problems;
}
