// The request log that tests assert on. The array is never replaced, so a reference taken once
// stays live; the oldest entries go past a cap so that a long demo session cannot grow it forever.

import type { RecordedRequest } from './types';

const MAX_ENTRIES = 10_000;

export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  add(entry: Omit<RecordedRequest, 'status' | 'body'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, body: undefined, status: 0 };
    this.entries.push(recorded);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return recorded;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
