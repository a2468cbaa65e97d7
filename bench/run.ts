// `npm run bench`: builds (the npm script does), then measures and prints tables; the figures also
// go to bench/results/latest.json (git-ignored). Nothing here is asserted, and nothing printed is
// written down in advance: every figure comes from this run, on this machine.
//
//   npm run bench                  everything (about 11 minutes)
//   npm run bench -- --quick       fewer runs, short windows, no "idle" state, a 1,000-message
//                                  conversation: for working on the bench, not for quoting
//   npm run bench -- --only=page,conversation   some parts only (size, soak, page, conversation, cadence)

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { launchBrowser } from './browser';
import { type StateResult, cadenceStates, measureCadence } from './cadence';
import { type ConversationResult, measureConversation } from './conversation';
import { type BenchEmulator, seedConversation, startEmulatorProcess } from './emulator';
import { buildFloor } from './floor/build';
import { type PageLoadResult, measurePageLoads } from './page-load';
import { startSite } from './site';
import { measure, measureBundle, type SizeRow } from './size';
import { soak } from './soak';
import { cell, ratio, round, type Spread } from './stats';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (part: string) => !only || only.includes(part);
const plan = quick
  ? { pageRuns: 3, pageWarmup: 1, conversationRuns: 2, conversationWarmup: 1, emptyPolls: 3, longMessages: 1000, soakCycles: 1000 }
  : { pageRuns: 7, pageWarmup: 2, conversationRuns: 5, conversationWarmup: 1, emptyPolls: 5, longMessages: 5000, soakCycles: 10_000 };
const SHORT_MESSAGES = 10;
const CADENCE_MESSAGES = 20;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const log = (line: string) => console.log(line);
const started = Date.now();
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

function printSizes(whole: SizeRow, parts: SizeRow[], floor: SizeRow) {
  console.log('\nBundle size (KB; each part minified and compressed alone)');
  console.table(
    [whole, ...parts].map((row) => ({ part: row.part, raw: kb(row.raw), 'gzip -9': kb(row.gzip), brotli: kb(row.brotli) })),
  );
  console.log('\nParley next to the floor (bench/floor: Preact + hooks + ofetch, a launcher, one form, one poll), KB');
  console.table(
    [whole, floor].map((row) => ({
      script: row.part,
      raw: kb(row.raw),
      'gzip -9': kb(row.gzip),
      brotli: kb(row.brotli),
      'gzip ÷ floor': `${(row.gzip / floor.gzip).toFixed(2)}×`,
    })),
  );
}

function printPages(result: PageLoadResult, sizes: { parley: SizeRow; floor: SizeRow }) {
  const { summary } = result;
  const row = (measure: string, key: string, scale = 1, vsNone = true) => ({
    measure,
    'no widget': cell(summary.none[key], scale),
    floor: cell(summary.floor[key], scale),
    Parley: cell(summary.parley[key], scale),
    'Parley ÷ floor': ratio(summary.parley[key], summary.floor[key]),
    'Parley ÷ no widget': vsNone ? ratio(summary.parley[key], summary.none[key]) : '—',
  });
  const requests = (variant: 'none' | 'floor' | 'parley') => {
    const lists = result.samples[variant].map((sample) => sample.requests.join(' ') || 'none');
    return [...new Set(lists)].join(' | ');
  };
  console.log(
    `\nA plain page, without a widget, with the floor, with Parley: headless Chromium, fresh context per load, ` +
      `${result.runs - result.warmup} runs after ${result.warmup} warm-up (median (min–max); ratios of medians)`,
  );
  console.table([
    row('launcher visible, ms', 'launcherVisibleMs', 1, false),
    row('first contentful paint, ms', 'fcpMs'),
    row('load event, ms', 'loadMs'),
    row('JS heap used after GC, KB', 'heapBytes', 1 / 1024),
    row('JS heap added vs no widget, KB', 'heapAddedBytes', 1 / 1024, false),
    { measure: 'requests before the customer acts (page aside)', 'no widget': requests('none'), floor: requests('floor'), Parley: requests('parley'), 'Parley ÷ floor': '', 'Parley ÷ no widget': '' },
    row('launcher visible at 4× CPU, ms', 'launcherVisibleMs4x', 1, false),
    row('long tasks (> 50 ms) at 4× CPU', 'longTasks4x'),
    row('longest task at 4× CPU, ms', 'longestTaskMs4x'),
    row('total blocking time at 4× CPU, ms', 'blockingMs4x'),
    {
      measure: 'script, gzip -9 KB',
      'no widget': '—',
      floor: kb(sizes.floor.gzip),
      Parley: kb(sizes.parley.gzip),
      'Parley ÷ floor': `${(sizes.parley.gzip / sizes.floor.gzip).toFixed(2)}×`,
      'Parley ÷ no widget': '—',
    },
  ]);
}

