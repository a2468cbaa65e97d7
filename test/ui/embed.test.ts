// The script-tag entry (widget/embed.ts) in a page: the snippet's queue, init, later calls, a
// second copy. The widget talks to the real emulator (through Node's fetch, as the page's fetch).

import { waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../widget/dom/page';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

type ParleyStub = ((...args: unknown[]) => unknown) & { q?: unknown[][]; version?: string };
const page = window as unknown as Window & { Parley?: ParleyStub };

let helpdesk: TestEmulator;
let errors: string[];
let warnings: string[];

beforeEach(async () => {
  helpdesk = await startTestEmulator();
  vi.resetModules();
  errors = [];
  warnings = [];
  vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args.join(' ')));
  vi.spyOn(console, 'warn').mockImplementation((...args) => void warnings.push(args.join(' ')));
  // The page's fetch is Node's: real loopback HTTP to the emulator.
  vi.stubGlobal('fetch', globalThis.fetch);
  localStorage.clear();
});
afterEach(async () => {
  page.Parley?.('shutdown');
  delete page.Parley;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  await helpdesk.cleanup();
});

/** The snippet from product.md, verbatim in behaviour. */
function snippet() {
  page.Parley =
    page.Parley ||
    ((...args: unknown[]) => {
      (page.Parley!.q = page.Parley!.q || []).push(args);
    });
  return page.Parley;
}
// The standalone entry: the same script-tag runtime as the loader's, with the app inside (the
// loader's fetching of files is tested in Chromium, test/e2e/loading.test.ts).
const loadBundle = () => import('../../widget/standalone');
/** Once the page is idle, after the bundle's own idle work (asked for earlier, run first). */
const idle = () => new Promise<void>((resolve) => whenIdle(window, resolve));
const WAITING = /the tag has no data-client-key, and no Parley\("init", …\) came by the page's load/;

