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
import type { StateResult } from './cadence';
import type { ConversationResult } from './conversation';
import type { PageLoadResult } from './page-load';
import { kb, type SizeRow } from './bytes';
import type { SoakResult } from './soak';
import { cell, ratio, round, type Spread } from './stats';

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
  sizes?: { whole: SizeRow; parts: SizeRow[]; floor: SizeRow };
  soak?: SoakResult;
  pageLoad?: Omit<PageLoadResult, 'throttled'> & { throttled: PageLoadResult['throttled'] };
  conversation?: ConversationResult;
  cadence?: StateResult[];
  /** Messages in each cadence state's own conversation (the long-conversation states aside). */
  cadenceMessages?: number;
}

export type Row = Record<string, string | number>;

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

// ---- rows, shared by the console tables and the markdown ----

const sizeCells = (row: SizeRow) => ({ raw: kb(row.raw), 'gzip -9': kb(row.gzip), brotli: kb(row.brotli) });

/** The whole script and each part, each minified and compressed alone. */
export function partRows(sizes: NonNullable<BenchResults['sizes']>): Row[] {
  return [sizes.whole, ...sizes.parts].map((row) => ({ part: row.part, ...sizeCells(row) }));
}

/** Parley next to the floor. */
export function scriptRows(sizes: NonNullable<BenchResults['sizes']>): Row[] {
  return [sizes.whole, sizes.floor].map((row) => ({
    script: row.part,
    ...sizeCells(row),
    'gzip ÷ floor': `${(row.gzip / sizes.floor.gzip).toFixed(2)}×`,
  }));
}

export function pageRows(result: Pick<PageLoadResult, 'summary' | 'samples'>, sizes: { parley: SizeRow; floor: SizeRow }): Row[] {
  const { summary } = result;
  const row = (measure: string, key: string, scale = 1, vsNone = true): Row => ({
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
  return [
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
    row("widget's own script: longest run at 4× CPU, ms", 'longestOwnRunMs4x', 1, false),
    {
      measure: 'script, gzip -9 KB',
      'no widget': '—',
      floor: kb(sizes.floor.gzip),
      Parley: kb(sizes.parley.gzip),
      'Parley ÷ floor': `${(sizes.parley.gzip / sizes.floor.gzip).toFixed(2)}×`,
      'Parley ÷ no widget': '—',
    },
  ];
}

/** `sub` marks the rows that detail the row above them ("  " in the console, "↳ " in the README). */
export function conversationRows(result: ConversationResult, sub = '  '): Row[] {
  const long = `${result.messages.toLocaleString('en')} messages`;
  const short = `${result.baselineMessages.toLocaleString('en')} messages`;
  const row = (measure: string, key: string, scale = 1): Row => {
    const value = result.summary[key]!;
    return { measure, [long]: cell(value.long, scale), [short]: cell(value.short, scale), ratio: ratio(value.long, value.short) };
  };
  return [
    row('DOM nodes in the shadow root (panel open)', 'domNodes'),
    row('resume at load, panel closed: navigation → unread badge on the launcher, ms', 'loadWallMs'),
    row(`${sub}scripting in that time, ms`, 'loadScriptMs'),
    row(`${sub}main-thread tasks in that time, ms`, 'loadTaskMs'),
    row('open the panel: click → last message shown, ms', 'openWallMs'),
    row(`${sub}scripting, ms`, 'openScriptMs'),
    row(`${sub}main-thread tasks, ms`, 'openTaskMs'),
    row(`${sub}DOM mutation records`, 'openMutations'),
    row('JS heap used after GC, MB', 'heapBytes', 1 / 1024 / 1024),
    row('poll that brings nothing: DOM mutation records', 'emptyPollMutations'),
    row(`${sub}scripting, ms`, 'emptyPollScriptMs'),
    row(`${sub}main-thread tasks, ms`, 'emptyPollTaskMs'),
    row('poll that brings one new message: DOM mutation records', 'newMessageMutations'),
    row(`${sub}nodes added`, 'newMessageAddedNodes'),
    row(`${sub}records touching anything but the new message`, 'newMessageOutside'),
    row(`${sub}scripting, ms`, 'newMessageScriptMs'),
  ];
}

export function cadenceRows(states: StateResult[]): Row[] {
  const byName = new Map(states.map((state) => [state.name, state]));
  const one = (value: number) => ({ median: value, min: value, max: value, n: 1 }) satisfies Spread;
  return states.map((state) => {
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
  });
}

export function soakRows(soak: SoakResult): Row[] {
  return [{ ...soak }];
}

// ---- markdown ----

const escapeCell = (value: string | number) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: Row[]): string {
  if (!rows.length) return '';
  const columns = Object.keys(rows[0]!);
  const line = (cells: Array<string | number>) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => '---').join('|')}|`, ...rows.map((row) => line(columns.map((column) => row[column] ?? '')))].join('\n');
}

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
function wrap(text: string, width = 104): string {
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
  const missing = (['sizes', 'soak', 'pageLoad', 'conversation', 'cadence'] as const).filter((part) => !results[part]);
  if (missing.length) return `it lacks ${missing.join(', ')} (an --only run?)`;
  return null;
}

/** The README's "## Benchmarks" section, heading included, from one full run's results. */
export function renderSection(results: BenchResults): string {
  const reason = notForReadme(results);
  if (reason) throw new Error(`These results cannot make the README section: ${reason}.`);
  const sizes = results.sizes!;
  const page = results.pageLoad!;
  const conversation = results.conversation!;
  const cadence = results.cadence!;
  const soak = results.soak!;
  const { commit, widgetChanges } = commitOf(results);
  const machine = machineOf(results);
  const longMessages = conversation.messages.toLocaleString('en');
  const runs = (measured: number, warmup: number) => `${plural(measured, 'run')} after ${plural(warmup, 'warm-up run')}`;
  const idle = cadence.find((state) => state.name.includes('idle'));
  const cadenceMessages = results.cadenceMessages ? `its own ${results.cadenceMessages.toLocaleString('en')}-message conversation` : 'its own short conversation';

  return `${HEADING}

