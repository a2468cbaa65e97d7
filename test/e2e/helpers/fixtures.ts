// Small host pages that no demo page covers (the queue before load, a bad config, two tags…),
// served from their own origin with the same build (dist/parley.js and the files beside it, at the
// site's root and in a sub-folder, /cdn/parley/), against their own emulator whose
// client key allows exactly that origin. Third-party libraries are served from the repository's
// node_modules at /node_modules/<package>/<file>, as a site would host its own copy, and
// test/e2e/fixtures/ at /fixtures/<file>.

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { DIST_DIR } from './browser';

/** The sub-folder where the fixture site also hosts dist/, as a CDN path would. */
export const SUB_FOLDER = '/cdn/parley/';

const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** URL prefix -> folder of the repository served under it. */
const STATIC_FOLDERS: Record<string, string> = { '/node_modules/': 'node_modules/', '/fixtures/': 'test/e2e/fixtures/' };
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const contentType = (path: string) => CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';

/** The repository file behind a static URL path, or null (no such prefix, or a way out of it). */
function staticFile(path: string): string | null {
  for (const [prefix, folder] of Object.entries(STATIC_FOLDERS)) {
    if (!path.startsWith(prefix)) continue;
    const relative = normalize(decodeURIComponent(path.slice(prefix.length)));
    return relative.startsWith('..') ? null : `${REPO_DIR}${folder}${relative}`;
  }
  return null;
}

export const FIXTURE_CLIENT_KEY = 'bnc_cl_fixture_public';

/** The URL path under which a fixture page loads a real library from npm, e.g. vendor('@hotwired/turbo/dist/turbo.es2017-umd.js'). */
export const vendor = (path: string) => `/node_modules/${path}`;

/** The install snippet's stub, verbatim from product.md. */
export const STUB = 'window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) };';

export interface FixtureSuite {
  readonly siteUrl: string;
  readonly emulator: TestEmulator;
  /**
   * Serves `html` at `path` (e.g. '/queue.html') and returns its URL. Pages are `no-store` unless
   * `cacheable` (a no-store page never enters the back/forward cache).
   */
  page(path: string, html: string, options?: { cacheable?: boolean; headers?: Record<string, string> }): string;
  /** The widget's script tag with data-* attributes; `data-client-key` and `data-api-url` default to this site's. */
  scriptTag(attributes?: Record<string, string | null>, extra?: string): string;
  /** A whole page: the stub (unless `stub: false`), `head`, the tag, then `body`. */
  html(options?: { head?: string; body?: string; attributes?: Record<string, string | null>; stub?: boolean; tag?: string | null; title?: string }): string;
  /** While true, every file of dist/ but parley.js answers 404 (a site that uploaded only the loader). */
  withoutChunks(missing: boolean): void;
  /** Paths of the widget's files requested so far (e.g. '/parley.js', '/parley-app.….js'). */
  readonly widgetRequests: readonly string[];
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function fixtureSuite(): FixtureSuite {
  const pages = new Map<string, { html: string; cacheable: boolean; headers: Record<string, string> }>();
  let server: Server | null = null;
  let siteUrl = '';
  let emulator: TestEmulator | null = null;
  let chunksMissing = false;
  const widgetRequests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      // dist/ at the root and in a sub-folder: the loader, its chunks, the standalone file.
      const widgetFile = path.match(/^(?:\/|\/cdn\/parley\/)(parley[\w.-]*\.js)$/)?.[1];
      if (widgetFile) {
        widgetRequests.push(path);
        const missing = chunksMissing && widgetFile !== 'parley.js';
        // Read on every request: a rebuilt bundle is picked up without restarting.
        (missing ? Promise.reject(new Error('hidden')) : readFile(`${DIST_DIR}${widgetFile}`)).then(
          (body) => {
            response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
            response.end(body);
          },
          () => {
            response.writeHead(404, { 'Content-Type': 'text/plain' });
            response.end(`dist/${widgetFile} is not here: run npm run build`);
          },
        );
        return;
      }
      const file = staticFile(path);
      if (file) {
        readFile(file).then(
          (body) => {
            response.writeHead(200, { 'Content-Type': contentType(file), 'Cache-Control': 'no-store' });
            response.end(body);
          },
          () => {
            response.writeHead(404, { 'Content-Type': 'text/plain' });
            response.end(`${path} is not in the repository (npm ci?)`);
          },
        );
        return;
      }
      const served = pages.get(path);
      const type = extname(path) === '.css' || extname(path) === '.js' ? contentType(path) : CONTENT_TYPES['.html']!;
      const cacheControl = served?.cacheable ? 'no-cache' : 'no-store';
      response.writeHead(served ? 200 : 404, { 'Content-Type': type, 'Cache-Control': cacheControl, ...served?.headers });
      response.end(served?.html ?? 'Not found');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    emulator = await startTestEmulator({ clientKeys: [{ key: FIXTURE_CLIENT_KEY, allowedOrigins: [siteUrl] }] });
  });
  beforeEach(() => {
    emulator?.clearRequests();
    chunksMissing = false;
    widgetRequests.length = 0;
  });
  afterAll(async () => {
    await emulator?.cleanup();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
  });

  const suite: FixtureSuite = {
    get siteUrl() {
      return siteUrl;
    },
    get emulator() {
      if (!emulator) throw new Error('The fixture emulator is not started yet (use it inside a test).');
      return emulator;
    },
    page(path, html, { cacheable = false, headers = {} } = {}) {
      pages.set(path, { html, cacheable, headers });
      return `${siteUrl}${path}`;
    },
    scriptTag(attributes = {}, extra = 'defer') {
      const all: Record<string, string | null> = { 'data-client-key': FIXTURE_CLIENT_KEY, 'data-api-url': suite.emulator.url, ...attributes };
      const rendered = Object.entries(all)
        .filter((entry): entry is [string, string] => entry[1] !== null)
        .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
        .join('');
      return `<script src="/parley.js" ${extra}${rendered}></script>`;
    },
    withoutChunks(missing) {
      chunksMissing = missing;
    },
    get widgetRequests() {
      return widgetRequests;
    },
    html({ head = '', body = '', attributes = {}, stub = true, tag, title = 'Fixture shop' } = {}) {
      const script = tag === null ? '' : (tag ?? suite.scriptTag(attributes));
      return (
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
        `${stub ? `<script>${STUB}</script>` : ''}${head}${script}</head>` +
        `<body><h1>${title}</h1><p>A host page for the widget.</p>${body}</body></html>`
      );
    },
  };
  return suite;
}
