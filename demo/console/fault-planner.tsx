// One-off faults: "the next N sends answer 429 with Retry-After", "the next send is written but
// its answer never arrives". Targets name the widget's requests; paths between slashes are regular
// expressions for the emulator, so they match whichever conversation the widget is in.

import { useState } from 'preact/hooks';
import type { FaultPlan } from './api';

const TARGETS = {
  send: { label: 'Message sends', method: 'POST', path: '/\\/messages\\/create\\/$/' },
  poll: { label: 'Message polls', method: 'GET', path: '/^\\/api\\/v1\\/conversations\\/[^/]+\\/messages\\/$/' },
  create: { label: 'New conversations', method: 'POST', path: '/api/v1/conversations/create/' },
  list: { label: 'Conversation lists', method: 'GET', path: '/api/v1/conversations/' },
} as const;
type Target = keyof typeof TARGETS;

const STATUSES = [429, 503, 500, 502, 401, 400];

export function FaultPlanner({ onPlan }: { onPlan(plan: FaultPlan): Promise<unknown> }) {
  const [target, setTarget] = useState<Target>('send');
  const [count, setCount] = useState(3);
  const [status, setStatus] = useState(429);
  const [retryAfter, setRetryAfter] = useState('5');
  const [log, setLog] = useState<{ text: string; ok: boolean; at: Date }[]>([]);

  const run = async (plan: FaultPlan, description: string) => {
    try {
      await onPlan(plan);
      setLog((entries) => [{ text: description, ok: true, at: new Date() }, ...entries].slice(0, 4));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setLog((entries) => [{ text: `Not planned: ${message}`, ok: false, at: new Date() }, ...entries].slice(0, 4));
    }
  };

  const { method, path, label } = TARGETS[target];
  const times = count === 1 ? 'next request' : `next ${count} requests`;
  const failNext = () => {
    const wait = retryAfter.trim();
    return run(
      { kind: 'fail-next', method, path, count, status, ...(wait ? { retryAfter: wait } : {}) },
      `${label}: the ${times} answer ${status}${wait ? ` with Retry-After: ${wait}` : ''}.`,
    );
  };
  const loseNext = () => run({ kind: 'lose-next', method, path, count }, `${label}: the ${times} are processed, then the connection drops.`);

  return (
    <section class="emulator-section">
      <h3>One-off faults</h3>
      <div class="fault-grid">
        <label class="field">
          <span class="control-label">Requests</span>
          <select value={target} onChange={(event) => setTarget((event.target as HTMLSelectElement).value as Target)}>
            {(Object.keys(TARGETS) as Target[]).map((key) => (
              <option key={key} value={key}>
                {TARGETS[key].label}
              </option>
            ))}
          </select>
        </label>
        <label class="field field-narrow">
          <span class="control-label">How many</span>
          <input
            type="number"
            min={1}
            max={50}
            value={count}
            onChange={(event) => setCount(Math.max(1, Math.min(50, Number((event.target as HTMLInputElement).value) || 1)))}
          />
        </label>
        <label class="field field-narrow">
          <span class="control-label">Status</span>
          <select value={status} onChange={(event) => setStatus(Number((event.target as HTMLSelectElement).value))}>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label class="field field-narrow">
          <span class="control-label">Retry-After</span>
          <input
            type="text"
            inputMode="numeric"
            placeholder="none"
            value={retryAfter}
            onInput={(event) => setRetryAfter((event.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <div class="fault-actions">
        <button type="button" class="button button-secondary" onClick={failNext}>
          Fail the next {count}
        </button>
        <button type="button" class="button button-secondary" onClick={loseNext}>
          Lose the next {count === 1 ? 'answer' : `${count} answers`}
        </button>
      </div>
      <p class="control-hint">
        A fault hits the next matching requests from anyone, this console’s included. “Lose” writes the message and then drops the connection: the widget must
        check before retrying, so nothing is posted twice.
      </p>
      {log.length > 0 && (
        <ul class="fault-log" aria-live="polite">
          {log.map((entry) => (
            <li key={entry.at.getTime() + entry.text} class={entry.ok ? '' : 'is-error'}>
              <time>{entry.at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time> {entry.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