function printConversation(result: ConversationResult) {
  const long = `${result.messages.toLocaleString('en')} messages`;
  const short = `${result.baselineMessages} messages`;
  const row = (measure: string, key: string, scale = 1) => {
    const value = result.summary[key]!;
    return { measure, [long]: cell(value.long, scale), [short]: cell(value.short, scale), ratio: ratio(value.long, value.short) };
  };
  console.log(
    `\nA long conversation at 1× CPU (Chromium's ScriptDuration = JavaScript, TaskDuration = all main-thread work), ` +
      `${result.runs - result.warmup} runs after ${result.warmup} warm-up; polls: ${result.emptyPollsPerRun} with nothing new per run`,
  );
  console.table([
    row('DOM nodes in the shadow root', 'domNodes'),
    row('resume at load, panel closed: navigation → last message in the DOM, ms', 'loadWallMs'),
    row('  scripting in that time, ms', 'loadScriptMs'),
    row('  main-thread tasks in that time, ms', 'loadTaskMs'),
    row('open the panel: click → last message shown, ms', 'openWallMs'),
    row('  scripting, ms', 'openScriptMs'),
    row('  main-thread tasks, ms', 'openTaskMs'),
    row('  DOM mutation records', 'openMutations'),
    row('JS heap used after GC, MB', 'heapBytes', 1 / 1024 / 1024),
    row('poll that brings nothing: DOM mutation records', 'emptyPollMutations'),
    row('  scripting, ms', 'emptyPollScriptMs'),
    row('  main-thread tasks, ms', 'emptyPollTaskMs'),
    row('poll that brings one new message: DOM mutation records', 'newMessageMutations'),
    row('  nodes added', 'newMessageAddedNodes'),
    row('  records touching anything but the new message', 'newMessageOutside'),
    row('  scripting, ms', 'newMessageScriptMs'),
  ]);
  console.log(`Each run's new reply stays in the conversation: run k shows ${result.messages.toLocaleString('en')} + k − 1 messages.`);
  if (result.unexpectedMutations.length) {
    console.log('Mutations where none were expected:');
    for (const line of result.unexpectedMutations) console.log(`  ${line}`);
  }
}

function printCadence(states: StateResult[]) {
  const byName = new Map(states.map((state) => [state.name, state]));
  const one = (value: number) => ({ median: value, min: value, max: value, n: 1 }) satisfies Spread;
  console.log('\nRequests and bytes per hour for one visitor with a conversation, by state (counted at a byte-counting proxy in front of the emulator, preflights included; per hour = window × 3600 / window seconds)');
  console.table(
    states.map((state) => {
      const base = state.baseline ? byName.get(state.baseline) : undefined;
      return {
        state: state.name,
        'window, s': state.windowSeconds,
        'before the window': state.requestsAtLoad,
        'requests in window': `${state.requests} (${state.polls} polls, ${state.statusChecks} status, ${state.preflights} preflight${state.other ? `, ${state.other} other` : ''})`,
        'requests / h': round(state.perHour.requests),
        'poll interval, s': cell(state.pollInterval),
        'MB / h': round(state.perHour.bytes / 1024 / 1024),
        'vs its baseline (requests, bytes)': base
          ? `${ratio(one(state.perHour.requests), one(base.perHour.requests))}, ${ratio(one(state.perHour.bytes), one(base.perHour.bytes))} of "${base.name}"`
          : '',
      };
    }),
  );
  console.log(
    'poll = GET of the messages list (If-None-Match when ETag is on); status = GET of the conversation; preflight = CORS OPTIONS.\n' +
      'Before the window: requests from the first page load to the start of the window (every tab\'s restore and first polls; for "idle", the 2 active minutes).\n' +
      'MB = 1,048,576 bytes, on the wire both ways, headers included; the emulator does not compress.',
  );
}

async function seed(emulator: BenchEmulator, count: number, email: string) {
  return { ...(await seedConversation(emulator, count, email)), messages: count, email };
}

