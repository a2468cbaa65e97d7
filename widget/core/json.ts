// JSON text of the widget's own data (what it stores, tells the other tabs and sends to the
// helpdesk), which the host page's scripts cannot change.
//
// JSON.stringify asks every object for its toJSON first, and pages patch those: Prototype.js 1.6
// (still on old Magento 1 and Rails shops) defines Array.prototype.toJSON, which returns its own
// JSON text, so JSON.stringify({ entries: [1] }) gives '{"entries":"[1]"}': the array comes back
// from storage as a string, and `.filter` on it threw (issue 14). Date.prototype.toJSON and
// Hash#toJSON there return quoted text too. A replacer function is called with the holder of the
// value as `this`, after toJSON: handing back `this[key]`, the value as it was, leaves the engine
// to write arrays, plain objects and primitives itself. Only for plain JSON data: a Date written
// this way is {}, so the widget's data holds times as numbers and ISO strings.

/** JSON text of plain JSON data, whatever toJSON methods the page defined; undefined as JSON.stringify gives it. */
export function stringifyJson(value: Record<string, unknown> | readonly unknown[]): string;
export function stringifyJson(value: unknown): string | undefined;
export function stringifyJson(value: unknown): string | undefined {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
    return this[key];
  });
}
