// The page adapters the core is given: ids for tabs, replies and create requests; and the
// scheduling of the widget's start-up steps.

import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { afterNextPaint, randomId } from '../../widget/dom/page';

const windowWith = (crypto: Partial<Crypto>) => ({ crypto }) as unknown as Window;

describe('randomId', () => {
  it('uses randomUUID where the page is a secure context', () => {
    expect(randomId(windowWith({ randomUUID: () => '0e5f6b1c-0000-4000-8000-000000000000' }))).toBe('0e5f6b1c-0000-4000-8000-000000000000');
  });

  it('falls back to 128 random bits on a plain http page, never repeating', () => {
    const win = windowWith({ getRandomValues: webcrypto.getRandomValues.bind(webcrypto) as Crypto['getRandomValues'] });
    const ids = new Set(Array.from({ length: 1000 }, () => randomId(win)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^\d+-\d+-\d+-\d+$/);
  });
});

describe('afterNextPaint', () => {
  /** A page with frames and visibility driven by the test; tasks are Node's timers. */
  function page(visibilityState: 'visible' | 'hidden') {
    const frames: Array<() => void> = [];
    const listeners = new Set<() => void>();
    const doc = {
      visibilityState,
      addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
    };
    const win = { document: doc, requestAnimationFrame: (frame: () => void) => frames.push(frame), setTimeout } as unknown as Window;
    return {
      win,
      frame: () => {
        for (const frame of frames.splice(0)) frame();
      },
      hide: () => {
        doc.visibilityState = 'hidden';
        for (const listener of [...listeners]) listener();
      },
      listeners,
    };
  }
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('runs the task in a task after the next frame, once', async () => {
    const p = page('visible');
    let runs = 0;
    afterNextPaint(p.win, () => runs++);
    await tick();
    expect(runs).toBe(0);
    p.frame();
    expect(runs).toBe(0); // not inside the frame: in a task after it
    await tick();
    expect(runs).toBe(1);
    expect(p.listeners.size).toBe(0);
  });

  it('does not wait for a frame that will not come: the page was hidden, or is hidden meanwhile', async () => {
    const hidden = page('hidden');
    let runs = 0;
    afterNextPaint(hidden.win, () => runs++);
    await tick();
    expect(runs).toBe(1);

    const hiddenLater = page('visible');
    afterNextPaint(hiddenLater.win, () => runs++);
    hiddenLater.hide();
    await tick();
    expect(runs).toBe(2);
    hiddenLater.frame(); // shown again: the frame comes, the task does not run twice
    await tick();
    expect(runs).toBe(2);
  });
});
