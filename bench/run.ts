// `npm run bench`: builds (the npm script does), then measures and prints tables; the figures also
// go to bench/results/latest.json (git-ignored). Nothing here is asserted, and nothing printed is
// written down in advance: every figure comes from this run, on this machine.
//
//   npm run bench                  everything (about 17 minutes on 2 shared cores)
//   npm run bench -- --quick       fewer runs, short windows, no "idle" state, a 1,000-message
//                                  conversation: for working on the bench, not for quoting
//   npm run bench -- --only=page,intent   some parts only (size, soak, page, intent, returning,
//                                         conversation, cadence)
//   npm run bench -- --readme      no measuring: README.md's "## Benchmarks" made from latest.json
//
// A full run (neither --quick nor --only) also writes the README section, made from its results by
// bench/report.ts, to bench/results/README-section.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { BEFORE_SPLIT_COMMIT, buildBeforeSplit } from './before-split';
import { launchBrowser } from './browser';
import { measure } from './bytes';
import { cadenceStates, measureCadence, type StateResult } from './cadence';
import { type ConversationResult, measureConversation } from './conversation';
import { type BenchEmulator, seedConversation, startEmulatorProcess } from './emulator';
import { buildFloor } from './floor/build';
import { type IntentResult, measureIntent } from './intent';
import { measurePageLoads, type PageLoadResult } from './page-load';
import { type BenchResults, headCommit, LATEST_JSON, notForReadme, renderSection, SECTION_FILE, updateReadme } from './report';
import { measureReturning, type ReturningResult } from './returning';
import { startSite } from './site';
import { measureBundle } from './size';
import { soak } from './soak';
import { cadenceRows, conversationRows, fileRows, goalRows, intentRows, pageRows, partRows, returningRows, type Sizes, soakRows } from './tables';

const args = process.argv.slice(2);
if (args.includes('--readme')) {
  updateReadme(LATEST_JSON);
  console.log(`README.md: "## Benchmarks" made from ${LATEST_JSON}`);
  process.exit(0);
}
const quick = args.includes('--quick');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (part: string) => !only || only.includes(part);
const plan = quick
  ? {
      pageRuns: 3,
      pageWarmup: 1,
      intentRuns: 2,
      intentWarmup: 1,
      conversationRuns: 2,
      conversationWarmup: 1,
      emptyPolls: 3,
      longMessages: 1000,
      soakCycles: 1000,
    }
  : {
      pageRuns: 13,
      pageWarmup: 2,
      intentRuns: 8,
      intentWarmup: 1,
      conversationRuns: 5,
      conversationWarmup: 1,
      emptyPolls: 5,
      longMessages: 5000,
      soakCycles: 10_000,
    };
const SHORT_MESSAGES = 10;
const CADENCE_MESSAGES = 20;

const log = (line: string) => console.log(line);
const started = Date.now();
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function printSizes(sizes: Sizes) {
  console.log('\nThe files of dist/ (KB = 1,024 bytes; each file compressed on its own, as a server sends it)');
  console.table(fileRows(sizes));
  console.log('\nEach part of the loader, dist/parley.js (KB; each part minified and compressed alone)');
  console.table(partRows(sizes.loaderParts));
  console.log(`\nEach part of the app, ${sizes.files[1]!.part} (KB; each part minified and compressed alone)`);
  console.table(partRows(sizes.appParts));
}

function printPages(result: PageLoadResult, sizes: Sizes) {
  console.log(
    `\nA plain page without a widget, with the floor, with Parley's loader and with the all-in-one file issue 12 was filed against: headless Chromium, ` +
      `fresh context per load, the same probe and calls on every page, ${result.runs - result.warmup} runs after ${result.warmup} warm-up ` +
      '(median (min–max); ratios of medians)',
  );
  console.table(pageRows(result, sizes));
}

function printIntent(result: IntentResult) {
  const { latency, downloadThroughput, uploadThroughput } = result.network;
  console.log(
    `\nIntent to a usable panel, emulated mobile connection (${latency} ms latency, ${(downloadThroughput * 8) / 1e6} Mbps down, ` +
      `${(uploadThroughput * 8) / 1e3} kbps up; CPU not throttled), ${result.runs - result.warmup} runs after ${result.warmup} warm-up of each`,
  );
  console.table(intentRows(result));
}

function printReturning(result: ReturningResult) {
  console.log(
    `\nA returning customer (${result.messages}-message conversation, the team's reply unread): navigation → unread badge, ms, ` +
      `${result.runs - result.warmup} runs after ${result.warmup} warm-up of each`,
  );
  console.table(returningRows(result));
}

function printConversation(result: ConversationResult) {
  console.log(
    `\nA long conversation at 1× CPU (Chromium's ScriptDuration = JavaScript, TaskDuration = all main-thread work), ` +
      `${result.runs - result.warmup} runs after ${result.warmup} warm-up; polls: ${result.emptyPollsPerRun} with nothing new per run`,
  );
  console.table(conversationRows(result));
  console.log(`Each run's new reply stays in the conversation: run k shows ${result.messages.toLocaleString('en')} + k − 1 messages.`);
  if (result.unexpectedMutations.length) {
    console.log('Mutations where none were expected:');
    for (const line of result.unexpectedMutations) console.log(`  ${line}`);
  }
}

