// A long conversation in the page, at 1× CPU. The conversation is seeded once through the
// emulator's HTTP API; each run resumes it in a fresh context (the widget's localStorage pointer),
// then measures with Chromium's own counters (CDP Performance.getMetrics: ScriptDuration is
// JavaScript only, TaskDuration everything on the main thread):
// - resuming at page load, panel closed: from navigation until the launcher shows the unread badge
//   (a closed panel renders no log: the badge is what the conversation puts in the page);
// - opening the panel: from the click on the launcher until the panel shows the last message;
// - polls that bring nothing: DOM mutations (a MutationObserver on the shadow root, subtree) and
//   scripting per poll, from one quiet moment between polls to the next;
// - a poll that brings one new message (an agent reply posted through the API): the same, and
//   whether any mutation touches a node outside that new message.
// A short conversation is measured the same way (load and open only), as the baseline.

import type { Browser, Page } from 'playwright-core';
import { isPoll, watchApi } from './api-watch';
import { type BenchPage, conversationPointer, newBenchPage, storePointer } from './browser';
import type { BenchEmulator } from './emulator';
import type { Site } from './site';
import { type Spread, spread } from './stats';

export interface SeededConversation {
  id: string;
  messages: number;
  email: string;
  lastBody: string;
}

interface MutationSummary {
  records: number;
  addedNodes: number;
  removedNodes: number;
  attributes: number;
  text: number;
  /** Records that touch something other than the new message (only when one is named). */
  outside: number;
  /** What those records touched, e.g. "attributes aria-label on button.launcher". */
  what: string[];
}

export interface PollSample {
  scriptMs: number;
  taskMs: number;
  requests: number;
  mutations: MutationSummary;
}

export interface ConversationRun {
  domNodes: number;
  load: { wallMs: number; scriptMs: number; taskMs: number };
  open: { wallMs: number; scriptMs: number; taskMs: number; mutations: number };
  heapBytes: number;
  emptyPolls: PollSample[];
  newMessage: PollSample | null;
  /** The reply that poll brought, now the conversation's last message. */
  newText: string | null;
}

// Quiet for this long: the poll's follow-up request (the conversation's status) has gone out.
const QUIET_MS = 400;

const seconds = (metrics: Record<string, number>, name: string) => (metrics[name] ?? Number.NaN) * 1000;

