// The one place that starts and stops the workers (the poller, the outbox, the tab election), to
// match what desiredWork() says. Starting and stopping are idempotent; a worker that hears of it
// (the leader's subscribers) reports back later, never inside this call (compose.ts).

import type { Outbox } from '../outbox';
import type { Poller } from '../poller';
import type { TabLeader } from '../tab-leader';
import type { DesiredWork } from './desired-work';

export interface WorkOptions {
  outbox: Pick<Outbox, 'start' | 'stop'>;
  poller: Pick<Poller, 'start' | 'stop' | 'pollNow'>;
  leader: Pick<TabLeader, 'start' | 'stop'> | null;
}

export function createWork({ outbox, poller, leader }: WorkOptions) {
  let polling: string | null = null;
  return {
    /** `pollNow`: something new is to be seen (a conversation entered, a panel opened, the lead taken). */
    reconcile(desired: DesiredWork, pollNow: boolean) {
      if (desired.send) outbox.start();
      else outbox.stop();
      // Another conversation starts afresh: no backoff or pending tick of the one before.
      if (desired.poll !== polling) {
        poller.stop();
        polling = desired.poll;
        if (polling) poller.start();
      }
      if (polling && pollNow) poller.pollNow();
      if (desired.lead) leader?.start();
      else leader?.stop();
    },
  };
}

export type Work = ReturnType<typeof createWork>;