/** Which code was measured: others may be editing the widget in this working tree meanwhile. */
function revision(): string {
  try {
    const git = (...command: string[]) => execFileSync('git', command, { encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', 'widget').split('\n').filter(Boolean).length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? `, with ${changed} uncommitted file(s) in widget/` : ''}`;
  } catch {
    return 'no git revision';
  }
}

const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const measured = revision();
console.log(`Parley benchmarks on ${machine}; ${measured}; load average at start ${load()}${quick ? '; --quick: fewer runs, not for quoting' : ''}`);
const results: Record<string, unknown> = { date: new Date().toISOString(), machine, revision: measured, quick, loadAverageAtStart: loadavg() };

const floorCode = await buildFloor();
const floorSize = measure('floor (bench/floor)', floorCode);
if (wanted('size')) {
  const sizes = await measureBundle();
  printSizes(sizes.whole, sizes.parts, floorSize);
  results.sizes = { ...sizes, floor: floorSize };
}

if (wanted('soak')) {
  console.log(`\nSoak: ${plan.soakCycles.toLocaleString('en')} poll cycles against the emulator, then shutdown`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for a settled heap figure)');
  const soaked = await soak(plan.soakCycles);
  console.table([soaked]);
  results.soak = soaked;
}

if (wanted('page') || wanted('conversation') || wanted('cadence')) {
  const [withEtag, withoutEtag] = await Promise.all([startEmulatorProcess(), startEmulatorProcess({ etag: false })]);
  const parleyJs = readFileSync('dist/parley.js', 'utf8');
  const site = await startSite({ parleyJs, floorJs: floorCode, apiUrl: withEtag.url, clientKey: withEtag.clientKey });
  const browser = await launchBrowser();
  results.chromium = browser.version();
  console.log(`\nBrowser measurements: Chromium ${browser.version()} headless, the emulator in child processes`);
  try {
    if (wanted('page')) {
      const pages = await measurePageLoads(browser, site, { runs: plan.pageRuns, warmup: plan.pageWarmup, log });
      printPages(pages, { parley: measure('dist/parley.js', parleyJs), floor: floorSize });
      results.pageLoad = { runs: pages.runs, warmup: pages.warmup, summary: pages.summary, samples: pages.samples, throttled: pages.throttled };
    }

    if (wanted('conversation') || wanted('cadence')) {
      const seeding = Date.now();
      log(`  seeding: ${plan.longMessages.toLocaleString('en')}-message conversations (with and without ETag) through the emulator's HTTP API…`);
      // The two emulators are separate processes: seed them side by side.
      const [long, longNoEtag] = await Promise.all([
        seed(withEtag, plan.longMessages, 'long@bench.test'),
        wanted('cadence') ? seed(withoutEtag, plan.longMessages, 'long@bench.test') : null,
      ]);
      const short = await seed(withEtag, SHORT_MESSAGES, 'short@bench.test');
      log(`  seeded in ${Math.round((Date.now() - seeding) / 1000)} s`);

      if (wanted('conversation')) {
        const conversation = await measureConversation(browser, site, withEtag, { long, short }, {
          runs: plan.conversationRuns,
          warmup: plan.conversationWarmup,
          emptyPolls: plan.emptyPolls,
          log,
        });
        printConversation(conversation);
        results.conversation = conversation;
      }

      if (wanted('cadence')) {
        const cadencePointers = new Map<string, { id: string; email: string }>();
        const conversations = (spec: { name: string; etag: boolean; conversation: 'short' | 'long' }) => {
          if (spec.conversation === 'long') return spec.etag ? long : longNoEtag!;
          return cadencePointers.get(spec.name)!;
        };
        for (const spec of cadenceStates(quick)) {
          if (spec.conversation !== 'short') continue;
          const email = `cadence-${cadencePointers.size}@bench.test`;
          cadencePointers.set(spec.name, await seed(spec.etag ? withEtag : withoutEtag, CADENCE_MESSAGES, email));
        }
        console.log(`\nRequests per hour by state (${CADENCE_MESSAGES}-message conversations; the long one has ${plan.longMessages.toLocaleString('en')}+)`);
        const states = await measureCadence(browser, site, { etag: withEtag, noEtag: withoutEtag }, conversations, { quick, log });
        printCadence(states);
        results.cadence = states;
      }
    }
  } finally {
    await browser.close();
    await site.stop();
    await Promise.all([withEtag.stop(), withoutEtag.stop()]);
  }
}

results.loadAverageAtEnd = loadavg();
results.seconds = Math.round((Date.now() - started) / 1000);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
console.log(`\nLoad average at the end ${load()} (a shared machine: other work runs beside the bench). Took ${results.seconds} s.`);
console.log('Written to bench/results/latest.json');
