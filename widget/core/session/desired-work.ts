// What should run, from the facts: pure, so every case is a row of a table
// (test/core/desired-work.test.ts). work.ts makes it so.

export interface WorkFacts {
  /** Not destroyed. */
  running: boolean;
  /** The tab shares the work with the site's other tabs (without them it works alone, and leads). */
  coordinated: boolean;
  leader: boolean;
  /** Between pagehide and pageshow the page hands the lead over. */
  pageActive: boolean;
  visible: boolean;
  /** The helpdesk refused the key or origin (401/403): no more polls until a reload. */
  refused: boolean;
  /** The conversation shown, if any. */
  conversation: { id: string; ended: boolean } | null;
  /** A create or a resume is under way. */
  pending: boolean;
  /** The shared outbox holds replies still to send. */
  unsent: boolean;
}

export interface DesiredWork {
  /** The conversation to poll, or null. */
  poll: string | null;
  /** Send the outbox's replies (any conversation's). */
  send: boolean;
  /** Take part in the election of the tab that polls and sends. */
  lead: boolean;
}

export function desiredWork(facts: WorkFacts): DesiredWork {
  const leads = facts.running && (!facts.coordinated || facts.leader);
  const { conversation } = facts;
  return {
    poll: leads && !facts.refused && !facts.pending && conversation && !conversation.ended ? conversation.id : null,
    send: leads,
    // Only with something to do (a first visit writes nothing, not even a lease), and only while
    // visible, unless replies are still to be sent from here.
    lead: facts.coordinated && facts.running && facts.pageActive && (conversation !== null || facts.unsent) && (facts.visible || facts.unsent),
  };
}
