// `npm run demo`: the emulator (the helpdesk API, on its own origin) and the demo site (host pages,
// the built widget, the agent console) on another origin, as a site owner's setup is in real life.
// startDemo() is the same setup for the browser tests, on free ports with a throwaway data dir.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildConsole, CONSOLE_BASE, type ConsoleFiles } from './console/build';
import { startEmulator } from './emulator/index';
import type { Emulator, Switches } from './emulator/types';

export const DEMO_CLIENT_KEY = 'bnc_cl_demo_public';
/** A server key in a browser is a leaked secret; the console may hold it only because this is a local demo. */
export const DEMO_SERVER_KEY = 'bnc_sv_demo_secret';
export const DEMO_AGENT_EMAIL = 'sam@kestrel-coffee.example';

const REPO_DIR = fileURLToPath(new URL('..', import.meta.url));
const SITE_DIR = path.join(REPO_DIR, 'demo', 'site');

/** The host pages, in the order of the demo's navigation. */
export const DEMO_PAGES = [
  { path: '/', file: 'index.html', label: 'Shop' },
  { path: '/aggressive-css.html', file: 'aggressive-css.html', label: 'Hostile CSS' },
  { path: '/strict-csp.html', file: 'strict-csp.html', label: 'Strict CSP', strictCsp: true },
  { path: '/rtl.html', file: 'rtl.html', label: 'Arabic (RTL)' },
  { path: '/inline.html', file: 'inline.html', label: 'Inline panel' },
  { path: '/spa/', file: 'spa.html', label: 'Single-page app' },
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface DemoOptions {
  /** Preferred API port; when taken, a free one is used. 0: any free port. Default 8787. */
  apiPort?: number;
  /** Preferred site port; when taken, a free one is used. 0: any free port. Default 8080. */
  sitePort?: number;
  host?: string;
  /** Where the emulator keeps its data between runs. Default `.data/demo/`. */
  dataDir?: string;
  switches?: Partial<Switches>;
  /**
   * The widget's loader served as /parley.js, with the files beside it (its chunks, parley-*.js) at
   * /parley-*.js. Default `dist/parley.js`; read again on every request.
   */
  widgetFile?: string;
}

export interface Demo {
  /** e.g. `http://127.0.0.1:8080` (no trailing slash). */
  siteUrl: string;
  apiUrl: string;
  consoleUrl: string;
  emulator: Emulator;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const consoleFiles = await consoleBuild();
  const settings: SiteSettings = {
    apiUrl: '',
    consoleFiles,
    widgetFile: options.widgetFile ?? path.join(REPO_DIR, 'dist', 'parley.js'),
  };
  const site = createServer((request, response) => {
    handle(request, response, settings).catch((error: unknown) => {
      console.error('[demo] request failed:', error);
      if (!response.headersSent) send(response, request, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });
  const sitePort = await listen(site, options.sitePort ?? 8080, host);
  // The client key allows exactly this origin. http://localhost:<port> is therefore a foreign
  // origin, which is how the console lets anyone watch the origin refusal.
  const siteUrl = `http://${host}:${sitePort}`;

  let emulator: Emulator;
  try {
    emulator = await startEmulatorWithFallback({
      dataDir: options.dataDir ?? path.join(REPO_DIR, '.data', 'demo'),
      port: options.apiPort ?? 8787,
      host,
      clientKeys: [{ key: DEMO_CLIENT_KEY, allowedOrigins: [siteUrl] }],
      serverKeys: [DEMO_SERVER_KEY],
      agentEmail: DEMO_AGENT_EMAIL,
      ...(options.switches ? { switches: options.switches } : {}),
    });
  } catch (error) {
    await closeServer(site);
    throw error;
  }
  settings.apiUrl = emulator.url;

  let stopping: Promise<void> | null = null;
  return {
    siteUrl,
    apiUrl: emulator.url,
    consoleUrl: `${siteUrl}${CONSOLE_BASE}`,
    emulator,
    stop() {
      stopping ??= Promise.all([closeServer(site), emulator.stop()]).then(() => undefined);
      return stopping;
    },
  };
}

// One build per process: the browser tests start several demos, and the sources don't change.
let consoleBuildOnce: Promise<ConsoleFiles> | null = null;
function consoleBuild(): Promise<ConsoleFiles> {
  consoleBuildOnce ??= buildConsole();
  consoleBuildOnce.catch(() => {
    consoleBuildOnce = null;
  });
  return consoleBuildOnce;
}

async function startEmulatorWithFallback(config: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  try {
    return await startEmulator(config);
  } catch (error) {
    if (!isAddressInUse(error) || !config.port) throw error;
    return startEmulator({ ...config, port: 0 });
  }
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
}

function listen(server: Server, port: number, host: string): Promise<number> {
  const attempt = (wanted: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(wanted, host, () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
  return attempt(port).catch((error: unknown) => {
    if (!isAddressInUse(error) || port === 0) throw error;
    return attempt(0);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Browsers keep connections alive; without this close() would wait for them to time out.
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------
// The site server: a small static server, templating the host pages' snippet.

interface SiteSettings {
  apiUrl: string;
  consoleFiles: ConsoleFiles;
  widgetFile: string;
}

type Route =
  | { kind: 'page'; file: string; strictCsp: boolean }
  | { kind: 'file'; file: string }
  | { kind: 'widget'; name: string }
  | { kind: 'console-config' }
  | { kind: 'console-file'; name: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'bad-request' }
  | { kind: 'not-found' };

async function handle(request: IncomingMessage, response: ServerResponse, settings: SiteSettings): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, request, 405, 'text/plain; charset=utf-8', 'Method not allowed');
  }
  const route = await resolveRoute(request.url ?? '/');
  switch (route.kind) {
    case 'page':
      return sendPage(response, request, route.file, route.strictCsp, settings);
    case 'file':
      return send(response, request, 200, contentType(route.file), await readFile(route.file));
    case 'widget':
      // The loader, or a file beside it (its chunks), as a site would host the dist/ folder.
      return sendWidget(response, request, route.name === 'parley.js' ? settings.widgetFile : path.join(path.dirname(settings.widgetFile), route.name));
    case 'console-config':
      return send(response, request, 200, CONTENT_TYPES['.json']!, JSON.stringify(consoleConfig(settings)));
    case 'console-file': {
      const body = settings.consoleFiles.get(route.name);
      if (body === undefined) return sendNotFound(response, request);
      return send(response, request, 200, contentType(route.name), body);
    }
    case 'redirect':
      response.setHeader('Location', route.location);
      return send(response, request, 301, 'text/plain; charset=utf-8', `Moved to ${route.location}`);
    case 'bad-request':
      return send(response, request, 400, 'text/plain; charset=utf-8', 'Bad request');
    case 'not-found':
      return sendNotFound(response, request);
  }
}

async function resolveRoute(rawUrl: string): Promise<Route> {
  let pathname: string;
  try {
    // The WHATWG parser already folds `/../` and `/%2e%2e/`; what it leaves encoded (`%2f`, `%5c`)
    // is decoded here and checked by insideDir() below.
    pathname = decodeURIComponent(new URL(rawUrl, 'http://demo.invalid').pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'bad-request' };

  const widgetFile = pathname.match(/^\/(parley[\w.-]*\.js)$/);
  if (widgetFile) return { kind: 'widget', name: widgetFile[1]! };
  if (pathname === CONSOLE_BASE.slice(0, -1)) return { kind: 'redirect', location: CONSOLE_BASE };
  if (pathname === `${CONSOLE_BASE}config.json`) return { kind: 'console-config' };
  if (pathname.startsWith(CONSOLE_BASE)) {
    const name = pathname.slice(CONSOLE_BASE.length) || 'index.html';
    return { kind: 'console-file', name };
  }
  if (pathname === '/spa') return { kind: 'redirect', location: '/spa/' };
  // The single-page app owns every path under /spa/: a reload after pushState must land on it.
  if (pathname.startsWith('/spa/')) return pageRoute('spa.html');
  if (pathname === '/') return pageRoute('index.html');

  const file = insideDir(SITE_DIR, pathname.slice(1));
  if (!file || !(path.extname(file) in CONTENT_TYPES) || !(await isFile(file))) return { kind: 'not-found' };
  if (file.endsWith('.html')) return pageRoute(path.relative(SITE_DIR, file));
  return { kind: 'file', file };
}

function pageRoute(name: string): Route {
  const page = DEMO_PAGES.find((candidate) => candidate.file === name);
  return {
    kind: 'page',
    file: path.join(SITE_DIR, name),
    strictCsp: page !== undefined && 'strictCsp' in page && page.strictCsp,
  };
}

/** The absolute path of `relative` inside `dir`, or null when it would leave `dir`. */
function insideDir(dir: string, relative: string): string | null {
  const full = path.resolve(dir, relative);
  return full.startsWith(dir + path.sep) ? full : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

async function sendPage(response: ServerResponse, request: IncomingMessage, file: string, strictCsp: boolean, settings: SiteSettings): Promise<void> {
  const nonce = randomBytes(16).toString('base64');
  const currentPath = (request.url ?? '/').split('?')[0] ?? '/';
  const html = fillTemplate(await readFile(file, 'utf8'), {
    PARLEY_API_URL: escapeHtml(settings.apiUrl),
    PARLEY_CLIENT_KEY: escapeHtml(DEMO_CLIENT_KEY),
    PARLEY_NONCE: nonce,
    DEMO_NAV: demoNav(currentPath),
  });
  if (strictCsp) response.setHeader('Content-Security-Policy', strictCspHeader(nonce, new URL(settings.apiUrl).origin));
  send(response, request, 200, CONTENT_TYPES['.html']!, html);
}

export function strictCspHeader(nonce: string, apiOrigin: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `connect-src ${apiOrigin}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function fillTemplate(html: string, values: Record<string, string>): string {
  return html.replace(/%%([A-Z_]+)%%/g, (placeholder, name: string) => values[name] ?? placeholder);
}

function demoNav(currentPath: string): string {
  const isCurrent = (pagePath: string) =>
    pagePath === '/spa/' ? currentPath.startsWith('/spa') : currentPath === pagePath || (pagePath === '/' && currentPath === '/index.html');
  const links = DEMO_PAGES.map((page) => `<a href="${page.path}"${isCurrent(page.path) ? ' aria-current="page"' : ''}>${escapeHtml(page.label)}</a>`);
  links.push(`<a href="${CONSOLE_BASE}" target="_blank" rel="noopener" class="demo-nav-console">Agent console ↗</a>`);
  return (
    '<nav class="demo-nav" aria-label="Parley demo pages" dir="ltr" lang="en">' +
    '<span class="demo-nav-label">Parley demo</span>' +
    `<span class="demo-nav-links">${links.join('')}</span></nav>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function sendWidget(response: ServerResponse, request: IncomingMessage, widgetFile: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(widgetFile);
  } catch {
    const message = `${path.relative(REPO_DIR, widgetFile)} is missing: run \`npm run build\` (npm run demo does).`;
    // A chunk of another build is simply not here; the loader itself missing means no build at all.
    return send(response, request, path.basename(widgetFile) === 'parley.js' ? 503 : 404, 'text/plain; charset=utf-8', message);
  }
  send(response, request, 200, CONTENT_TYPES['.js']!, body);
}

function consoleConfig(settings: SiteSettings) {
  return { apiUrl: settings.apiUrl, serverKey: DEMO_SERVER_KEY, clientKey: DEMO_CLIENT_KEY, agentEmail: DEMO_AGENT_EMAIL };
}

function sendNotFound(response: ServerResponse, request: IncomingMessage): void {
  send(response, request, 404, 'text/plain; charset=utf-8', 'Not found');
}

function send(response: ServerResponse, request: IncomingMessage, status: number, type: string, body: string | Uint8Array): void {
  response.statusCode = status;
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  // A demo is for watching edits land: the widget, the pages and the console are never cached.
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.end(request.method === 'HEAD' ? undefined : body);
}

// ---------------------------------------------------------------------------------------------
// The command line.

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${value} is not a port number.`);
  return port;
}

function printBanner(demo: Demo, dataDir: string, wanted: { site: number; api: number }): void {
  const sitePort = Number(new URL(demo.siteUrl).port);
  const apiPort = Number(new URL(demo.apiUrl).port);
  const width = Math.max(...DEMO_PAGES.map((page) => page.label.length)) + 2;
  const lines = [
    '',
    '  Parley demo is running.',
    '',
    '  Host pages (open these in a browser):',
    ...DEMO_PAGES.map((page) => `    ${page.label.padEnd(width)}${demo.siteUrl}${page.path}`),
    '',
    `  Agent console   ${demo.consoleUrl}`,
    `  Helpdesk API    ${demo.apiUrl}   (local emulator, data in ${path.relative(process.cwd(), dataDir) || dataDir}/)`,
    '',
  ];
  if (!existsSync(path.join(REPO_DIR, 'dist', 'parley.js'))) {
    lines.push('  dist/parley.js is missing: the pages will load without the widget. Run `npm run build` (npm run demo does).');
  }
  if (wanted.site && sitePort !== wanted.site) lines.push(`  Port ${wanted.site} was taken: the site is on ${sitePort}.`);
  if (wanted.api && apiPort !== wanted.api) lines.push(`  Port ${wanted.api} was taken: the API is on ${apiPort}.`);
  lines.push('  Ctrl-C stops everything.', '');
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const wanted = { site: portFromEnv('PARLEY_DEMO_PORT', 8080), api: portFromEnv('PARLEY_API_PORT', 8787) };
  const dataDir = path.join(REPO_DIR, '.data', 'demo');
  console.log('  Starting the Parley demo (building the agent console)…');
  const demo = await startDemo({ sitePort: wanted.site, apiPort: wanted.api, dataDir });
  printBanner(demo, dataDir, wanted);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: the user wants out now.
      process.exit(130);
    }
    stopping = true;
    console.log(`\n  ${signal}: stopping the demo…`);
    demo.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error('[demo] could not start:', error);
    process.exit(1);
  });
}