async function lastMessageShown(page: Page, lastBody: string): Promise<number> {
  const handle = await page.waitForFunction(
    (body) => {
      // The newest message is the last child of the log's last group: found without a search.
      const root = document.getElementById('parley-root')?.shadowRoot;
      const last = root?.querySelector('.log')?.lastElementChild?.lastElementChild;
      if (!last?.textContent?.includes(body)) return false;
      const panel = root!.getElementById('parley-panel');
      const scroller = panel?.querySelector('.body');
      if (!panel?.checkVisibility({ visibilityProperty: true }) || !scroller) return false;
      if (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2) return false;
      return performance.now();
    },
    lastBody,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * The resumed conversation as a closed panel shows it: the launcher's unread badge (the seeded
 * pointer has never read anything, and the team wrote last). A closed panel renders no log.
 */
export async function unreadBadgeShown(page: Page, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => (document.getElementById('parley-root')?.shadowRoot?.querySelector('button.launcher .badge') ? performance.now() : false),
    null,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

async function observeMutations(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __mutations: MutationRecord[] };
    w.__mutations = [];
    const root = document.getElementById('parley-root')!.shadowRoot!;
    new MutationObserver((records) => w.__mutations.push(...records)).observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

// In the page, as a string: tsx would wrap named inner functions of a page.evaluate callback in a
// helper that only exists in Node.
const TAKE_MUTATIONS = `(text) => {
  const records = window.__mutations.splice(0);
  const root = document.getElementById('parley-root').shadowRoot;
  const newest = root.querySelector('.log')?.lastElementChild?.lastElementChild ?? null;
  const mine = text && newest?.textContent?.includes(text) ? newest : null;
  const describe = (node) => {
    if (!node) return '?';
    if (node.nodeType !== 1) return node.nodeName + ' in ' + describe(node.parentNode);
    return node.localName + (node.classList.length ? '.' + [...node.classList].join('.') : '');
  };
  const within = (node) => !!mine && (node === mine || mine.contains(node) || node.contains(mine));
  const summary = { records: records.length, addedNodes: 0, removedNodes: 0, attributes: 0, text: 0, outside: 0, what: [] };
  for (const record of records) {
    summary.addedNodes += record.addedNodes.length;
    summary.removedNodes += record.removedNodes.length;
    if (record.type === 'attributes') summary.attributes += 1;
    if (record.type === 'characterData') summary.text += 1;
    const inside = mine && (record.type === 'childList'
      ? record.removedNodes.length === 0 && [...record.addedNodes].every(within)
      : mine.contains(record.target));
    if (!inside) {
      if (text) summary.outside += 1;
      const what = record.type + (record.attributeName ? ' ' + record.attributeName : '') + ' on ' + describe(record.target);
      if (summary.what.length < 8 && !summary.what.includes(what)) summary.what.push(what);
    }
  }
  return summary;
}`;

/** Takes the records so far; with `newText`, tells which touch nodes outside that message. */
function takeMutations(page: Page, newText: string | null): Promise<MutationSummary> {
  return page.evaluate(`(${TAKE_MUTATIONS})(${JSON.stringify(newText)})`) as Promise<MutationSummary>;
}

async function resumeAndOpen(bench: BenchPage, site: Site, apiUrl: string, clientKey: string, conversation: SeededConversation) {
  const { page } = bench;
  await storePointer(page, site.blankUrl, conversationPointer(apiUrl, clientKey, conversation.id, conversation.email));
  const api = watchApi(page, apiUrl);
  // Chromium resets these counters with the navigation: what they hold next is this page's alone.
  await page.goto(site.pageUrl('loader'));
  const loadedAt = await unreadBadgeShown(page).catch((error: Error) => {
    throw new Error(`the page did not show the seeded conversation (did the widget's storage format change?): ${error.message}`);
  });
  const loaded = await bench.metrics();
  await api.quiet(QUIET_MS);
  await observeMutations(page);
  const box = await page.evaluate(() => {
    const rect = document.getElementById('parley-root')!.shadowRoot!.querySelector('button.launcher')!.getBoundingClientRect();
    addEventListener('pointerdown', () => ((window as unknown as { __clickAt: number }).__clickAt = performance.now()), { capture: true, once: true });
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  });
  const beforeOpen = await bench.metrics();
  await page.mouse.click(box.x, box.y);
  const openedAt = await lastMessageShown(page, conversation.lastBody);
  const opened = await bench.metrics();
  const clickAt = await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt);
  await api.quiet(QUIET_MS);
  const openMutations = (await takeMutations(page, null)).records;
  return {
    api,
    domNodes: await page.evaluate(() => document.getElementById('parley-root')!.shadowRoot!.querySelectorAll('*').length),
    load: { wallMs: loadedAt, scriptMs: seconds(loaded, 'ScriptDuration'), taskMs: seconds(loaded, 'TaskDuration') },
    open: {
      wallMs: openedAt - clickAt,
      scriptMs: seconds(opened, 'ScriptDuration') - seconds(beforeOpen, 'ScriptDuration'),
      taskMs: seconds(opened, 'TaskDuration') - seconds(beforeOpen, 'TaskDuration'),
      mutations: openMutations,
    },
  };
}

/** One poll, from a quiet moment to the next one after it (its follow-up request included). */
async function onePoll(bench: BenchPage, api: ReturnType<typeof watchApi>, expect: (status: number) => boolean, newText: string | null): Promise<PollSample> {
  const before = await bench.metrics();
  const callsBefore = api.calls.length;
  await api.next((call) => isPoll(call) && expect(call.status));
  await api.quiet(QUIET_MS);
  const after = await bench.metrics();
  return {
    scriptMs: seconds(after, 'ScriptDuration') - seconds(before, 'ScriptDuration'),
    taskMs: seconds(after, 'TaskDuration') - seconds(before, 'TaskDuration'),
    requests: api.calls.length - callsBefore,
    mutations: await takeMutations(bench.page, newText),
  };
}

export async function conversationRun(
  browser: Browser,
  site: Site,
  emulator: BenchEmulator,
  conversation: SeededConversation,
  options: { emptyPolls: number; label: string },
): Promise<ConversationRun> {
  const bench = await newBenchPage(browser);
  try {
    const { api, ...opened } = await resumeAndOpen(bench, site, emulator.url, emulator.clientKey, conversation);
    const emptyPolls: PollSample[] = [];
    for (let i = 0; i < options.emptyPolls; i++) emptyPolls.push(await onePoll(bench, api, () => true, null));
    let newMessage: PollSample | null = null;
    let newText: string | null = null;
    if (options.emptyPolls > 0) {
      newText = `A new reply (${options.label})`;
      await emulator.agentReply(conversation.id, newText);
      newMessage = await onePoll(bench, api, (status) => status === 200, newText);
    }
    const heapBytes = await bench.settledHeap();
    return { ...opened, heapBytes, emptyPolls, newMessage, newText };
  } finally {
    await bench.context.close();
  }
}

export interface ConversationResult {
  messages: number;
  baselineMessages: number;
  runs: number;
  warmup: number;
  emptyPollsPerRun: number;
  long: ConversationRun[];
  short: ConversationRun[];
  summary: Record<string, { long: Spread; short: Spread | null }>;
  /** What polls that brought nothing, or the one new message, touched outside it. */
  unexpectedMutations: string[];
}

export async function measureConversation(
  browser: Browser,
  site: Site,
  emulator: BenchEmulator,
  seeded: { long: SeededConversation; short: SeededConversation },
  options: { runs: number; warmup: number; emptyPolls: number; log(line: string): void },
): Promise<ConversationResult> {
  const long: ConversationRun[] = [];
  const short: ConversationRun[] = [];
  for (let run = 0; run < options.runs; run++) {
    const a = await conversationRun(browser, site, emulator, seeded.long, { emptyPolls: options.emptyPolls, label: `run ${run + 1}` });
    const b = await conversationRun(browser, site, emulator, seeded.short, { emptyPolls: 0, label: `short ${run}` });
    // The new reply stays in the conversation: the next run shows it last.
    if (a.newText) seeded.long.lastBody = a.newText;
    if (run >= options.warmup) {
      long.push(a);
      short.push(b);
    }
    options.log(
      `  ${seeded.long.messages.toLocaleString('en')}-message conversation: run ${run + 1}/${options.runs}${run < options.warmup ? ' (warm-up, discarded)' : ''}`,
    );
  }
  const both = (pick: (run: ConversationRun) => number) => ({ long: spread(long.map(pick)), short: spread(short.map(pick)) });
  const polls = long.flatMap((run) => run.emptyPolls);
  const fresh = long.map((run) => run.newMessage).filter((sample): sample is PollSample => sample !== null);
  const unexpected = new Set<string>();
  for (const poll of polls) for (const what of poll.mutations.what) unexpected.add(`poll with nothing new: ${what}`);
  for (const poll of fresh) for (const what of poll.mutations.what) unexpected.add(`poll with one new message: ${what}`);
  return {
    messages: seeded.long.messages,
    baselineMessages: seeded.short.messages,
    runs: options.runs,
    warmup: options.warmup,
    emptyPollsPerRun: options.emptyPolls,
    long,
    short,
    summary: {
      domNodes: both((run) => run.domNodes),
      loadWallMs: both((run) => run.load.wallMs),
      loadScriptMs: both((run) => run.load.scriptMs),
      loadTaskMs: both((run) => run.load.taskMs),
      openWallMs: both((run) => run.open.wallMs),
      openScriptMs: both((run) => run.open.scriptMs),
      openTaskMs: both((run) => run.open.taskMs),
      openMutations: both((run) => run.open.mutations),
      heapBytes: both((run) => run.heapBytes),
      emptyPollMutations: { long: spread(polls.map((poll) => poll.mutations.records)), short: null },
      emptyPollScriptMs: { long: spread(polls.map((poll) => poll.scriptMs)), short: null },
      emptyPollTaskMs: { long: spread(polls.map((poll) => poll.taskMs)), short: null },
      newMessageMutations: { long: spread(fresh.map((poll) => poll.mutations.records)), short: null },
      newMessageAddedNodes: { long: spread(fresh.map((poll) => poll.mutations.addedNodes)), short: null },
      newMessageOutside: { long: spread(fresh.map((poll) => poll.mutations.outside)), short: null },
      newMessageScriptMs: { long: spread(fresh.map((poll) => poll.scriptMs)), short: null },
    },
    unexpectedMutations: [...unexpected],
  };
}
