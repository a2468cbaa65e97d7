// `npm run demo`'s server over real HTTP: the host pages with their snippet filled in, the strict
// CSP page's header and nonces, the widget bundle, the console, and a static server that serves
// nothing outside demo/site/.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CLIENT_KEY, DEMO_PAGES, DEMO_SERVER_KEY, type Demo, startDemo } from '../../demo/serve';

const WIDGET_SOURCE = '/* a stand-in for dist/parley.js */ window.__parleyFixture = true;\n';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A request with the path sent byte for byte: fetch() and new URL() would fold `/../` away before
 * the server could see it, which is exactly what these tests must not rely on.
 */
function get(baseUrl: string, rawPath: string, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path: rawPath, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function startTestDemo(workDir: string, widgetFile: string): Promise<Demo> {
  const dataDir = await mkdtemp(join(workDir, 'data-'));
  return startDemo({ apiPort: 0, sitePort: 0, dataDir, widgetFile });
}

let workDir = '';
let widgetFile = '';
let demo: Demo;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'parley-demo-test-'));
  widgetFile = join(workDir, 'parley.js');
  await writeFile(widgetFile, WIDGET_SOURCE);
  demo = await startTestDemo(workDir, widgetFile);
}, 120_000);

afterAll(async () => {
  await demo?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the host pages', () => {
  test.each(DEMO_PAGES.map((page) => [page.path, page]))('%s carries the install snippet, filled in', async (path) => {
    const page = await get(demo.siteUrl, path);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments) };');
    expect(page.body).toMatch(/<script src="\/parley\.js" defer[\s>]/);
    expect(page.body).toContain(`data-client-key="${DEMO_CLIENT_KEY}"`);
    expect(page.body).toContain(`data-api-url="${demo.apiUrl}"`);
    expect(page.body).not.toContain('%%');
    // A server key in a public page is a leaked secret, even in a demo.
    expect(page.body).not.toContain('bnc_sv_');
    // The shared navigation links every page and the console.
    for (const other of DEMO_PAGES) expect(page.body).toContain(`href="${other.path}"`);
    expect(page.body).toContain('href="/console/"');
  });

  test('the API is on another origin than the site, as in real life', () => {
    expect(new URL(demo.apiUrl).origin).not.toBe(new URL(demo.siteUrl).origin);
  });

  test('the pages use their documented options', async () => {
    expect((await get(demo.siteUrl, '/rtl.html')).body).toMatch(/<html lang="ar" dir="rtl">[\s\S]*data-locale="ar"/);
    expect((await get(demo.siteUrl, '/inline.html')).body).toMatch(/data-mode="inline"\s+data-target="#support"/);
    expect((await get(demo.siteUrl, '/inline.html')).body).toContain('id="support"');
    expect((await get(demo.siteUrl, '/')).body).toContain('data-parley-open');
  });

  test('the single-page app answers its client-side routes, so a reload lands on it', async () => {
    const deepLink = await get(demo.siteUrl, '/spa/v60');
    expect(deepLink.status).toBe(200);
    expect(deepLink.body).toContain('history.pushState');
    expect((await get(demo.siteUrl, '/spa')).headers.location).toBe('/spa/');
  });

  test('the client key lets the site origin call the API', async () => {
    const response = await fetch(`${demo.apiUrl}/api/v1/conversations/`, {
      headers: { Authorization: `Bearer ${DEMO_CLIENT_KEY}`, Origin: demo.siteUrl },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(demo.siteUrl);
  });
});

describe('the strict-CSP page', () => {
  const nonceOf = (header: string) => /'nonce-([^']+)'/.exec(header)?.[1];

  test('is served with the policy, and its snippet carries the same nonce', async () => {
    const page = await get(demo.siteUrl, '/strict-csp.html');
    const header = String(page.headers['content-security-policy']);
    const nonce = nonceOf(header)!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(header).toBe(
      `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; ` +
        `connect-src ${new URL(demo.apiUrl).origin}; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
    );
    expect(header).not.toContain('unsafe-inline');

    const inlineScripts = page.body.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
    expect(inlineScripts).toEqual([`<script nonce="${nonce}">`]);
    expect(page.body).toMatch(new RegExp(`<script src="/parley\\.js" defer nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
    // Its own styles come from files: an inline <style> or style="" would be blocked.
    expect(page.body).not.toMatch(/<style|\sstyle="/);
  });

  test('gets a new nonce on every response', async () => {
    const first = nonceOf(String((await get(demo.siteUrl, '/strict-csp.html')).headers['content-security-policy']));
    const second = nonceOf(String((await get(demo.siteUrl, '/strict-csp.html')).headers['content-security-policy']));
    expect(first).not.toBe(second);
  });

  test('is the only page with a policy', async () => {
    expect((await get(demo.siteUrl, '/')).headers['content-security-policy']).toBeUndefined();
  });
});

