// Several tabs of one site in one simulated browser (shared storage, Web Locks, BroadcastChannel),
// each running a real session against the emulator: one poller per browser, replies sent once,
// every tab up to date. The browser's clock is the fake one (fake-time.ts): a second passes when a
// test says so, with every request of that second answered.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParleyEvents } from '../../widget/core/events';
import type { Timing } from '../../widget/core/session/pace';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { createFakeTime, type FakeTime } from '../helpers/fake-time';
import { FAST, startSession } from '../helpers/session';
import { createBrowser } from '../helpers/tabs';

let helpdesk: TestEmulator;
let time: FakeTime;
let browser: ReturnType<typeof createBrowser>;
const opened: Array<{ close(): void }> = [];

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000 });
  time = createFakeTime();
  browser = createBrowser(time.clock);
});
afterEach(async () => {
  for (const tab of opened.splice(0)) tab.close();
  await helpdesk.cleanup();
});

let ids = 0;
function openTab(options: { locks?: boolean; timing?: Partial<Timing> } = {}) {
  const tab = browser.openTab();
  const started = startSession(helpdesk, {
    time,
    tab: { tab, locks: options.locks, leaseMs: 600 },
    idPrefix: `${tab.id}-${(ids += 1)}`,
    priority: 'normal',
    pageInfo: false,
    timing: { ...FAST, openIntervalMs: 100, closedIntervalMs: 100, idleIntervalMs: 100, ...options.timing },
  });
  const { session, visibility } = started;
  const handle = {
    session,
    leader: {
      get isLeader() {
        return session.isLeader();
      },
    },
    visibility,
    state: () => session.getState(),
    events: (name: keyof ParleyEvents) => started.events.filter((entry) => entry.event === name).map((entry) => entry.payload),
    close() {
      session.destroy();
      tab.close();
    },
  };
  opened.push(handle);
  return handle;
}

const listPolls = (id: string) =>
  helpdesk.requests.filter((request) => request.method === 'GET' && request.path === `/api/v1/conversations/${id}/messages/`).length;
const waitFor = (assertion: () => void) => time.until(assertion);

async function startIn(tab: ReturnType<typeof openTab>) {
  await time.complete(tab.session.actions.startConversation({ name: 'Jane', email: 'jane@example.com', message: 'Hello from tab one' }));
  return tab.state().conversation!;
}

describe.each([true, false])('tabs of one site (Web Locks: %s)', (locks) => {
  it('poll once per browser, and every tab shows a new reply', async () => {
    const first = openTab({ locks });
    const conversation = await startIn(first);
    const others = [openTab({ locks }), openTab({ locks })];
    await Promise.all(others.map((tab) => tab.session.restore()));
    await waitFor(() => expect([first, ...others].filter((tab) => tab.leader.isLeader)).toHaveLength(1));

    // One tab polling at 100 ms for 1.5 s makes ~15 polls; three tabs must not make ~45.
    const before = listPolls(conversation.id);
    await time.pass(1500);
    expect(listPolls(conversation.id) - before).toBeLessThanOrEqual(20);

    helpdesk.agentReply(conversation.id, 'Seen everywhere');
    for (const tab of [first, ...others]) {
      await waitFor(() => expect(tab.state().messages.map((message) => message.body)).toContain('Seen everywhere'));
    }
    // The `message` event: once per browser, not once per tab.
    const heard = [first, ...others].flatMap((tab) => tab.events('message'));
    expect(heard).toHaveLength(1);
  });

  it('send a reply typed in a follower tab exactly once, and show it in every tab', async () => {
    const first = openTab({ locks });
    const conversation = await startIn(first);
    const second = openTab({ locks });
    await second.session.restore();
    await waitFor(() => expect([first, second].filter((tab) => tab.leader.isLeader)).toHaveLength(1));
    const follower = first.leader.isLeader ? second : first;
    follower.session.actions.sendReply('Typed in the follower');
    await waitFor(() => expect(helpdesk.listMessages(conversation.id).filter((message) => message.body === 'Typed in the follower')).toHaveLength(1));
    for (const tab of [first, second]) {
      await waitFor(() => expect(tab.state().messages.find((message) => message.body === 'Typed in the follower')?.delivery).toBe('sent'));
    }
    await time.pass(300);
    expect(helpdesk.listMessages(conversation.id).filter((message) => message.body === 'Typed in the follower')).toHaveLength(1);
  });

  it('hand over when the leader tab closes, and keep polling', async () => {
    const first = openTab({ locks });
    const conversation = await startIn(first);
    const second = openTab({ locks });
    await second.session.restore();
    await waitFor(() => expect(first.leader.isLeader).toBe(true));
    first.close();
    opened.splice(opened.indexOf(first), 1);
    await waitFor(() => expect(second.leader.isLeader).toBe(true));
    helpdesk.agentReply(conversation.id, 'After the hand-over');
    await waitFor(() => expect(second.state().messages.map((message) => message.body)).toContain('After the hand-over'));
  });

  it('make no request while every tab is hidden', async () => {
    const first = openTab({ locks });
    const conversation = await startIn(first);
    const second = openTab({ locks });
    await second.session.restore();
    await time.pass(300);
    first.visibility.set(false);
    second.visibility.set(false);
    await time.pass(200);
    const before = helpdesk.requests.length;
    await time.pass(1000);
    expect(helpdesk.requests.length).toBe(before);
    second.visibility.set(true);
    await waitFor(() => expect(listPolls(conversation.id)).toBeGreaterThan(0));
    await waitFor(() => expect(helpdesk.requests.length).toBeGreaterThan(before));
  });
});

it('follows a conversation started in another tab, and a logout in another tab', async () => {
  const first = openTab();
  const second = openTab();
  const conversation = await startIn(first);
  await waitFor(() => expect(second.state().conversation?.id).toBe(conversation.id));
  await waitFor(() => expect(second.state().messages.map((message) => message.body)).toContain('Hello from tab one'));
  first.session.reset();
  await waitFor(() => expect(second.state().phase).toBe('form'));
  expect(second.state().conversation).toBeNull();
});

it('polls at the open pace when the panel is open in a tab that does not lead', async () => {
  const slowWhenClosed = { closedIntervalMs: 5000, openIntervalMs: 100, idleIntervalMs: 100 };
  const first = openTab({ timing: slowWhenClosed });
  const conversation = await startIn(first);
  const second = openTab({ timing: slowWhenClosed });
  await second.session.restore();
  await waitFor(() => expect([first, second].filter((tab) => tab.leader.isLeader)).toHaveLength(1));
  const [leader, follower] = first.leader.isLeader ? [first, second] : [second, first];
  leader.session.setPanelOpen(false);
  await time.pass(300);
  const closedStart = listPolls(conversation.id);
  await time.pass(1000);
  expect(listPolls(conversation.id) - closedStart).toBeLessThanOrEqual(1);

  follower.session.setPanelOpen(true);
  await time.pass(100);
  const openStart = listPolls(conversation.id);
  await time.pass(1000);
  expect(listPolls(conversation.id) - openStart).toBeGreaterThanOrEqual(5);

  follower.session.setPanelOpen(false);
  await time.pass(300);
  const closedAgain = listPolls(conversation.id);
  await time.pass(1000);
  expect(listPolls(conversation.id) - closedAgain).toBeLessThanOrEqual(1);
});
