// The tables of a bench run, and the README's "## Benchmarks" section made from them. The console
// tables (bench/run.ts) and the markdown come from the same rows, and every figure from the
// results object that bench/run.ts writes to bench/results/latest.json: nothing here is a measured
// figure written down by hand.
//
//   node --import tsx bench/report.ts    puts the section made from latest.json into README.md,
//                                        between "## Benchmarks" and the next "## " heading
//   npm run bench -- --readme            the same (after the build the npm script runs)

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BEFORE_SPLIT_COMMIT } from './before-split';
import type { StateResult } from './cadence';
import type { ConversationResult } from './conversation';
import type { IntentResult } from './intent';
import type { PageLoadResult } from './page-load';
import type { ReturningResult } from './returning';
import type { SoakResult } from './soak';
import {
  cadenceRows,
  conversationRows,
  fileRows,
  goalRows,
  intentRows,
  markdownTable,
  pageRows,
  partRows,
  returningRows,
  type Sizes,
  soakRows,
} from './tables';

export const LATEST_JSON = 'bench/results/latest.json';
export const SECTION_FILE = 'bench/results/README-section.md';
const README = 'README.md';
const HEADING = '## Benchmarks';

/** What bench/run.ts writes to latest.json (each part only when it ran). */
export interface BenchResults {
  date: string;
  machine: string;
  /** "commit abc1234", maybe ", with N uncommitted file(s) in widget/". */
  revision: string;
  /** `git rev-parse --short HEAD` (runs before this field existed: read from `revision`). */
  commit?: string;
  /** Uncommitted files in widget/ when the run started. */
  widgetChanges?: number;
  cores?: number;
  cpu?: string;
  node?: string;
  quick: boolean;
  /** The parts asked for with --only, or absent for all of them. */
  only?: string[] | null;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  seconds?: number;
  chromium?: string;
  sizes?: Sizes;
  soak?: SoakResult;
  pageLoad?: PageLoadResult;
  intent?: IntentResult;
  returning?: ReturningResult;
  conversation?: ConversationResult;
  cadence?: StateResult[];
  /** Messages in each cadence state's own conversation (the long-conversation states aside). */
  cadenceMessages?: number;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** "commit abc1234" (older results) or the fields written since. */
function commitOf(results: BenchResults): { commit: string; widgetChanges: number } {
  const match = results.revision.match(/^commit (\S+)(?:, with (\d+) uncommitted)?/);
  return {
    commit: results.commit ?? match?.[1] ?? 'unknown',
    widgetChanges: results.widgetChanges ?? Number(match?.[2] ?? 0),
  };
}

function machineOf(results: BenchResults): { cores: number | null; cpu: string; node: string } {
  const match = results.machine.match(/^(\d+) cores, (.*), Node (\S+)$/);
  return {
    cores: results.cores ?? (match ? Number(match[1]) : null),
    cpu: results.cpu ?? match?.[2] ?? results.machine,
    node: results.node ?? match?.[3] ?? 'unknown',
  };
}

/** A paragraph broken into lines of at most `width` characters, as the README's prose is. */
export function wrap(text: string, width = 104): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const minutes = (seconds: number) => (seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`);
const loadAverage = (values: number[] | undefined) => (values?.length ? values[0]!.toFixed(2) : '—');

/** Why a results object cannot make the README section, or null when it can. */
export function notForReadme(results: BenchResults): string | null {
  if (results.quick) return 'it is a --quick run (its figures are not for quoting)';
  const missing = (['sizes', 'soak', 'pageLoad', 'intent', 'returning', 'conversation', 'cadence'] as const).filter((part) => !results[part]);
  if (missing.length) return `it lacks ${missing.join(', ')} (an --only run, or a run of the bench from before the loader split?)`;
  if (!results.sizes!.files || !results.pageLoad!.summary.loader) return 'it was made by the bench from before the loader split';
  if (!results.sizes!.allInOne || !results.pageLoad!.summary.allInOne)
    return 'its all-in-one is dist/parley.standalone.js, not the file issue 12 was filed against';
  return null;
}

/** The README's "## Benchmarks" section, heading included, from one full run's results. */
export function renderSection(results: BenchResults): string {
  const reason = notForReadme(results);
  if (reason) throw new Error(`These results cannot make the README section: ${reason}.`);
  const sizes = results.sizes!;
  const page = results.pageLoad!;
  const intent = results.intent!;
  const returning = results.returning!;
  const conversation = results.conversation!;
  const cadence = results.cadence!;
  const soak = results.soak!;
  const { commit, widgetChanges } = commitOf(results);
  const machine = machineOf(results);
  const longMessages = conversation.messages.toLocaleString('en');
  const runs = (measured: number, warmup: number) => `${plural(measured, 'run')} after ${plural(warmup, 'warm-up run')}`;
  const idle = cadence.find((state) => state.name.includes('idle'));
  const cadenceMessages = results.cadenceMessages
    ? `its own ${results.cadenceMessages.toLocaleString('en')}-message conversation`
    : 'its own short conversation';
  const network = intent.network;

  return `${HEADING}

\`npm run bench\` builds, then measures everything below in one run and prints tables of medians with
their spread, min and max, and the ratio to each baseline. The JSON goes to \`bench/results/latest.json\`,
which git ignores. Warm-up runs are discarded. No figure is written down in advance and none is
asserted: CI holds only the deterministic budgets, the bytes (\`scripts/check-size.ts\`). This section is
generated from the run by \`bench/report.ts\`: a full run writes it to \`bench/results/README-section.md\`,
and \`npm run bench -- --readme\` (or \`node --import tsx bench/report.ts\`) puts the one made from
\`latest.json\` here. \`npm run bench -- --quick\` does fewer runs with short windows, leaves out the idle
state and uses a 1,000-message conversation. It is meant for working on the bench. Its figures are not
for quoting. \`--only=size,soak,page,intent,returning,conversation,cadence\` runs only some parts.

How each figure is measured:

- **What is compared.** The same plain page four ways, side by side in the same run: with no widget;
  with the *floor* (\`bench/floor/\`, a minimal Preact + hooks + ofetch launcher with a round button, a
  panel with one form, one poll and a shadow root, built with Vite's \`build()\` at bench time and
  minified like \`dist/\`); with Parley's loader, \`dist/parley.js\`; and with the *all-in-one* file,
  the baseline of issue 12's ratios: \`dist/parley.js\` as it was when the issue was filed (commit
  \`${BEFORE_SPLIT_COMMIT.slice(0, 7)}\`, 35.7 KB gzip), the whole widget started at page load, rebuilt
  from git at bench time by \`bench/before-split.ts\` (a shallow clone must be deepened first). Today's
  \`dist/parley.standalone.js\` is not that baseline: it starts the conversation code on intent as the
  loader does, and only its size is printed here. Both Parley pages carry
  the real install snippet, pointed at the emulator, which runs in a child process. A tiny \`node:http\`
  server on 127.0.0.1 serves every file of \`dist/\` beside \`/parley.js\`, gzipped at level 9 as a CDN would
  send them, never cached.
- **Page load.** Headless Chromium (\`/usr/bin/chromium\` through playwright-core, with the tests' launch
  flags). Each load gets a fresh context, with nothing cached, and the run order rotates. Every page,
  the one without a widget included, carries the same probe in its \`<head>\` and is awaited, read and
  measured through the same calls, so whatever the probing costs, every page pays it. The launcher
  counts as visible once an in-page \`requestAnimationFrame\` check finds the button in the shadow root
  rendered and visible. JavaScript and main-thread time are CDP \`Performance.getMetrics\`'s
  \`ScriptDuration\` and \`TaskDuration\` from the navigation to 3 s after the launcher showed; the
  widget's own is the difference from the no-widget page of the same run. The heap figure is CDP
  \`JSHeapUsedSize\` after two \`HeapProfiler.collectGarbage\`, paired the same way. Files are counted
  with \`page.on('request')\` until 3 s after the launcher shows. Long tasks come from a
  \`PerformanceObserver('longtask')\` with the CPU throttled 4× through CDP \`Emulation.setCPUThrottlingRate\`.
  A long task holds the page's own work too (parsing, style, layout), so the widget's share is
  measured apart: for each frame over 50 ms, Chromium's Long Animation Frames API lists the script runs
  over 5 ms with their script's URL; the frames that ran one of the widget's own files are counted, and
  the longest such run is shown (0 when there was none).
- **Intent to panel.** On an emulated mobile connection (CDP \`Network.emulateNetworkConditions\`:
  ${network.latency} ms of latency, ${(network.downloadThroughput * 8) / 1e6} Mbps down, ${(network.uploadThroughput * 8) / 1e3} kbps up, as Lighthouse's mobile
  throttling; the CPU is not throttled), in a fresh context, once the page has settled: the pointer
  rests on the launcher for 300 ms and clicks; or a tap on a phone-sized page (touch, nothing before
  it); or the launcher gets the keyboard focus and Enter is pressed at once. The time runs in the page
  from the click's \`pointerdown\`, the \`touchstart\` or the \`keydown\` until the dialog is shown and its
  first text field is visible, enabled, editable and the element found at its centre.
- **Returning customer.** A fresh context holding only the widget's conversation pointer to a
  ${returning.messages.toLocaleString('en')}-message conversation whose last message is an unread team reply; the time is from the
  navigation until the launcher shows the unread badge, on the local network and on the emulated
  mobile one.
- **Long conversation.** ${longMessages} messages are seeded through the emulator's HTTP API with the server key.
  Each run resumes the conversation in a fresh context through the widget's localStorage pointer, on
  the loader's page. A closed panel renders no log, so resuming at load ends when the launcher shows the
  unread badge; the open panel shows the latest messages, earlier ones on request, and its DOM nodes
  are counted. Scripting and main-thread time come from CDP \`Performance.getMetrics\`: \`ScriptDuration\`
  and \`TaskDuration\`. DOM mutations are counted by a \`MutationObserver\` on the shadow root (subtree,
  childList, attributes, characterData), from one quiet moment between polls to the next. The new
  message is an agent reply posted through the API. The baseline is a ${conversation.baselineMessages.toLocaleString('en')}-message conversation.
- **Requests and bytes per hour.** Every state runs at the same time, each in its own context, on the
  loader's page with ${cadenceMessages}. Each sits behind its own byte-counting TCP proxy in front of
  the emulator, so CORS preflights are counted too. The windows are real and are stated in the table;${
    idle ? ' the\n  idle state gets its real 2 minutes without activity.' : ''
  } A "hidden" tab is emulated with a
  \`visibilityState\` override and a \`visibilitychange\` event. "ETag off" is a second emulator process
  started with the switch off.

${wrap(
  `Run of ${results.date.slice(0, 10)}, at commit \`${commit}\`${
    widgetChanges ? ` with ${plural(widgetChanges, 'uncommitted file')} in \`widget/\`` : ''
  }, on a **shared machine${machine.cores ? ` with ${machine.cores} cores` : ''}** (${machine.cpu}, Node ${machine.node}, Chromium ${
    results.chromium ?? 'unknown'
  } headless). Other work may run beside the bench: the load average was ${loadAverage(results.loadAverageAtStart)} at the start and ${loadAverage(
    results.loadAverageAtEnd,
  )} at the end. Timings on this machine are noisy, so read the min–max spread with each median.${
    results.seconds !== undefined ? ` The bench took ${minutes(results.seconds)}, the build before it not counted.` : ''
  } Cells read "median (min–max)", and ratios are ratios of medians.`,
)}

Issue 12's figures, beside what it asks ("within" compares medians only):

${markdownTable(goalRows(results))}

The files of \`dist/\` (KB = 1,024 bytes):

${markdownTable(fileRows(sizes))}

<details><summary>Each part of the loader and of the app, minified and compressed on its own (so the parts add up to more than the whole)</summary>

The loader, \`dist/parley.js\`:

${markdownTable(partRows(sizes.loaderParts))}

The app, \`dist/${sizes.files[1]?.part.replace(/^dist\//, '') ?? 'parley-app.*.js'}\`:

${markdownTable(partRows(sizes.appParts))}

</details>

A plain page with no widget, the floor, Parley's loader and the all-in-one file before the split (${runs(page.runs - page.warmup, page.warmup)}):

${markdownTable(pageRows(page, sizes, '↳ '))}

From intent to a usable panel on the emulated mobile connection (${runs(intent.runs - intent.warmup, intent.warmup)} of each):

${markdownTable(intentRows(intent, '↳ '))}

A returning customer, navigation → unread badge (${runs(returning.runs - returning.warmup, returning.warmup)} of each):

${markdownTable(returningRows(returning))}

A conversation of ${longMessages} messages at 1× CPU, on the loader's page (${runs(conversation.runs - conversation.warmup, conversation.warmup)}; ${plural(
    conversation.emptyPollsPerRun,
    'poll',
  )} with nothing new per
run). Each run's new reply stays in the conversation:

${markdownTable(conversationRows(conversation, '↳ '))}
${
  conversation.unexpectedMutations.length
    ? `\nMutations where none were expected:\n\n${conversation.unexpectedMutations.map((line) => `- ${line}`).join('\n')}\n`
    : ''
}
Requests and bytes per hour for one visitor with a conversation. Per hour = the count in the window
× 3600 / window seconds. A poll is a GET of the messages list; a status check is a GET of the conversation;
a preflight is a CORS OPTIONS. MB = 1,048,576 bytes, both directions, headers included; the emulator
does not compress:

${markdownTable(cadenceRows(cadence))}

Soak: ${soak.cycles.toLocaleString('en')} poll cycles of a real session in Node against the emulator, then shutdown:

${markdownTable(soakRows(soak))}
`;
}

