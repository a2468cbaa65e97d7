// Command-line flags of `npm run emulator`, parsed into EmulatorOptions. Pure, so tests can call it.

import { parseArgs } from 'node:util';
import { checkSwitches } from './switches';
import type { EmulatorOptions, Switches } from './types';

export const DEFAULT_DATA_DIR = '.data/emulator';
/** Fixed, unlike the library's free port, so a page and curl can be pointed at it once. */
export const DEFAULT_PORT = 8787;

export const USAGE = `Usage: npm run emulator -- [options]

Starts the local stand-in of the helpdesk's Conversations API.

Options:
  --port <n>             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>       address to listen on (default 127.0.0.1)
  --client-key <key>     a client key (bnc_cl_...), repeatable (default bnc_cl_demo)
  --server-key <key>     a server key (bnc_sv_...), repeatable (default bnc_sv_demo)
  --allow-origin <o>     an origin the client keys accept, e.g. http://localhost:5173, or *;
                         repeatable, applies to every client key (default *)
  --data <dir>           folder for db.json (default ${DEFAULT_DATA_DIR})
  --rate-limit <n>       requests per key per minute (default 600)
  --switch <name=value>  set a switch at start, repeatable, e.g. --switch listEnvelope=count-results
  -h, --help             show this help
`;

export class CliError extends Error {}

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: EmulatorOptions };

function integer(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new CliError(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function keys(flag: string, values: string[] | undefined, prefix: string): string[] | undefined {
  for (const key of values ?? []) {
    if (!key.startsWith(prefix) || key.length <= prefix.length || /\s/.test(key)) {
      throw new CliError(`--${flag} must start with ${prefix} (got "${key}")`);
    }
  }
  return values;
}

function origin(value: string): string {
  if (value === '*') return value;
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    // reported below
  }
  // An origin is scheme://host[:port] and nothing else: a trailing slash would never match.
  if (!parsed || parsed.origin !== value) {
    throw new CliError(`--allow-origin must be * or an origin like http://localhost:5173 (got "${value}")`);
  }
  return value;
}

function switchesFrom(values: string[] | undefined): Partial<Switches> | undefined {
  if (!values) return undefined;
  const partial: Record<string, unknown> = {};
  for (const entry of values) {
    const [name, ...rest] = entry.split('=');
    if (!name || rest.length === 0) throw new CliError(`--switch must be name=value (got "${entry}")`);
    const raw = rest.join('=');
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a bare word such as count-results stays a string
    }
    partial[name] = value;
  }
  const problems = Object.entries(checkSwitches(partial)).map(([name, messages]) => `${name}: ${messages.join(' ')}`);
  if (problems.length > 0) throw new CliError(`--switch ${problems.join('; ')}`);
  return partial as Partial<Switches>;
}

export function parseCli(argv: string[]): CliCommand {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the assignment below, from parseArgs's options (a long type to spell out)
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'client-key': { type: 'string', multiple: true },
        'server-key': { type: 'string', multiple: true },
        'allow-origin': { type: 'string', multiple: true },
        data: { type: 'string' },
        'rate-limit': { type: 'string' },
        switch: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const allowedOrigins = (values['allow-origin'] ?? ['*']).map(origin);
  const clientKeys = keys('client-key', values['client-key'], 'bnc_cl_') ?? ['bnc_cl_demo'];
  const options: EmulatorOptions = {
    dataDir: values.data ?? DEFAULT_DATA_DIR,
    port: integer('port', values.port, 0, 65535) ?? DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    clientKeys: clientKeys.map((key) => ({ key, allowedOrigins })),
    serverKeys: keys('server-key', values['server-key'], 'bnc_sv_') ?? ['bnc_sv_demo'],
  };
  const rateLimit = integer('rate-limit', values['rate-limit'], 1, 1_000_000);
  if (rateLimit !== undefined) options.rateLimitPerMinute = rateLimit;
  const switches = switchesFrom(values.switch);
  if (switches) options.switches = switches;
  return { kind: 'run', options };
}