describe('/parley.js', () => {
  test('is the built widget, as JavaScript, never cached', async () => {
    const script = await get(demo.siteUrl, '/parley.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('no-store');
    expect(script.body).toBe(WIDGET_SOURCE);
  });

  test('is read again on every request, so a rebuild shows on reload', async () => {
    await writeFile(widgetFile, `${WIDGET_SOURCE}// rebuilt\n`);
    try {
      expect((await get(demo.siteUrl, '/parley.js')).body).toContain('// rebuilt');
    } finally {
      await writeFile(widgetFile, WIDGET_SOURCE);
    }
  });
});

describe('the static server', () => {
  test('serves assets with their content types', async () => {
    const css = await get(demo.siteUrl, '/assets/shop.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(demo.siteUrl, '/assets/shop.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(demo.siteUrl, '/assets/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    expect(css.headers['x-content-type-options']).toBe('nosniff');
  });

  test.each([
    '/../package.json',
    '/../../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fserve.ts',
    '/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fpackage.json',
    '/..%5c..%5cpackage.json',
    '/assets/..\\..\\..\\package.json',
    '/%252e%252e/package.json',
    '/assets/%00../../serve.ts',
    '/console/../../package.json',
    '/console/..%2f..%2fpackage.json',
  ])('refuses the traversal %s', async (path) => {
    const answer = await get(demo.siteUrl, path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('"name": "parley"');
    expect(answer.body).not.toContain('startDemo');
  });

  test('answers 400 to a malformed escape instead of failing', async () => {
    expect((await get(demo.siteUrl, '/assets/%E0%A4%A')).status).toBe(400);
  });

  test.each(['/nope', '/nope.html', '/assets/', '/assets/missing.css', '/demo/serve.ts', '/index.htm', '/console/assets/missing.js'])(
    'answers 404 to the unknown path %s',
    async (path) => {
      const answer = await get(demo.siteUrl, path);
      expect(answer.status).toBe(404);
      expect(answer.body).toBe('Not found');
    },
  );

  test('takes GET and HEAD only', async () => {
    const head = await get(demo.siteUrl, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await get(demo.siteUrl, '/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('the agent console', () => {
  test('is served on its own path with its bundle', async () => {
    expect((await get(demo.siteUrl, '/console')).headers.location).toBe('/console/');
    const page = await get(demo.siteUrl, '/console/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(demo.consoleUrl).toBe(`${demo.siteUrl}/console/`);
    const scriptPath = /<script type="module" crossorigin src="(\/console\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(scriptPath).toBeDefined();
    const script = await get(demo.siteUrl, scriptPath!);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const stylePath = /href="(\/console\/assets\/[^"]+\.css)"/.exec(page.body)?.[1];
    expect((await get(demo.siteUrl, stylePath!)).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  test('gets the API URL and the server key from the demo server', async () => {
    const config = JSON.parse((await get(demo.siteUrl, '/console/config.json')).body) as Record<string, string>;
    expect(config).toMatchObject({ apiUrl: demo.apiUrl, serverKey: DEMO_SERVER_KEY, clientKey: DEMO_CLIENT_KEY });
    const switches = await fetch(`${demo.apiUrl}/__emulator/switches`, {
      headers: { Authorization: `Bearer ${config.serverKey}`, Origin: demo.siteUrl },
    });
    expect(switches.status).toBe(200);
    expect(switches.headers.get('access-control-allow-origin')).toBe(demo.siteUrl);
  });
});

describe('startDemo', () => {
  test('stop() frees both ports', async () => {
    const own = await startTestDemo(workDir, widgetFile);
    const ports = [Number(new URL(own.siteUrl).port), Number(new URL(own.apiUrl).port)];
    // A browser-like keep-alive connection must not hold the site server open.
    await fetch(`${own.siteUrl}/`, { headers: { Connection: 'keep-alive' } });
    await own.stop();
    await own.stop();
    for (const port of ports) expect(await canListen(port)).toBe(true);
  });

  test('moves to a free port when the one asked for is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const dataDir = await mkdtemp(join(workDir, 'data-'));
      const own = await startDemo({ sitePort: taken, apiPort: taken, dataDir, widgetFile });
      try {
        expect(Number(new URL(own.siteUrl).port)).not.toBe(taken);
        expect(Number(new URL(own.apiUrl).port)).not.toBe(taken);
        expect((await get(own.siteUrl, '/')).status).toBe(200);
      } finally {
        await own.stop();
      }
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('keeps the data between runs in its data folder', async () => {
    const dataDir = await mkdtemp(join(workDir, 'data-'));
    const first = await startDemo({ apiPort: 0, sitePort: 0, dataDir, widgetFile });
    const created = await fetch(`${first.apiUrl}/api/v1/conversations/create/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_SERVER_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'Kept between runs', user_email: 'kept@example.com' }),
    });
    expect(created.status).toBe(201);
    await first.stop();
    const second = await startDemo({ apiPort: 0, sitePort: 0, dataDir, widgetFile });
    try {
      expect(second.emulator.listConversations().map((conversation) => conversation.subject)).toEqual(['Kept between runs']);
    } finally {
      await second.stop();
    }
  });
});