function printCadence(states: StateResult[]) {
  console.log(
    '\nRequests and bytes per hour for one visitor with a conversation, by state (counted at a byte-counting proxy in front of the emulator, preflights included; per hour = window × 3600 / window seconds)',
  );
  console.table(cadenceRows(states));
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
const head = headCommit();
const measured = head ? `commit ${head.commit}${head.widgetChanges ? `, with ${head.widgetChanges} uncommitted file(s) in widget/` : ''}` : 'no git revision';

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} cores, ${cpu}, Node ${process.version}`;
console.log(`Parley benchmarks on ${machine}; ${measured}; load average at start ${load()}${quick ? '; --quick: fewer runs, not for quoting' : ''}`);
const results: BenchResults = {
  date: new Date().toISOString(),
  machine,
  cores: cpus().length,
  cpu,
  node: process.version,
  revision: measured,
  ...(head ?? {}),
  quick,
  only: only ?? null,
  loadAverageAtStart: loadavg(),
};

const floorCode = await buildFloor();
const floorSize = measure('floor (bench/floor)', floorCode);
// The tables want the files' sizes whatever was asked: measuring the parts is the slow half.
const allInOneCode = await buildBeforeSplit();
const allInOneSize = measure(`all-in-one (dist/parley.js at ${BEFORE_SPLIT_COMMIT.slice(0, 7)})`, allInOneCode);
const sizes: Sizes = { ...(await measureBundle()), floor: floorSize, allInOne: allInOneSize };
if (wanted('size')) {
  results.sizes = sizes;
  printSizes(sizes);
}

if (wanted('soak')) {
  console.log(`\nSoak: ${plan.soakCycles.toLocaleString('en')} poll cycles against the emulator, then shutdown`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for a settled heap figure)');
  const soaked = await soak(plan.soakCycles);
  console.table(soakRows(soaked));
  results.soak = soaked;
}

if (['page', 'intent', 'returning', 'conversation', 'cadence'].some(wanted)) {
  const [withEtag, withoutEtag] = await Promise.all([startEmulatorProcess(), startEmulatorProcess({ etag: false })]);
  const site = await startSite({ dist: 'dist', floorJs: floorCode, allInOneJs: allInOneCode, apiUrl: withEtag.url, clientKey: withEtag.clientKey });
  const browser = await launchBrowser();
  results.chromium = browser.version();
  console.log(`\nBrowser measurements: Chromium ${browser.version()} headless, the emulator in child processes`);
  try {
    if (wanted('page')) {
      const pages = await measurePageLoads(browser, site, { runs: plan.pageRuns, warmup: plan.pageWarmup, log });
      printPages(pages, sizes);
      results.pageLoad = pages;
    }

    if (wanted('intent')) {
      const intent = await measureIntent(browser, site, { runs: plan.intentRuns, warmup: plan.intentWarmup, log });
      printIntent(intent);
      results.intent = intent;
    }

    if (wanted('returning')) {
      const returning = await seed(withEtag, SHORT_MESSAGES, 'returning@bench.test');
      const result = await measureReturning(browser, site, withEtag, returning, { runs: plan.intentRuns, warmup: plan.intentWarmup, log });
      printReturning(result);
      results.returning = result;
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
        const conversation = await measureConversation(
          browser,
          site,
          withEtag,
          { long, short },
          {
            runs: plan.conversationRuns,
            warmup: plan.conversationWarmup,
            emptyPolls: plan.emptyPolls,
            log,
          },
        );
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
        results.cadenceMessages = CADENCE_MESSAGES;
      }
    }
  } finally {
    await browser.close();
    await site.stop();
    await Promise.all([withEtag.stop(), withoutEtag.stop()]);
  }
}

const goals = goalRows({ ...results, sizes });
if (goals.length) {
  console.log('\nIssue 12\'s figures, beside what it asks (ratios of medians; "within" compares medians only: read the spread above)');
  console.table(goals);
}

results.loadAverageAtEnd = loadavg();
results.seconds = Math.round((Date.now() - started) / 1000);
mkdirSync('bench/results', { recursive: true });
writeFileSync(LATEST_JSON, JSON.stringify(results, null, 2));
console.log(`\nLoad average at the end ${load()} (a shared machine: other work runs beside the bench). Took ${results.seconds} s.`);
console.log(`Written to ${LATEST_JSON}`);
const notReadme = notForReadme(results);
if (notReadme) {
  console.log(`No README section from this run: ${notReadme}.`);
} else {
  writeFileSync(SECTION_FILE, renderSection(results));
  console.log(`README section written to ${SECTION_FILE}; \`npm run bench -- --readme\` puts it into README.md.`);
}