/** README.md with its "## Benchmarks" section (up to the next "## " heading or the end) replaced. */
export function replaceSection(readme: string, section: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === HEADING);
  if (start < 0) throw new Error(`${README} has no "${HEADING}" heading.`);
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const before = lines.slice(0, start).join('\n');
  const after = next < 0 ? '' : lines.slice(next).join('\n');
  const body = section.trimEnd();
  return `${before}\n${body}\n${after ? `\n${after}` : ''}`;
}

export function readResults(path = LATEST_JSON): BenchResults {
  return JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
}

/** Puts the section made from `path` (latest.json) into README.md. */
export function updateReadme(path = LATEST_JSON): string {
  const section = renderSection(readResults(path));
  writeFileSync(README, replaceSection(readFileSync(README, 'utf8'), section));
  return section;
}

/** The short commit of HEAD, for run.ts. */
export function headCommit(): { commit: string; widgetChanges: number } | null {
  try {
    const git = (...command: string[]) => execFileSync('git', command, { encoding: 'utf8' }).trim();
    const widgetChanges = git('status', '--porcelain', '--', 'widget').split('\n').filter(Boolean).length;
    return { commit: git('rev-parse', '--short', 'HEAD'), widgetChanges };
  } catch {
    return null;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  updateReadme(process.argv[2] ?? LATEST_JSON);
  console.log(`${README}: "${HEADING}" made from ${process.argv[2] ?? LATEST_JSON}`);
}
