// The emulator's switches and faults, so that anyone can make the "helpdesk" slow, flaky or
// differently shaped and watch the widget cope. Every control maps to one admin call.

import { useState } from 'preact/hooks';
import { DEFAULT_SWITCHES } from '../emulator/switches';
import type { ConsoleApi, FaultPlan, Switches } from './api';
import { Segmented, Toggle } from './controls';
import { FaultPlanner } from './fault-planner';
import { usePoll } from './use-poll';

const LATENCIES: [number, string][] = [
  [0, 'None'],
  [300, '300 ms'],
  [1500, '1.5 s'],
  [5000, '5 s'],
  [15000, '15 s'],
];
const FAIL_RATES: [number, string][] = [
  [0, 'Off'],
  [0.1, '10%'],
  [0.3, '30%'],
  [0.5, '50%'],
  [1, 'All'],
];
const FAIL_STATUSES: [number, string][] = [
  [503, '503'],
  [500, '500'],
  [502, '502'],
  [429, '429'],
];

interface Props {
  api: ConsoleApi;
  siteUrl: string;
  onClose(): void;
}

export function EmulatorPanel({ api, siteUrl, onClose }: Props) {
  const polled = usePoll(() => api.getSwitches(), 5000, 'switches');
  const [override, setOverride] = useState<{ switches: Switches; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A PATCH answer is newer than a poll that started before it.
  const switches = override && (polled.loadedAt ?? 0) < override.at ? override.switches : polled.data;

  const patch = async (change: Partial<Switches>) => {
    setError(null);
    try {
      setOverride({ switches: await api.patchSwitches(change), at: Date.now() });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const plan = (fault: FaultPlan) => api.planFault(fault);
  const foreignOrigin = siteUrl.replace('//127.0.0.1', '//localhost');
  const isDefault = switches !== null && (Object.keys(DEFAULT_SWITCHES) as (keyof Switches)[]).every((key) => switches[key] === DEFAULT_SWITCHES[key]);

  return (
    <aside class="emulator" aria-labelledby="emulator-title">
      <div class="emulator-head">
        <h2 id="emulator-title">Emulator controls</h2>
        <button type="button" class="button button-quiet emulator-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="emulator-intro">Make the local helpdesk misbehave and watch the widget in the shop cope. Changes apply at once.</p>
      {error && (
        <p class="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {!switches ? (
        <p class="muted">{polled.error ? `Could not read the switches: ${polled.error}` : 'Loading…'}</p>
      ) : (
        <>
          <section class="emulator-section">
            <h3>Network and servers</h3>
            <Segmented
              label="Latency"
              hint="Added before every API answer."
              options={LATENCIES}
              value={switches.latencyMs}
              onChange={(latencyMs) => patch({ latencyMs })}
            />
            <Segmented
              label="Random failures"
              hint="Share of API requests that fail, with the status below."
              options={FAIL_RATES}
              value={switches.failRate}
              onChange={(failRate) => patch({ failRate })}
            />
            <Segmented label="Failure status" options={FAIL_STATUSES} value={switches.failStatus} onChange={(failStatus) => patch({ failStatus })} />
          </section>
          <FaultPlanner onPlan={plan} />
          <section class="emulator-section">
            <h3>What the API docs leave open</h3>
            <Toggle
              label="ETag on the messages list"
              hint="Polls get 304 Not Modified when nothing changed."
              checked={switches.etag}
              onChange={(etag) => patch({ etag })}
            />
            <Toggle
              label="Description is also the first message"
              hint="The widget must show the customer’s first message once either way."
              checked={switches.descriptionAsMessage}
              onChange={(descriptionAsMessage) => patch({ descriptionAsMessage })}
            />
            <Toggle
              label="Ended conversations accept messages"
              hint="Off: a reply to a resolved conversation is refused."
              checked={switches.endedAcceptsMessages}
              onChange={(endedAcceptsMessages) => patch({ endedAcceptsMessages })}
            />
            <Segmented
              label="Anonymous requester’s email"
              hint="None: the widget must ask for an email before the next reply."
              options={[
                ['generated', 'Generated'],
                ['none', 'None'],
              ]}
              value={switches.anonymousEmail}
              onChange={(anonymousEmail) => patch({ anonymousEmail })}
            />
            <Segmented
              label="Conversations list envelope"
              options={[
                ['count-results', '{count, results}'],
                ['paginated', '+ next, previous'],
              ]}
              value={switches.listEnvelope}
              onChange={(listEnvelope) => patch({ listEnvelope })}
            />
            <Segmented
              label="A foreign origin is refused by"
              options={[
                ['cors', 'CORS'],
                ['403', '403'],
              ]}
              value={switches.originRefusal}
              onChange={(originRefusal) => patch({ originRefusal })}
            />
            <p class="control-hint">
              The client key allows only {siteUrl}. To watch a refusal, open{' '}
              <a href={`${foreignOrigin}/`} target="_blank" rel="noopener">
                the shop on {new URL(foreignOrigin).host}
              </a>
              .
            </p>
          </section>
          <button type="button" class="button button-quiet reset-switches" disabled={isDefault} onClick={() => patch({ ...DEFAULT_SWITCHES })}>
            Reset every switch to its default
          </button>
        </>
      )}
    </aside>
  );
}
