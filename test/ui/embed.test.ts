// The script-tag entry (widget/embed.ts) in a page: the snippet's queue, init, later calls, a
// second copy. The widget talks to the real emulator (through Node's fetch, as the page's fetch).

import { waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
  page.Parley = page.Parley || function (...args: unknown[]) { (page.Parley!.q = page.Parley!.q || []).push(args); };
  return page.Parley;
}
const loadBundle = () => import('../../widget/embed');

describe('the script-tag entry', () => {
  it('replays calls made before it loaded, in order, then runs later calls at once', async () => {
    const seen: string[] = [];
    const Parley = snippet();
    Parley('on', 'ready', () => seen.push('ready'));
    Parley('on', 'open', () => seen.push('open'));
    Parley('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url, title: 'Help desk' });
    Parley('open');
    await loadBundle();
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    // The queued open ran during the replay; ready came right after, heard by the queued 'on'.
    expect(seen).toEqual(['open', 'ready']);
    expect(page.Parley!.q ?? []).toEqual([]);
    page.Parley!('close');
    page.Parley!('toggle');
    expect(seen).toEqual(['open', 'ready', 'open']);
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
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('reports a bad command or a bad config in the console and never throws into the page', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: 'bnc_sv_secret', apiUrl: helpdesk.url });
    await loadBundle();
    expect(document.getElementById('parley-root')).toBeNull();
    expect(errors.join('\n')).toMatch(/server key/i);
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: 'ftp://nope' });
    expect(() => page.Parley!('fly')).not.toThrow();
    expect(document.getElementById('parley-root')).toBeNull();
  });

  it('mounts once when loaded twice, and says so', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await loadBundle();
    vi.resetModules();
    await loadBundle();
    expect(document.querySelectorAll('#parley-root')).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/loaded twice/);
  });

  it('shutdown removes the widget; later calls do nothing', async () => {
    const Parley = snippet();
    Parley('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    await loadBundle();
    page.Parley!('shutdown');
    expect(document.getElementById('parley-root')).toBeNull();
    page.Parley!('open');
    page.Parley!('init', { clientKey: helpdesk.keys.client, apiUrl: helpdesk.url });
    expect(document.getElementById('parley-root')).toBeNull();
    await waitFor(() => expect(helpdesk.requests).toHaveLength(0));
  });
});