describe('the script-tag entry', () => {
  it('replays calls made before it loaded, in order, then runs later calls at once', async () => {
    const seen: string[] = [];
    const Parley = snippet();
    Parley('on', 'ready', () => seen.push('ready'));
    Parley('on', 'open', () => seen.push('open'));
    Parley('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url, title: 'Help desk' });
    Parley('open');
    await loadBundle();
    // The widget starts in a task after the script's and runs the queued open: the launcher is
    // drawn at once, and ready comes right after, heard by the queued 'on'; open follows once the
    // panel is there.
    await waitFor(() => expect(seen).toEqual(['ready', 'open']));
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    expect(page.Parley!.q ?? []).toEqual([]);
    page.Parley!('close');
    page.Parley!('toggle');
    expect(seen).toEqual(['ready', 'open', 'open']);
    const root = document.getElementById('parley-root')!.shadowRoot!;
    expect(root.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Help desk');
  });

  it('keeps commands given before init and runs them once init comes', async () => {
    snippet();
    await loadBundle();
    const opened = vi.fn();
    page.Parley!('on', 'open', opened);
    page.Parley!('open');
    expect(document.getElementById('parley-root')).toBeNull();
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await waitFor(() => expect(opened).toHaveBeenCalledTimes(1));
    expect(document.getElementById('parley-root')!.shadowRoot!.querySelector('[role="dialog"]')?.hasAttribute('hidden')).toBe(false);
    await idle();
    expect(warnings).toEqual([]);
  });

  it('says, once the page is idle, that it waits for an init that has not come (a plugin may have dropped the tag’s attributes)', async () => {
    snippet();
    await loadBundle();
    await idle();
    expect(warnings).toEqual([expect.stringMatching(WAITING)]);
    expect(warnings[0]).toMatch(/exclude parley\.js/);
    expect(document.getElementById('parley-root')).toBeNull();
    // Late, the init still starts the widget.
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await waitFor(() => expect(document.getElementById('parley-root')).not.toBeNull());
  });

  it('returns an unsubscribe function from Parley("on") even before the widget starts', async () => {
    snippet();
    await loadBundle();
    const early = vi.fn();
    const late = vi.fn();
    const unsubscribeEarly = page.Parley!('on', 'open', early) as () => void;
    const unsubscribeLate = page.Parley!('on', 'close', late) as () => void;
    expect(typeof unsubscribeEarly).toBe('function');
    unsubscribeEarly(); // before init: the subscription never happens
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    page.Parley!('open');
    await waitFor(() => expect(document.getElementById('parley-root')).not.toBeNull());
    page.Parley!('close');
    expect(late).toHaveBeenCalledTimes(1);
    unsubscribeLate(); // after the start: unsubscribed from the running widget
    page.Parley!('open');
    page.Parley!('close');
    expect(late).toHaveBeenCalledTimes(1);
    expect(early).not.toHaveBeenCalled();
  });

  it('gives a promise from Parley("transcript") even before the widget starts, kept once it has', async () => {
    snippet();
    await loadBundle();
    const early = page.Parley!('transcript') as Promise<string>;
    expect(early).toBeInstanceOf(Promise);
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    // No conversation on this browser: nothing to copy.
    await expect(early).resolves.toBe('');
  });

  it('reports a bad command or a bad config in the console and never throws into the page', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: 'bnc_sv_secret', apiUrl: helpdesk.url });
    await loadBundle();
    await waitFor(() => expect(errors.join('\n')).toMatch(/server key/i));
    expect(document.getElementById('parley-root')).toBeNull();
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: 'ftp://nope' });
    expect(() => page.Parley!('fly')).not.toThrow();
    await waitFor(() => expect(errors.join('\n')).toMatch(/ftp/));
    expect(document.getElementById('parley-root')).toBeNull();
  });

  it('reports a bad call made before the widget starts at once, and does not keep it', async () => {
    snippet();
    await loadBundle();
    page.Parley!('fly');
    page.Parley!('identify', { email: 'not an email' });
    expect(page.Parley!('on', 'opened', () => {})).toBeUndefined();
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/Unknown command "fly"/);
    expect(errors[1]).toMatch(/Parley\("identify"\) needs a valid "email"/);
    expect(errors[2]).toMatch(/unknown event "opened"/);
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await waitFor(() => expect(document.getElementById('parley-root')).not.toBeNull());
    // Nothing of the bad calls was kept to fail again once the widget runs.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toHaveLength(3);
  });

  it('after a refused init, says that commands wait, and runs them once an init succeeds', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: 'bnc_sv_secret', apiUrl: helpdesk.url });
    await loadBundle();
    await waitFor(() => expect(errors.join('\n')).toMatch(/server key/i));
    const opened = vi.fn();
    page.Parley!('on', 'open', opened);
    page.Parley!('open');
    expect(warnings.join('\n')).toMatch(/Parley\("open"\) waits for a Parley\("init"\) that succeeds/);
    expect(opened).not.toHaveBeenCalled();
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await waitFor(() => expect(opened).toHaveBeenCalledTimes(1));
    const dialog = document.getElementById('parley-root')!.shadowRoot!.querySelector('[role="dialog"]');
    expect(dialog?.hasAttribute('hidden')).toBe(false);
  });

  it('mounts once when loaded twice, and says so', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await loadBundle();
    vi.resetModules();
    await loadBundle();
    await waitFor(() => expect(document.querySelectorAll('#parley-root')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/loaded twice/);
  });

  it('shutdown removes the widget; later calls do nothing', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await loadBundle();
    await waitFor(() => expect(document.getElementById('parley-root')).not.toBeNull());
    page.Parley!('shutdown');
    expect(document.getElementById('parley-root')).toBeNull();
    page.Parley!('open');
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    expect(document.getElementById('parley-root')).toBeNull();
    await waitFor(() => expect(helpdesk.requests).toHaveLength(0));
  });
});