\`npm run bench\` builds, then measures everything below in one run and prints tables of medians with
their spread, min and max, and the ratio to each baseline. The JSON goes to \`bench/results/latest.json\`,
which git ignores. Warm-up runs are discarded. No figure is written down in advance and none is
asserted: the tests hold only the deterministic budgets, such as bundle bytes. This section is
generated from the run by \`bench/report.ts\`: a full run writes it to \`bench/results/README-section.md\`,
and \`npm run bench -- --readme\` (or \`node --import tsx bench/report.ts\`) puts the one made from
\`latest.json\` here. \`npm run bench -- --quick\` does fewer runs with short windows, leaves out the idle
state and uses a 1,000-message conversation. It is meant for working on the bench. Its figures are not
for quoting. \`--only=size,soak,page,conversation,cadence\` runs only some parts.

How each figure is measured:

- **Baselines.** The same plain page with no widget, and with the *floor*: \`bench/floor/\`, a minimal
  Preact + hooks + ofetch launcher. It has a round button, a panel with one form, one poll and a shadow
  root. It is built with Vite's \`build()\` at bench time, minified like \`dist/parley.js\`. A tiny \`node:http\`
  server on 127.0.0.1 serves the page. The Parley version carries the real install snippet, pointed at
  the emulator, which runs in a child process.
- **Page load.** Headless Chromium (\`/usr/bin/chromium\` through playwright-core, with the tests' launch
  flags). Each load gets a fresh context, with nothing cached, and the run order rotates. The launcher
  counts as visible once an in-page \`requestAnimationFrame\` check finds the button in the shadow root
  rendered and visible. Long tasks come from a \`PerformanceObserver('longtask')\` with the CPU throttled
  4× through CDP \`Emulation.setCPUThrottlingRate\`. A long task holds the page's own work too (parsing,
  style, layout), so the widget's own share is measured apart: for each frame over 50 ms, Chromium's
  Long Animation Frames API lists the script runs over 5 ms with their script's URL, and the longest
  run of the widget's own file is shown (0 when no long frame had one). The heap figure is CDP \`JSHeapUsedSize\` after two
  \`HeapProfiler.collectGarbage\`, paired with the no-widget page of the same run. Requests are counted
  with \`page.on('request')\` for 3 s after the launcher shows.
- **Long conversation.** ${longMessages} messages are seeded through the emulator's HTTP API with the server key.
  Each run resumes the conversation in a fresh context through the widget's localStorage pointer.
  A closed panel renders no log, so resuming at load ends when the launcher shows the unread badge;
  the open panel shows the latest messages, earlier ones on request, and its DOM nodes are counted.
  Scripting and main-thread time come from CDP \`Performance.getMetrics\`: \`ScriptDuration\` and
  \`TaskDuration\`. DOM mutations are counted by a \`MutationObserver\` on the shadow root (subtree,
  childList, attributes, characterData), from one quiet moment between polls to the next. The new
  message is an agent reply posted through the API. The baseline is a ${conversation.baselineMessages.toLocaleString('en')}-message conversation.
- **Requests and bytes per hour.** Every state runs at the same time, each in its own context, with
  ${cadenceMessages}. Each sits behind its own byte-counting TCP proxy in front of the
  emulator, so CORS preflights are counted too. The windows are real and are stated in the table;${
    idle ? ' the\n  idle state gets its real 2 minutes without activity.' : ''
  } A "hidden" tab is emulated with a
  \`visibilityState\` override and a \`visibilitychange\` event. "ETag off" is a second emulator process
  started with the switch off.

${wrap(`Run of ${results.date.slice(0, 10)}, at commit \`${commit}\`${
    widgetChanges ? ` with ${plural(widgetChanges, 'uncommitted file')} in \`widget/\`` : ''
  }, on a **shared machine${machine.cores ? ` with ${machine.cores} cores` : ''}** (${machine.cpu}, Node ${machine.node}, Chromium ${
    results.chromium ?? 'unknown'
  } headless). Other work may run beside the bench: the load average was ${loadAverage(results.loadAverageAtStart)} at the start and ${loadAverage(
    results.loadAverageAtEnd,
  )} at the end. Timings on this machine are noisy, so read the min–max spread with each median.${
    results.seconds !== undefined ? ` The bench took ${minutes(results.seconds)}, the build before it not counted.` : ''
  } Cells read "median (min–max)", and ratios are ratios of medians.`)}

Script size (KB = 1,024 bytes):

${markdownTable(scriptRows(sizes))}

<details><summary>Each part of dist/parley.js, minified and compressed on its own (so the parts add up to more than the whole)</summary>

${markdownTable(partRows(sizes))}

</details>

A plain page with no widget, with the floor and with Parley (${runs(page.runs - page.warmup, page.warmup)}):

${markdownTable(pageRows(page, { parley: sizes.whole, floor: sizes.floor }))}

A conversation of ${longMessages} messages at 1× CPU (${runs(conversation.runs - conversation.warmup, conversation.warmup)}; ${plural(
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
